// No output format ever contains a secret value: a file full of (invented, real-format) secrets is
// scanned and every report format is searched for each value and its base64 form.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

// Every other output channel: parse errors, warnings, mesh findings, suppression reasons, fix diffs and notes.
const MESSAGES = join(dir, 'messages');
const messageValues = Object.entries(JSON.parse(readFileSync(join(MESSAGES, 'values.json'), 'utf8')) as Record<string, string>);

function assertNoMessageSecret(label: string, text: string): void {
  for (const t of [text, unescape(text)]) {
    for (const [name, v] of messageValues) for (const f of forms(v)) assert.equal(t.includes(f), false, `${label} contains the ${name} secret (or its base64)`);
  }
}

test('parse errors, mesh findings, kubeward.io/ignore warnings and reasons: every format and stderr is clean', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'kubeward-leak-msg-'));
  try {
    const files = [join(MESSAGES, 'broken.yaml'), join(MESSAGES, 'annotations.yaml')];
    const args = ['scan', ...files, ...FORMAT_NAMES.filter((n) => n !== 'table').flatMap((n) => ['-o', `${n}=${join(tmp, n)}`]), '-o', 'table'];
    const r = await runCli(args);
    assert.match(r.stdout, /unknown alias \*Pz8\*\*\*/, 'the alias error is still reported, masked');
    assert.match(r.stdout, /istio-sidecar-traffic-excluded/);
    assert.match(r.stdout, /linkerd-proxy-bypass-ports/);
    assert.match(r.stdout, /kubeward\.io\/ignore=.* is not\s+applied/, 'the malformed-annotation warning is shown');
    assertNoMessageSecret('stdout (table)', r.stdout);
    assertNoMessageSecret('stderr', r.stderr);
    for (const n of FORMAT_NAMES) if (n !== 'table') assertNoMessageSecret(`${n} file`, readFileSync(join(tmp, n), 'utf8'));
    const json = JSON.parse(readFileSync(join(tmp, 'json'), 'utf8')) as { findings: { checkId: string; message: string }[]; suppressed: { reason: string }[] };
    assert.equal(json.findings.filter((f) => f.checkId === 'invalid-manifest' && /\*\*\*/.test(f.message)).length, 3, 'all three parse errors, each masked');
    assert.ok(json.suppressed.some((s) => /api_key=Lw8\*\*\*/.test(s.reason)), 'the suppression reason is kept, masked');
    // JSON output to stdout (warnings then go to stderr).
    const j = await runCli(['scan', ...files, '-o', 'json']);
    assertNoMessageSecret('json stdout', j.stdout);
    assert.match(j.stderr, /warning: .*kubeward\.io\/ignore/);
    assertNoMessageSecret('stderr with json', j.stderr);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('fix --dry-run diff context and fix notes never show a flagged value', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'kubeward-leak-fix-'));
  try {
    for (const f of ['fixable.yaml', 'broken.yaml', 'annotations.yaml']) writeFileSync(join(tmp, f), readFileSync(join(MESSAGES, f)));
    const r = await runCli(['fix', '.', '--dry-run'], { cwd: tmp });
    assert.match(r.stdout, /^\+ +privileged: false$/m, r.stderr);
    assert.match(r.stdout, /^ +value: Rf6\*\*\* \(16 chars\)$/m, 'the env value line is in the diff context, masked');
    assertNoMessageSecret('fix diff', r.stdout);
    assertNoMessageSecret('fix notes', r.stderr);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('secret detection that stops at its size limit says so, naming the object', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'kubeward-limit-'));
  try {
    const padding = '# padding\n'.repeat(110_000); // ~1.05 MiB, past the 1 MiB scanned per value
    const props = `${padding}aws.key=AKIAZKMHYSS5GQPM7QOX\n`;
    const cm = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big-config, namespace: shop}\ndata:\n  app.properties: ${JSON.stringify(props)}\n`;
    writeFileSync(join(tmp, 'cm.yaml'), cm);
    const r = await runCli(['scan', 'cm.yaml', '-o', 'json', '--checks', 'secret-in-configmap'], { cwd: tmp });
    const report = JSON.parse(r.stdout) as { findings: { checkId: string; message: string; object?: { name: string } }[] };
    const f = report.findings.find((x) => x.checkId === 'secret-in-configmap');
    assert.ok(f, `no finding: ${r.stdout.slice(0, 400)}`);
    assert.equal(f.object?.name, 'big-config');
    assert.match(f.message, /not scanned whole for secrets \(only the first 1\.0 MiB of 1\.\d MiB was scanned\)/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
