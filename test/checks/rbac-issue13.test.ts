// Issues 13, 11 and 20 (RBAC) end to end through the CLI: full-power roles, resourceNames limiting power,
// the new RBAC checks, and one critical finding per subject that can make itself cluster-admin.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';

const DIR = 'test/fixtures/rbac-issue13';
const FULL = `${DIR}/full-power.yaml`;
const NAMED = `${DIR}/named.yaml`;
const NEW = `${DIR}/new-checks.yaml`;

interface JsonFinding { checkId: string; severity: string; object?: { kind: string; name: string }; path: string; message: string; location: { line: number } }

async function rbacFindings(file: string): Promise<JsonFinding[]> {
  const r = await runCli(['scan', file, '-o', 'json']);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings.filter((f) => /^rbac-|^apiservice-/.test(f.checkId));
}
const rows = (fs: JsonFinding[]) => fs.map((f) => `${f.checkId} ${f.severity} ${f.object?.kind}/${f.object?.name} ${f.path}`);

test('full power: the seven read-and-write verbs on * in every API group are cluster-admin-equivalent in scan, paths and can', async () => {
  const fs = await rbacFindings(FULL);
  assert.deepEqual(rows(fs), [
    'rbac-wildcard high ClusterRole/platform-operator /rules/0/resources/0',
    'rbac-cluster-admin-binding critical ClusterRoleBinding/platform-operator /subjects/0',
    'rbac-workload-power critical Deployment/operator /spec/template/spec/serviceAccountName',
    'rbac-create-pods high ClusterRole/job-launcher /rules/0',
    'rbac-escalation-to-cluster-admin critical RoleBinding/ci-jobs /subjects/0',
  ]);
  const msg = (id: string) => fs.find((f) => f.checkId === id)!.message;
  assert.equal(msg('rbac-cluster-admin-binding'), 'ServiceAccount platform/operator is given ClusterRole platform-operator, which can read and write every resource (get, list, watch, create, update, patch, delete on * in every API group: cluster-admin-equivalent), in every namespace');
  assert.equal(msg('rbac-workload-power'), 'runs as ServiceAccount platform/operator (token mounted), which can read and write every resource (cluster-admin-equivalent: get, list, watch, create, update, patch, delete on *) in every namespace through ClusterRoleBinding platform-operator → ClusterRole platform-operator');
  // Issue 20: the path is said once, at critical, at the binding of its first step, naming every step.
  assert.equal(msg('rbac-escalation-to-cluster-admin'), 'ServiceAccount tools/ci can make itself cluster-admin in 3 steps: (1) create jobs in platform → run a pod as any service account there; (2) operator is a service account of platform [ServiceAccount platform/operator]; (3) get, list, watch, create, update, patch, delete on * in every namespace (read and write every resource: cluster-admin-equivalent)');
  // The web Deployment's get is limited to web-tls (issue 11): no workload-power, no secrets-read.
  assert.ok(!fs.some((f) => f.object?.name === 'web' || f.object?.name === 'read-tls'));

  const paths = await runCli(['rbac', 'paths', FULL]);
  assert.equal(paths.code, 0, paths.stderr);
  assert.match(paths.stdout, /^Escalation to cluster-admin \(\* on \* in every namespace\): 1 subject holds it directly, 1 more reach it/);
  assert.match(paths.stdout, /\n {2}ServiceAccount platform\/operator: get, list, watch, create, update, patch, delete on \* in every namespace \(read and write every resource: cluster-admin-equivalent\)\n/);
  assert.match(paths.stdout, /\nServiceAccount tools\/ci → cluster-admin \(\* on \* in every namespace\) in 3 hops:\n {2}1\. ServiceAccount tools\/ci → any service account in platform: create jobs in platform/);
  const can = await runCli(['rbac', 'can', 'system:serviceaccount:platform:operator', 'delete', 'secrets', '-n', 'shop', FULL]);
  assert.equal(can.code, 0);
  assert.match(can.stdout, /^yes\nServiceAccount platform\/operator .* may delete secrets in namespace shop\.\nAllowed by:\n {2}ServiceAccount operator in ClusterRoleBinding platform-operator/);
  // Not literally *: escalate is not among the seven verbs, and the authorizer says no.
  const esc = await runCli(['rbac', 'can', 'system:serviceaccount:platform:operator', 'escalate', 'clusterroles.rbac.authorization.k8s.io', FULL]);
  assert.equal(esc.code, 1);
  assert.match(esc.stdout, /^no\n/);
});

