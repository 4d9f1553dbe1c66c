// Issue 20: --profile security|all. Reliability hygiene (requests, CPU and ephemeral-storage limits, probes, replicas,
// PDBs) is hidden by the default in every format, counted, unseen by --fail-on, and still judged by the frameworks.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

interface JsonFinding { checkId: string; path: string; profile?: string; message: string; object?: { name: string }; impliedBy?: string }
interface JsonDoc {
  summary: { hiddenByProfile: number; hiddenByClass: { hygiene: number; hardening: number }; findings: Record<string, number> };
  findings: JsonFinding[];
  implied?: JsonFinding[];
  compliance?: unknown[];
}

const APP = 'examples/insecure-app.yaml';
const HYGIENE = ['resource-requests', 'liveness-probe-missing', 'readiness-probe-missing', 'pod-disruption-budget-missing', 'ephemeral-storage-limit'];

async function json(args: string[], env?: NodeJS.ProcessEnv): Promise<JsonDoc> {
  const r = await runCli(['scan', ...args, '-o', 'json'], { cwd: REPO_ROOT, ...(env ? { env } : {}) });
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return JSON.parse(r.stdout) as JsonDoc;
}
const key = (f: JsonFinding) => `${f.checkId} ${f.object?.name} ${f.path}`;

test('default --profile security hides hygiene findings and counts them; --profile all shows exactly the rest too', async () => {
  const def = await json([APP, '--framework', 'nsa']);
  const all = await json([APP, '--framework', 'nsa', '--profile', 'all']);
  const hygiene = all.findings.filter((f) => f.profile === 'hygiene');
  assert.deepEqual([...new Set(hygiene.map((f) => f.checkId))].sort(), [...HYGIENE, 'resource-limits'].sort());
  const hardening = all.findings.filter((f) => f.profile === 'hardening');
  // host-users (user namespaces are opt-in) is hardening; the example's images (busybox, nginx:latest) move by design.
  assert.deepEqual([...new Set(hardening.map((f) => f.checkId))], ['host-users']);
  assert.equal(def.summary.hiddenByProfile, hygiene.length + hardening.length);
  assert.deepEqual(def.summary.hiddenByClass, { hygiene: hygiene.length, hardening: hardening.length });
  assert.equal(all.summary.hiddenByProfile, 0);
  // The default shows every security finding of `all`, and nothing else.
  assert.deepEqual(def.findings.map(key).sort(), all.findings.filter((f) => f.profile === undefined).map(key).sort());
  // A missing memory limit is security (shown); a missing CPU limit is hygiene (hidden).
  const limits = def.findings.filter((f) => f.checkId === 'resource-limits').map((f) => f.path);
  assert.ok(limits.length > 0 && limits.every((p) => p.endsWith('/memory')), limits.join(' '));
  assert.ok(all.findings.some((f) => f.checkId === 'resource-limits' && f.path.endsWith('/cpu') && f.profile === 'hygiene'));
  // The framework scores judge every finding, shown or not.
  assert.deepEqual(def.compliance, all.compliance);
});

test('--profile: hidden in every format; the table says how many; config key and environment variable', async () => {
  const base = ['scan', APP];
  const sarif = JSON.parse((await runCli([...base, '-o', 'sarif'], { cwd: REPO_ROOT })).stdout) as { runs: { results: { ruleId: string }[]; tool: { driver: { rules: { id: string }[] } } }[] };
  assert.ok(!sarif.runs[0]!.results.some((r) => HYGIENE.includes(r.ruleId)));
  assert.ok(!sarif.runs[0]!.tool.driver.rules.some((r) => HYGIENE.includes(r.id)), 'hygiene checks are not listed as rules');
  for (const format of ['junit', 'markdown', 'html', 'policyreport']) {
    // Markdown escapes the hyphens of check ids.
    const out = (await runCli([...base, '-o', format], { cwd: REPO_ROOT })).stdout.replaceAll('\\-', '-');
    for (const id of HYGIENE) assert.ok(!out.includes(id), `${format} mentions ${id}`);
    const withAll = (await runCli([...base, '-o', format, '--profile', 'all'], { cwd: REPO_ROOT })).stdout.replaceAll('\\-', '-');
    assert.ok(withAll.includes('liveness-probe-missing'), `${format} --profile all shows the hygiene checks`);
  }
  const table = (await runCli([...base, '--no-color'], { cwd: REPO_ROOT })).stdout;
  assert.match(table.replace(/\s+/g, ' '), /; 11 reliability and 1 hardening finding hidden \(--profile all shows them\)/);
  assert.ok(!table.includes('readiness-probe-missing'));

  const d = await mkdtemp(join(tmpdir(), 'kubeward-profile-'));
  await writeFile(join(d, '.kubeward.yaml'), 'profile: all\n');
  await writeFile(join(d, 'app.yaml'), await (await import('node:fs/promises')).readFile(join(REPO_ROOT, APP), 'utf8'));
  const fromConfig = await json([join(d, 'app.yaml')]);
  assert.equal(fromConfig.summary.hiddenByProfile, 0);
  assert.ok(fromConfig.findings.some((f) => f.checkId === 'liveness-probe-missing'));
  const fromEnv = await json([APP], { KUBEWARD_PROFILE: 'all' });
  assert.ok(fromEnv.findings.some((f) => f.checkId === 'readiness-probe-missing'));
  const bad = await runCli([...base, '--profile', 'reliability'], { cwd: REPO_ROOT });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--profile must be one of security, all/);
});

