// No output format ever contains a secret value: a file full of (invented, real-format) secrets is
// scanned and every report format is searched for each value and its base64 form.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CHECKS } from '../../src/checks/index.js';
import { buildReport } from '../../src/engine/build-report.js';
import { analyse } from '../../src/engine/scan.js';
import { FORMAT_NAMES, FORMATS } from '../../src/report/index.js';
import { loadText } from '../../src/sources/manifests.js';
import { runCli } from '../helpers/cli.js';

const dir = fileURLToPath(new URL('../fixtures/secrets/', import.meta.url));
const FILE = join(dir, 'leaky.yaml');
const values = Object.entries(JSON.parse(readFileSync(join(dir, 'values.json'), 'utf8')) as Record<string, string>);

/** The value, its base64 and base64url forms, and (for long ones) their last 16 characters. */
function forms(v: string): string[] {
  const out = [v, Buffer.from(v).toString('base64'), Buffer.from(v).toString('base64url')];
  if (v.length >= 24) out.push(v.slice(-16));
  return out;
}

/** Undo the escaping formats apply (Markdown backslashes, JSON escapes, HTML/XML entities), so an escaped leak is still seen. */
function unescape(text: string): string {
  return text
    .replace(/\\u([0-9a-fA-F]{4})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\(.)/g, '$1')
    .replace(/&#x([0-9a-fA-F]+);/g, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#([0-9]+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function assertClean(label: string, text: string): void {
  for (const t of [text, unescape(text)]) {
    for (const [name, v] of values) {
      for (const f of forms(v)) assert.equal(t.includes(f), false, `${label} contains the ${name} secret (or its base64)`);
    }
  }
}

function scanFixture() {
  const { objects, problems } = loadText(readFileSync(FILE, 'utf8'), 'leaky.yaml');
  const { inventory, findings } = analyse({ objects, problems, checks: CHECKS });
  return { inventory, findings };
}

test('the fixture lights up every secret check at the expected places', () => {
  const { findings } = scanFixture();
  const count = (id: string) => findings.filter((f) => f.checkId === id).length;
  assert.equal(count('secret-in-env'), 8);
  assert.equal(count('secret-in-command'), 2);
  assert.equal(count('secret-in-configmap'), 4);
  assert.equal(count('secret-in-annotation'), 3);
  assert.equal(count('secret-in-committed-secret'), 4);
  const rules = new Set(findings.filter((f) => f.category === 'secrets').map((f) => String(f.evidence?.found).split(':')[0]));
  for (const r of ['github-token', 'aws-access-key-id', 'aws-secret-access-key', 'jwt', 'npm-token', 'database-url-password', 'url-basic-auth', 'stripe-key', 'slack-webhook', 'slack-token', 'azure-storage-key', 'azure-sas-key', 'gitlab-token', 'gcp-service-account', 'private-key', 'committed-secret-value', 'secret-key-value']) {
    assert.ok(rules.has(r), `no finding names rule ${r}`);
  }
  assert.deepEqual(findings.filter((f) => f.checkId === 'internal-error'), []);
});

test('no finding field (message, evidence, path) holds a secret', () => {
  const { findings } = scanFixture();
  for (const f of findings) assertClean(`finding ${f.checkId} ${f.path}`, JSON.stringify(f));
  for (const f of findings.filter((x) => x.category === 'secrets')) assert.match(String(f.evidence?.found), /\*\*\*|binary value/, 'evidence is masked');
});

test('every report format is free of the secret values and their base64 forms', () => {
  const { inventory, findings } = scanFixture();
  const report = buildReport({ version: '0.0.0-test', scannedAt: new Date(0), files: 1, inventory, checks: CHECKS, findings, suppressed: [], warnings: [] });
  assert.ok(report.findings.length >= 22);
  for (const name of FORMAT_NAMES) {
    const out = FORMATS[name](report, { color: false });
    assert.ok(out.length > 0, name);
    assert.ok(unescape(out).includes('secret-in-env'), `${name} shows the secret findings`);
    assertClean(`${name} output`, out);
  }
});

test('the CLI writes every format without a secret in it', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'kubeward-leak-'));
  try {
    const args = ['scan', FILE, ...FORMAT_NAMES.filter((n) => n !== 'table').flatMap((n) => ['-o', `${n}=${join(tmp, n)}`]), '-o', 'table'];
    const r = await runCli(args);
    assert.ok(r.stdout.includes('secret-in-committed-secret'), r.stderr);
    assertClean('stdout', r.stdout);
    assertClean('stderr', r.stderr);
    for (const n of FORMAT_NAMES) if (n !== 'table') assertClean(`${n} file`, readFileSync(join(tmp, n), 'utf8'));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
