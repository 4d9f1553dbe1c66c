// Issue 20's noise rules, end to end through the CLI: a token the workload uses is info (and fix keeps it).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../helpers/cli.js';

interface F { checkId: string; severity: string; message: string; path: string; object?: { kind: string; name: string } }

async function scanJson(files: Record<string, string>, args: string[] = []): Promise<{ dir: string; findings: F[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'kw-noise-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const r = await runCli(['scan', '.', '-o', 'json', ...args], { cwd: dir });
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return { dir, findings: (JSON.parse(r.stdout) as { findings: F[] }).findings };
}

const pod = (name: string, sa: string) => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      serviceAccountName: ${sa}
      containers: [{name: c, image: registry.example.com/${name}:1.0.0}]
`;
const sa = (name: string) => `---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ${name}, namespace: shop}
`;

const RBAC = `${sa('operator')}${sa('viewer')}${sa('plain')}${sa('grouped')}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: operator}
rules: [{apiGroups: [apps], resources: [deployments], verbs: [get, list, watch, update]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: operator}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: operator}
subjects: [{kind: ServiceAccount, name: operator, namespace: shop}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: viewer, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: ServiceAccount, name: viewer}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: plain-discovery}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:discovery}
subjects: [{kind: ServiceAccount, name: plain, namespace: shop}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: all-accounts, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: operator}
subjects: [{kind: Group, name: "system:serviceaccounts:shop", apiGroup: rbac.authorization.k8s.io}]
`;
const WORKLOADS = `${pod('operator', 'operator')}${pod('viewer', 'viewer')}${pod('plain', 'plain')}${pod('grouped', 'grouped')}`;

test('automount-service-account-token: info, "needed", when a binding names the account and grants it something', async () => {
  const { dir, findings } = await scanJson({ 'rbac.yaml': RBAC, 'apps.yaml': WORKLOADS }, ['--checks', 'automount-service-account-token']);
  const by = new Map(findings.map((f) => [f.object!.name, f]));
  // A ClusterRole among the files, and a default role of every cluster (view) whose rules the files lack.
  assert.equal(by.get('operator')!.severity, 'info');
  assert.match(by.get('operator')!.message, /mounted and needed: ClusterRoleBinding operator → ClusterRole operator grants/);
  assert.match(by.get('operator')!.message, /projected serviceAccountToken volume/);
  assert.equal(by.get('viewer')!.severity, 'info');
  assert.match(by.get('viewer')!.message, /RoleBinding shop\/viewer → ClusterRole view/);
  // Only what every identity holds (system:discovery), or a grant to a group of accounts: no evidence of use.
  assert.equal(by.get('plain')!.severity, 'medium');
  assert.equal(by.get('grouped')!.severity, 'medium');

  // fix keeps the token of the accounts that use it (no explicit automountServiceAccountToken needed) and says why.
  const r = await runCli(['fix', 'apps.yaml', 'rbac.yaml', '--checks', 'automount-service-account-token'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const docs = (await readFile(join(dir, 'apps.yaml'), 'utf8')).split('---').slice(1);
  assert.deepEqual(docs.map((d) => /automountServiceAccountToken: false/.test(d)), [false, false, true, true]);
  assert.match(r.stderr, /Deployment\/shop\/operator left as is: ServiceAccount shop\/operator holds RBAC permissions \(through ClusterRoleBinding operator → ClusterRole operator\)/);
});

test('a Secret holds a credential unless the input shows it holds none (the egress check\'s reading)', async () => {
  const { Inventory } = await import('../../../src/model/inventory.js');
  const { loadText, withIds } = await import('../../../src/sources/manifests.js');
  const { secretUseHoldsCredential } = await import('../../../src/analysis/netpol/secret-credential.js');
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const yaml = `apiVersion: v1
kind: Secret
metadata: {name: contexts, namespace: app}
stringData:
  default.json: '{"url": "nats://nats:4222"}'
  endpoint: https://api.example.com/v1
---
apiVersion: v1
kind: Secret
metadata: {name: mixed, namespace: app}
type: Opaque
data:
  url: ${b64('https://api.example.com/v1')}
  password: ${b64('correct-horse-battery-staple-42')}
  dsn: ${b64('postgres://app:Xk9mQ2vLp7zQ@db.shop.svc:5432/app')}
