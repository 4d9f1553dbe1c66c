// Issue 20: one finding per root cause. A namespace with no NetworkPolicy at all is reported once; findings on Helm
// test hooks are reported apart; the bundled examples keep every critical and high finding of the default table.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isHelmTestHook } from '../../src/model/helm-test-hook.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

interface JsonFinding { checkId: string; severity: string; message: string; path: string; impliedBy?: string; implies?: string[]; object?: { kind: string; namespace?: string; name: string } }
interface JsonDoc {
  summary: { findings: Record<string, number>; helmTests: number };
  findings: JsonFinding[];
  implied?: JsonFinding[];
  helmTests?: JsonFinding[];
  compliance?: { controls: { id: string; resources: number; passedResources: number }[] }[];
}

const deploy = (ns: string, name: string, labels = `app: ${name}`) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}${ns ? `, namespace: ${ns}` : ''}}
spec:
  selector: {matchLabels: {${labels}}}
  template:
    metadata: {labels: {${labels}}}
    spec:
      containers: [{name: c, image: registry.example.com/${name}:1.0}]
`;

// pay: a Namespace object and a workload, no policy. shop: only workloads' metadata.namespace, no policy.
// web: a policy selecting web-a, so web-b is the workload a reviewer wants named.
const NETWORK = [
  'apiVersion: v1\nkind: Namespace\nmetadata: {name: pay}\n',
  deploy('pay', 'ledger'),
  deploy('shop', 'cart'),
  deploy('shop', 'front'),
  deploy('web', 'web-a'),
  deploy('web', 'web-b'),
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-a, namespace: web}
spec:
  podSelector: {matchLabels: {app: web-a}}
  ingress: [{from: [{podSelector: {}}]}]
`,
].join('---\n');

const NET_CHECKS = 'missing-default-deny-ingress,missing-default-deny-egress,workload-without-network-policy';
const label = (f: JsonFinding) => `${f.checkId} ${f.object?.kind} ${f.object?.namespace ?? ''}/${f.object?.name}${f.impliedBy ? ` under ${f.impliedBy}` : ''}`;

async function scanJson(args: string[], input: string): Promise<JsonDoc> {
  const r = await runCli(['scan', '-', '-o', 'json', ...args], { input });
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return JSON.parse(r.stdout) as JsonDoc;
}

test('a namespace without any NetworkPolicy: one finding per namespace (Namespace object or not); per workload where it has policies', async () => {
  const doc = await scanJson(['--checks', NET_CHECKS, '--framework', 'cis'], NETWORK);
  assert.deepEqual(doc.findings.map(label).sort(), [
    'missing-default-deny-egress Deployment web/web-a',
    'missing-default-deny-ingress Deployment shop/cart',
    'missing-default-deny-ingress Deployment web/web-a',
    'missing-default-deny-ingress Namespace /pay',
    'workload-without-network-policy Deployment web/web-b',
  ]);
  const shop = doc.findings.find((f) => f.checkId === 'missing-default-deny-ingress' && f.object?.namespace === 'shop')!;
  assert.equal(shop.message, 'namespace shop has no NetworkPolicy at all: every pod in it accepts traffic from anywhere and connects anywhere; also covers: missing-default-deny-egress (medium), workload-without-network-policy on 2 objects (low)');
  assert.deepEqual(shop.implies, ['missing-default-deny-egress', 'workload-without-network-policy']);
  assert.match(doc.findings.find((f) => f.object?.namespace === 'web' && f.checkId === 'missing-default-deny-ingress')!.message, /^namespace web has no default-deny ingress policy/);
  assert.deepEqual((doc.implied ?? []).map(label).sort(), [
    'missing-default-deny-egress Deployment shop/cart under missing-default-deny-ingress',
    'missing-default-deny-egress Namespace /pay under missing-default-deny-ingress',
    'workload-without-network-policy Deployment pay/ledger under missing-default-deny-ingress',
    'workload-without-network-policy Deployment shop/cart under missing-default-deny-ingress',
    'workload-without-network-policy Deployment shop/front under missing-default-deny-ingress',
  ]);
  // Compliance still judges the folded findings: CIS 5.3.2 fails the Namespace and every open workload.
  const c = doc.compliance![0]!.controls.find((x) => x.id === '5.3.2')!;
  assert.equal(c.resources - c.passedResources, 6, JSON.stringify(c));

  // Without the namespace finding (its check skipped), nothing folds: the per-workload findings are shown.
  const skipped = await scanJson(['--checks', 'missing-default-deny-egress,workload-without-network-policy'], NETWORK);
  assert.equal(skipped.findings.filter((f) => f.checkId === 'workload-without-network-policy').length, 4);
  assert.equal(skipped.implied, undefined);
});

