import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { optionsMarkdown } from '../../src/engine/options-doc.js';
import { configKey, envName, OPTIONS, resolveOptions, type OptionDecl } from '../../src/engine/options.js';
import { CONFIG_KEYS } from '../../src/policy/config.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

const ALL = Object.entries(OPTIONS as Record<string, OptionDecl>);

test('docs/options.md is generated from the declarations (npm run gen:checks)', () => {
  assert.equal(readFileSync(join(REPO_ROOT, 'docs/options.md'), 'utf8'), optionsMarkdown());
});

test('one name, one meaning: environment variables and config keys are unique, and every config key is accepted by the config file', () => {
  const envs = new Map<string, string>();
  const keys = new Map<string, string>();
  for (const [name, o] of ALL) {
    const e = envName(o);
    if (e) {
      assert.ok(!envs.has(e), `${e} is declared by ${envs.get(e)} and ${name}`);
      envs.set(e, name);
    }
    const k = configKey(o);
    if (k) {
      assert.ok(!keys.has(k), `${k} is declared by ${keys.get(k)} and ${name}`);
      keys.set(k, name);
      assert.ok(CONFIG_KEYS.some((c) => c.key === k.split('.')[0]), `config key ${k} is not read by .kubeward.yaml`);
    }
    // A flag shared by two declarations must be command-scoped in all but one (e.g. -o, --format).
  }
  assert.equal(envs.get('KUBEWARD_FORMAT'), 'format');
  assert.equal(envs.get('KUBEWARD_DB'), 'db');
});

test('values are typed and validated: booleans strictly, severities in any case, lists flattened; precedence flag > env > config > default', () => {
  const r = resolveOptions(['images', 'failOn', 'checks', 'pss', 'progress'], {
    flags: { checks: ['a,b', 'c'] },
    env: { KUBEWARD_FAIL_ON: 'HIGH', KUBEWARD_IMAGES: 'yes' },
    config: { pss: 'restricted', checks: ['ignored'] },
  });
  assert.deepEqual(r.values, { images: true, failOn: 'high', checks: ['a', 'b', 'c'], pss: 'restricted', progress: true });
  assert.deepEqual(r.sources, { images: 'env', failOn: 'env', checks: 'flag', pss: 'config', progress: 'default' });
  assert.throws(() => resolveOptions(['images'], { flags: {}, env: { KUBEWARD_IMAGES: 'maybe' } }), /KUBEWARD_IMAGES must be true or false/);
  assert.throws(() => resolveOptions(['failOn'], { flags: { failOn: 'severe' }, env: {} }), /--fail-on must be one of critical, high, medium, low, info \(got "severe"\)/);
});

test('through the CLI: a bad boolean env value and a bad --fail-on are usage errors (exit 2); --fail-on takes any case', async () => {
  const bad = await runCli(['scan', 'examples/hardened-app.yaml'], { env: { KUBEWARD_PROGRESS: 'sometimes' } });
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, 'kubeward: KUBEWARD_PROGRESS must be true or false (1/0, yes/no, on/off), got "sometimes"\n');
  const upper = await runCli(['scan', 'examples/insecure-app.yaml', '--fail-on', 'CRITICAL', '-o', 'json']);
  assert.equal(upper.code, 1);
  const img = await runCli(['image', 'scan', '--sbom', 'examples/sbom/alpine-3.9.cdx.json', '--fail-on', 'unknown', '--db', join(REPO_ROOT, 'no-such.db')]);
  assert.equal(img.code, 2);
  assert.match(img.stderr, /--fail-on must be one of critical, high, medium, low, info \(got "unknown"\)/);
});

test('KUBEWARD_FORMAT=json is the report format of scan, and does not break sbom (its format is its own flag)', async () => {
  const sbom = await runCli(['sbom', 'examples/'], { env: { KUBEWARD_FORMAT: 'json' } });
  assert.equal(sbom.code, 0, sbom.stderr);
  assert.equal(JSON.parse(sbom.stdout).bomFormat, 'CycloneDX');
  const scan = await runCli(['scan', 'examples/hardened-app.yaml'], { env: { KUBEWARD_FORMAT: 'json' } });
  assert.equal(JSON.parse(scan.stdout).schemaVersion.split('.')[0], '1');
});

test('config: `format` is the key of --format; the old `output` key still works with a deprecation warning', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kw-opts-'));
  try {
    writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: x}\nspec:\n  containers: [{name: c, image: nginx:1.27}]\n');
    writeFileSync(join(dir, '.kubeward.yaml'), 'output: [json]\n');
    const old = await runCli(['scan', 'pod.yaml'], { cwd: dir });
    assert.equal(JSON.parse(old.stdout).tool.name, 'kubeward');
    assert.match(old.stderr, /\.kubeward\.yaml: output is deprecated; it is now called format/);
    writeFileSync(join(dir, '.kubeward.yaml'), 'format: [json]\n');
    const now = await runCli(['scan', 'pod.yaml'], { cwd: dir });
    assert.equal(JSON.parse(now.stdout).tool.name, 'kubeward');
    assert.equal(now.stderr, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