// A hardened Deployment whose only findings are reliability hygiene (probes, requests, replicas, PDB, CPU and
// ephemeral-storage limits) plus info-level host-users and the image digest advice.
const HYGIENE_ONLY = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  replicas: 1
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      automountServiceAccountToken: false
      securityContext: {runAsNonRoot: true, runAsUser: 10001, seccompProfile: {type: RuntimeDefault}}
      containers:
        - name: api
          image: registry.example.com/api:1.0.0
          imagePullPolicy: Always
          securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
          resources: {limits: {memory: 256Mi}}
`;

test('--fail-on is not triggered by hidden hygiene findings, and is with --profile all', async () => {
  const def = await runCli(['scan', '-', '--fail-on', 'low', '--severity', 'critical,high,medium,low', '--skip-checks', 'image-not-pinned-by-digest,missing-default-deny-ingress,missing-default-deny-egress,workload-without-network-policy,default-service-account', '-o', 'json'], { input: HYGIENE_ONLY });
  const doc = JSON.parse(def.stdout) as JsonDoc;
  assert.deepEqual(doc.findings.map((f) => f.checkId), []);
  assert.ok(doc.summary.hiddenByProfile >= 4, String(doc.summary.hiddenByProfile));
  assert.equal(def.code, 0, def.stdout);
  const all = await runCli(['scan', '-', '--fail-on', 'low', '--profile', 'all', '--skip-checks', 'image-not-pinned-by-digest,missing-default-deny-ingress,missing-default-deny-egress,workload-without-network-policy,default-service-account'], { input: HYGIENE_ONLY });
  assert.equal(all.code, 1, all.stdout);
  assert.match(all.stdout, /single-replica/);
});

// Opt-in hardening: a digest pin of a fixed version tag and user namespaces are hidden by the default; a reference
// that moves by design stays a security finding, and the pull policy of a mutable reference folds under it.
const IMAGES = `apiVersion: v1
kind: Pod
metadata: {name: images, namespace: shop}
spec:
  containers:
    - {name: fixed, image: registry.example.com/api:2.14.2-alpine}
    - {name: channel, image: registry.example.com/api:1.27}
    - {name: floating, image: registry.example.com/api:stable}
`;

test('--profile security hides hardening (fixed version tags, host-users); floating references stay; pull policy folds under the digest finding', async () => {
  const args = ['scan', '-', '-o', 'json', '--checks', 'image-not-pinned-by-digest,image-pull-policy,host-users'];
  const def = JSON.parse((await runCli(args, { input: IMAGES })).stdout) as JsonDoc;
  const all = JSON.parse((await runCli([...args, '--profile', 'all'], { input: IMAGES })).stdout) as JsonDoc;
  assert.deepEqual(def.findings.map((f) => `${f.checkId} ${f.path}`).sort(), [
    'image-not-pinned-by-digest /spec/containers/1/image',
    'image-not-pinned-by-digest /spec/containers/2/image',
  ]);
  assert.match(def.findings[0]!.message, /moves by design.*also implies: image-pull-policy \(low\)/);
  assert.deepEqual(def.summary.hiddenByClass, { hygiene: 0, hardening: 2 });
  // Folded under a hidden hardening finding, the pull policy is hidden with it.
  assert.deepEqual((def.implied ?? []).map((f) => f.path).sort(), ['/spec/containers/1/imagePullPolicy', '/spec/containers/2/imagePullPolicy']);
  assert.deepEqual(all.findings.filter((f) => f.profile === 'hardening').map((f) => `${f.checkId} ${f.path}`).sort(), [
    'host-users /spec/hostUsers',
    'image-not-pinned-by-digest /spec/containers/0/image',
  ]);
  assert.equal((all.implied ?? []).find((f) => f.path === '/spec/containers/0/imagePullPolicy')?.profile, 'hardening');
  assert.deepEqual((all.implied ?? []).map((f) => `${f.checkId} ${f.impliedBy} ${f.path}`).sort(), [
    'image-pull-policy image-not-pinned-by-digest /spec/containers/0/imagePullPolicy',
    'image-pull-policy image-not-pinned-by-digest /spec/containers/1/imagePullPolicy',
    'image-pull-policy image-not-pinned-by-digest /spec/containers/2/imagePullPolicy',
  ]);
});