test('resourceNames limit power: can, who-can, paths and scan agree that a named get reads only those secrets', async () => {
  const list = await runCli(['rbac', 'can', 'system:serviceaccount:shop:web', 'list', 'secrets', '-n', 'shop', FULL]);
  assert.equal(list.code, 1);
  assert.match(list.stdout, /^no\nServiceAccount shop\/web .* may not list secrets in namespace shop\.\n/);
  const named = await runCli(['rbac', 'can', 'system:serviceaccount:shop:web', 'list', 'secrets', '-n', 'shop', '--name', 'web-tls', FULL]);
  assert.equal(named.code, 0);
  assert.match(named.stdout, /may list secrets "web-tls" in namespace shop\.\n/);
  assert.match(named.stdout, /\nNote: a list carries a name only when it selects that one object \(fieldSelector metadata\.name=web-tls\); an unfiltered list is asked without --name, and a rule with resourceNames never allows it\.\n$/);
  const who = await runCli(['rbac', 'who-can', 'get', 'secrets', '-n', 'shop', FULL]);
  assert.match(who.stdout, /^Who can get secrets in namespace shop: 2 subjects \(1 only for named objects\)/);
  assert.match(who.stdout, /\nServiceAccount shop\/web\n {2}in shop: only web-tls: RoleBinding shop\/web-read-tls/);

  // A named get on a cluster-admin account's legacy token is a path; a named get on another secret (plus create secrets) is not.
  const fs = await rbacFindings(NAMED);
  assert.deepEqual(rows(fs), [
    'rbac-cluster-admin-binding critical ClusterRoleBinding/deploy-bot-admin /subjects/0',
    'rbac-escalation-to-cluster-admin critical RoleBinding/auditor /subjects/0',
  ]);
  assert.equal(fs[1]!.message, 'ServiceAccount shop/auditor can make itself cluster-admin in 2 steps: (1) read secret shop/deploy-bot-token, the legacy token of service account deploy-bot [ServiceAccount shop/deploy-bot]; (2) bound to the default ClusterRole cluster-admin in every namespace');
  const paths = await runCli(['rbac', 'paths', NAMED, '-o', 'json']);
  const doc = JSON.parse(paths.stdout) as { direct: { from: string }[]; paths: { from: string }[] };
  assert.deepEqual([...doc.direct, ...doc.paths].map((p) => p.from).sort(), ['ServiceAccount:shop/auditor', 'ServiceAccount:shop/deploy-bot']);
});

test('new RBAC checks and the APIService check: one finding each where it belongs, named rules pass', async () => {
  const fs = await rbacFindings(NEW);
  assert.deepEqual(rows(fs).filter((r) => !r.startsWith('rbac-wildcard')), [
    'rbac-delete-events medium ClusterRole/event-janitor /rules/0',
    'rbac-coredns-config-write high Role/dns-tuner /rules/0',
    'rbac-broad-delete medium Role/cleaner /rules/0',
    // rbac-delete-events on Role/cleaner /rules/0 is folded under rbac-broad-delete (the same rule): in implied.
    'rbac-services-proxy high ClusterRole/service-prober /rules/0',
    'rbac-apiservice-write high ClusterRole/apiservice-editor /rules/0',
    'rbac-dashboard-service-account-power high ClusterRoleBinding/dashboard-viewer /subjects/0',
    'apiservice-insecure-skip-tls-verify medium APIService/v1beta1.metrics.k8s.io /spec/insecureSkipTLSVerify',
  ]);
  const msg = (id: string) => fs.find((f) => f.checkId === id)!.message;
  assert.equal(msg('rbac-coredns-config-write'), "Role kube-system/dns-tuner can patch ConfigMap kube-system/coredns (the rule names coredns), the cluster's DNS configuration; not bound by any binding in the input");
  assert.equal(msg('rbac-dashboard-service-account-power'), "ServiceAccount kubernetes-dashboard/kubernetes-dashboard, the Kubernetes dashboard's account, is given ClusterRole edit in every namespace: whoever reaches the dashboard can read secrets and run workloads (edit)");
  assert.equal(msg('apiservice-insecure-skip-tls-verify'), 'the API server forwards requests for metrics.k8s.io/v1beta1 to Service kube-system/metrics-server without verifying its certificate');
  // The lock Role (another ConfigMap by name), the operator's own API group and the named apiservice rule pass.
  assert.ok(!fs.some((f) => ['lock', 'widget-operator', 'cabundle-injector'].includes(f.object!.name) && f.checkId !== 'rbac-wildcard'));
  const who = await runCli(['rbac', 'who-can', 'patch', 'configmaps', '-n', 'kube-system', '--name', 'coredns', NEW]);
  assert.match(who.stdout, /^Who can patch configmaps "coredns" in namespace kube-system: 0 subjects/);
});