const HOOKS = `${deploy('shop', 'app')}---
apiVersion: v1
kind: Pod
metadata:
  name: app-test-connection
  namespace: shop
  annotations: {"helm.sh/hook": test}
spec:
  restartPolicy: Never
  containers: [{name: wget, image: "busybox:latest", command: [wget, "app:80"]}]
---
apiVersion: batch/v1
kind: Job
metadata:
  name: app-migrate
  namespace: shop
  annotations: {"helm.sh/hook": "pre-install,pre-upgrade"}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: migrate, image: "registry.example.com/migrate:latest"}]
`;

test('findings on Helm test hooks are reported apart: not counted, not seen by --fail-on; --include-helm-tests counts them', async () => {
  const r = await runCli(['scan', '-', '--checks', 'image-tag-latest,run-as-non-root', '--fail-on', 'high', '-o', 'json'], { input: HOOKS });
  const doc = JSON.parse(r.stdout) as JsonDoc;
  // The pre-install Job is a hook the release runs: its findings stay with the release's.
  assert.deepEqual(doc.findings.filter((f) => f.checkId === 'image-tag-latest').map(label), ['image-tag-latest Job shop/app-migrate']);
  assert.deepEqual((doc.helmTests ?? []).map(label).sort(), ['image-tag-latest Pod shop/app-test-connection', 'run-as-non-root Pod shop/app-test-connection']);
  assert.equal(doc.summary.helmTests, 2);
  assert.equal(doc.summary.findings.medium, doc.findings.filter((f) => f.severity === 'medium').length);

  const table = await runCli(['scan', '-', '--checks', 'image-tag-latest,run-as-non-root', '--no-color'], { input: HOOKS });
  // In field order: the container's securityContext comes before its image.
  assert.match(table.stdout, /^Helm test hooks \(created only by `helm test`, once\): reported apart, not counted, not seen by --fail-on\n {2}Pod shop\/app-test-connection: run-as-non-root \(medium\), image-tag-latest \(medium\)$/m);
  assert.match(table.stdout.replace(/\s+/g, ' '), /; 2 findings on Helm test hooks reported apart \(--include-helm-tests counts them\)/);

  // Markdown lists them the same way; SARIF leaves them out of its results and counts them in the run's properties.
  const markdown = (await runCli(['scan', '-', '--checks', 'image-tag-latest,run-as-non-root', '-o', 'markdown'], { input: HOOKS })).stdout.replace(/\\(.)/g, '$1');
  assert.match(markdown, /^- Pod shop\/app-test-connection: run-as-non-root \(medium\), image-tag-latest \(medium\)$/m);
  const sarif = JSON.parse((await runCli(['scan', '-', '--checks', 'image-tag-latest,run-as-non-root', '-o', 'sarif'], { input: HOOKS })).stdout) as { runs: { properties?: { helmTests: number }; results: { locations: { logicalLocations?: { fullyQualifiedName?: string }[] }[] }[] }[] };
  assert.equal(sarif.runs[0]!.properties?.helmTests, 2);
  assert.equal(sarif.runs[0]!.results.length, doc.findings.length);

  // Only the test hook's findings: the default passes --fail-on, --include-helm-tests fails it.
  const only = ['scan', '-', '--checks', 'image-tag-latest', '--fail-on', 'medium'];
  const hookOnly = HOOKS.split('---\n').slice(0, 2).join('---\n');
  assert.equal((await runCli(only, { input: hookOnly })).code, 0);
  const counted = await runCli([...only, '--include-helm-tests', '-o', 'json'], { input: hookOnly });
  assert.equal(counted.code, 1);
  const all = JSON.parse(counted.stdout) as JsonDoc;
  assert.deepEqual(all.findings.map(label), ['image-tag-latest Pod shop/app-test-connection']);
  assert.equal(all.summary.helmTests, 0);
});

test('isHelmTestHook: test, test-success and test-failure, in a list, any case; other hooks are not', () => {
  const hook = (v?: string) => isHelmTestHook({ annotations: v === undefined ? {} : { 'helm.sh/hook': v } });
  assert.equal(hook('test'), true);
  assert.equal(hook('test-success'), true);
  assert.equal(hook('pre-install, Test-Failure'), true);
  assert.equal(hook('pre-install,post-upgrade'), false);
  assert.equal(hook('testing'), false);
  assert.equal(hook(), false);
});