---
apiVersion: v1
kind: Secret
metadata: {name: serving, namespace: app}
type: kubernetes.io/tls
data: {tls.crt: ${b64('not a real cert')}, tls.key: ${b64('not a real key')}}
---
apiVersion: v1
kind: Secret
metadata: {name: filled-later, namespace: app}
`;
  const inv = new Inventory(withIds(loadText(yaml, 's.yaml').objects));
  const holds = (secret: string, keys?: string[]) => secretUseHoldsCredential(inv, 'app', { secret, path: '/x', ...(keys ? { keys } : {}) });
  assert.equal(holds('contexts'), false, 'a URL and a config file without secrets');
  assert.equal(holds('mixed', ['url']), false, 'only the URL key is taken');
  assert.equal(holds('mixed'), true, 'the whole Secret, password included');
  assert.equal(holds('mixed', ['password']), true);
  assert.equal(holds('mixed', ['dsn']), true, 'a connection string with a password');
  assert.equal(holds('mixed', ['absent']), true, 'a key the input does not show');
  assert.equal(holds('serving'), true, 'kubernetes.io/tls is a credential by type');
  assert.equal(holds('filled-later'), true, 'no data: filled at run time');
  assert.equal(holds('not-in-input'), true);
  assert.equal(secretUseHoldsCredential(inv, 'other', { secret: 'contexts', path: '/x' }), true, 'another namespace\'s Secret of that name is not it');
});

const OPERATOR_NS = (verbs: string, image = 'registry.example.com/db-manager:3.2', bound = true) => `apiVersion: v1
kind: ServiceAccount
metadata: {name: manager, namespace: data}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: manager, namespace: data}
rules: [{apiGroups: [apps], resources: [statefulsets], verbs: [${verbs}]}]
${bound ? `---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: manager, namespace: data}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: manager}
subjects: [{kind: ServiceAccount, name: manager}]
` : ''}---
apiVersion: apps/v1
kind: Deployment
metadata: {name: manager, namespace: data}
spec:
  selector: {matchLabels: {app: manager}}
  template:
    metadata: {labels: {app: manager}}
    spec:
      serviceAccountName: manager
      containers: [{name: manager, image: ${image}}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: data}
spec:
  podSelector: {matchLabels: {cluster: main}}
  ingress: [{from: [{podSelector: {matchLabels: {cluster: main}}}]}]
`;

test('network-policy-dangling-selector: a namespace with a workload that may create pods gets "may select pods an operator creates"', async () => {
  const messages = async (yaml: string) => {
    const { findings } = await scanJson({ 'ns.yaml': yaml }, ['--checks', 'network-policy-dangling-selector']);
    return findings.map((f) => `${f.severity} ${f.path}: ${f.message}`);
  };
  // By RBAC: the account may create StatefulSets in the namespace.
  const rbac = await messages(OPERATOR_NS('get, list, create'));
  // One finding per policy: the podSelector and the peer that match nothing, listed.
  assert.equal(rbac.length, 1);
  assert.match(rbac[0]!, /^low \/spec\/podSelector: the podSelector \(no workload of namespace data\) and the peer \/spec\/ingress\/0\/from\/0\/podSelector match no workload in the input, but it may select pods an operator creates at run time: Deployment\/data\/manager runs as ServiceAccount manager, which can create statefulsets there \(in data through RoleBinding data\/manager → Role data\/manager\)/);
  // The account's RBAC is in the input and cannot create pods: dangling, whatever its image is called.
  const readOnly = await messages(OPERATOR_NS('get, list', 'registry.example.com/db-operator:3.2'));
  assert.deepEqual(readOnly, ['low /spec/podSelector: the podSelector (no workload of namespace data) and the peer /spec/ingress/0/from/0/podSelector match no workload in the input']);
  // No binding names the account: an operator's image is the only hint.
  const byImage = await messages(OPERATOR_NS('get', 'registry.example.com/db-operator:3.2', false));
  assert.match(byImage[0]!, /may select pods an operator creates at run time: Deployment\/data\/manager looks like an operator \(image registry\.example\.com\/db-operator:3\.2; no RBAC for ServiceAccount manager in the input\)/);
  assert.deepEqual(await messages(OPERATOR_NS('get', 'registry.example.com/db-manager:3.2', false)), readOnly);
});

test('network-policy-dangling-selector: peers that match nothing are one finding per policy, listing them', async () => {
  const yaml = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: registry.example.com/api:1.0.0}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress: [{from: [{podSelector: {matchLabels: {app: frontent}}}, {podSelector: {matchLabels: {app: api}}}, {podSelector: {matchLabels: {app: gateway}}}]}]
`;
  const { findings } = await scanJson({ 'np.yaml': yaml }, ['--checks', 'network-policy-dangling-selector']);
  assert.deepEqual(findings.map((f) => `${f.path}: ${f.message}`), [
    '/spec/ingress/0/from/0/podSelector: 2 peers /spec/ingress/0/from/0/podSelector, /spec/ingress/0/from/2/podSelector match no workload in the input',
  ]);
});