test('the default table for examples/ still shows every critical and high finding it showed before issue 20', async () => {
  const r = await runCli(['scan', 'examples', '--no-color'], { cwd: REPO_ROOT });
  assert.equal(r.code, 0, r.stderr);
  let head = '';
  const shown = new Set<string>();
  for (const l of r.stdout.split('\n')) {
    if (/^\S/.test(l)) head = l.replace(/\s+/g, ' ').trim();
    const m = /^ {2}(CRITICAL|HIGH) +([a-z0-9-]+) +\d+:\d+/.exec(l);
    if (m && head) shown.add(`${m[1]}\t${m[2]}\t${head}`);
  }
  const before = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'examples-default', 'critical-high.tsv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  assert.ok(before.length >= 7);
  assert.deepEqual(before.filter((p) => !shown.has(p)), [], 'critical/high findings lost from the default table');
});

// Missing memory limits: one root cause per namespace, the missing LimitRange default. shop has no LimitRange, so
// its first container carries the finding and the others fold under it; pay's LimitRange max gives a default.
const MEMORY = [
  deploy('shop', 'cart'),
  deploy('shop', 'front'),
  deploy('pay', 'ledger'),
  'apiVersion: v1\nkind: LimitRange\nmetadata: {name: caps, namespace: pay}\nspec:\n  limits: [{type: Container, max: {memory: 1Gi}}]\n',
].join('---\n');

test('resource-limits memory: one finding per namespace without a LimitRange default, the others folded; a LimitRange default is no finding', async () => {
  const r = await runCli(['scan', '-', '-o', 'json', '--checks', 'resource-limits'], { input: MEMORY });
  const doc = JSON.parse(r.stdout) as JsonDoc;
  assert.deepEqual(doc.findings.map((f) => `${f.object?.namespace}/${f.object?.name} ${f.path}`), ['shop/cart /spec/template/spec/containers/0/resources/limits/memory']);
  assert.match(doc.findings[0]!.message, /namespace shop has no LimitRange giving its containers a default memory limit; also covers: 1 more resource-limits finding \(low\)/);
  assert.deepEqual((doc.implied ?? []).map((f) => `${f.object?.name} ${f.impliedBy}`), ['front resource-limits']);
  const all = JSON.parse((await runCli(['scan', '-', '-o', 'json', '--checks', 'resource-limits', '--profile', 'all'], { input: MEMORY })).stdout) as JsonDoc;
  // pay/ledger: no memory finding (the LimitRange max is its default), only the hygiene CPU one.
  assert.deepEqual(all.findings.filter((f) => f.object?.name === 'ledger').map((f) => f.path), ['/spec/template/spec/containers/0/resources/limits/cpu']);
});

// A namespace with policies but no default-deny egress: the workloads isolated for ingress only fold under its
// missing-default-deny-egress finding (one root cause), and a broad delete rule folds its delete-events finding.
test('workload-isolated-one-direction folds under the namespace\'s missing default deny; rbac-broad-delete folds rbac-delete-events', async () => {
  const yaml = [
    deploy('shop', 'cart'),
    deploy('shop', 'front'),
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ingress-only, namespace: shop}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n',
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: cleaner, namespace: shop}\nrules: [{apiGroups: [""], resources: ["*"], verbs: [delete]}]\n',
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: cleaner, namespace: shop}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: cleaner}\nsubjects: [{kind: ServiceAccount, name: cleaner, namespace: shop}]\n',
  ].join('---\n');
  const r = await runCli(['scan', '-', '-o', 'json', '--checks', 'missing-default-deny-egress,workload-isolated-one-direction,rbac-broad-delete,rbac-delete-events'], { input: yaml });
  const doc = JSON.parse(r.stdout) as JsonDoc;
  assert.deepEqual(doc.findings.map((f) => f.checkId).sort(), ['missing-default-deny-egress', 'rbac-broad-delete']);
  assert.match(doc.findings.find((f) => f.checkId === 'missing-default-deny-egress')!.message, /also covers: workload-isolated-one-direction on 2 objects \(low\)/);
  assert.deepEqual((doc.implied ?? []).map((f) => `${f.checkId} < ${f.impliedBy}`).sort(), [
    'rbac-delete-events < rbac-broad-delete',
    'workload-isolated-one-direction < missing-default-deny-egress',
    'workload-isolated-one-direction < missing-default-deny-egress',
  ]);
  // Without the namespace finding, each workload is reported.
  const alone = JSON.parse((await runCli(['scan', '-', '-o', 'json', '--checks', 'workload-isolated-one-direction'], { input: yaml })).stdout) as JsonDoc;
  assert.equal(alone.findings.length, 2);
});
