import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ALL_PODS, buildEscalationGraph, CLUSTER_ADMIN, NODE } from '../../../src/analysis/rbac/escalation-graph.js';
import { escalationPaths } from '../../../src/analysis/rbac/paths.js';
import { rbacModel } from '../../../src/analysis/rbac/model.js';
import { bootstrapModel, inventoryOf, modelOf } from './helpers.js';

const CLUSTER = readFileSync(new URL('../../fixtures/rbac/cluster.yaml', import.meta.url), 'utf8');
const model = rbacModel(inventoryOf([{ text: CLUSTER, file: 'cluster.yaml' }]));

test('shortest paths to cluster-admin, every hop with its evidence', () => {
  const r = escalationPaths(model);
  assert.deepEqual(r.direct.map((p) => p.from), ['ServiceAccount:kube-system/admin-bot', 'User:bob']);
  const byFrom = new Map(r.paths.map((p) => [p.from, p]));
  const hops = (from: string) => byFrom.get(from)!.hops.map((h) => `${h.from} -> ${h.to}`);
  assert.deepEqual(hops('User:alice'), ['User:alice -> any-user', 'any-user -> User:bob', `User:bob -> ${CLUSTER_ADMIN}`]);
  assert.deepEqual(hops('ServiceAccount:ci/deployer'), [
    'ServiceAccount:ci/deployer -> any-serviceaccount:prod',
    'any-serviceaccount:prod -> ServiceAccount:prod/ops-bot',
    'ServiceAccount:prod/ops-bot -> any-serviceaccount:*',
    'any-serviceaccount:* -> any-serviceaccount:kube-system',
    'any-serviceaccount:kube-system -> ServiceAccount:kube-system/admin-bot',
    `ServiceAccount:kube-system/admin-bot -> ${CLUSTER_ADMIN}`,
  ]);
  // Exec into the Deployment's pod gives its service account.
  const devs = byFrom.get('Group:devs')!;
  assert.equal(devs.hops[0]!.to, 'ServiceAccount:prod/ops-bot');
  assert.equal(devs.hops[0]!.grant?.binding.name, 'devs-debug');
  assert.equal(devs.hops[0]!.objects?.[0]?.name, 'web');
  // Every hop carries evidence: a grant (binding + rule), objects, or a note.
  for (const p of [...r.direct, ...r.paths]) for (const h of p.hops) assert.ok(h.grant || h.objects?.length || h.note, `${h.from} -> ${h.to} has no evidence`);
  for (const p of r.paths) for (const h of p.hops) if (h.grant) assert.ok(h.grant.subject && h.grant.ref.rule, 'grant names subject and rule');
  // Subjects with no path are absent: carol's binding grants nothing.
  assert.ok(!byFrom.has('User:carol'));
  // Shortest first.
  assert.deepEqual(r.paths.map((p) => p.hops.length), [...r.paths.map((p) => p.hops.length)].sort((a, b) => a - b));
});

test('legacy token secrets, nodes/proxy, DaemonSets on the node, impersonating groups, bind + create bindings', () => {
  const m = modelOf(`apiVersion: v1
kind: Secret
type: kubernetes.io/service-account-token
metadata: {name: builder-token, namespace: ci, annotations: {kubernetes.io/service-account.name: builder}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: builder-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: all}
subjects: [{kind: ServiceAccount, name: builder, namespace: ci}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: all}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: read-secrets, namespace: ci}
rules: [{apiGroups: [""], resources: [secrets], verbs: [list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reader, namespace: ci}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: read-secrets}
subjects: [{kind: User, name: reader}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: kubelet-proxy}
rules: [{apiGroups: [""], resources: [nodes/proxy], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: monitor}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: kubelet-proxy}
subjects: [{kind: User, name: monitor}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: ci}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      serviceAccountName: builder
      containers: [{name: a, image: agent:1}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: impersonate-all}
rules: [{apiGroups: [""], resources: [users, groups], verbs: [impersonate]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: sudo}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: impersonate-all}
subjects: [{kind: User, name: sudoer}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: binder}
rules:
  - {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind], resourceNames: [cluster-admin]}
  - {apiGroups: [rbac.authorization.k8s.io], resources: [clusterrolebindings], verbs: [create]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: binder}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: binder}
subjects: [{kind: User, name: binder}]
`);
  const r = escalationPaths(m);
  const path = (from: string) => r.paths.find((p) => p.from === from)?.hops.map((h) => h.to) ?? r.direct.find((p) => p.from === from)?.hops.map((h) => h.to);
  assert.deepEqual(path('User:reader'), ['ServiceAccount:ci/builder', CLUSTER_ADMIN]);
  assert.equal(r.paths.find((p) => p.from === 'User:reader')!.hops[0]!.objects?.[0]?.name, 'builder-token');
  // nodes/proxy on every node reaches every pod: the DaemonSet's service account here.
  assert.deepEqual(path('User:monitor'), [ALL_PODS, 'ServiceAccount:ci/builder', CLUSTER_ADMIN]);
  assert.deepEqual(path('User:sudoer'), ['any-group', 'Group:system:masters', CLUSTER_ADMIN]);
  assert.deepEqual(path('User:binder'), [CLUSTER_ADMIN]);
  // builder holds * on *, nodes/proxy included; the DaemonSet has no host access, so nothing reaches its node's host.
  assert.deepEqual(escalationPaths(m, { target: ALL_PODS }).direct.map((p) => p.from), ['ServiceAccount:ci/builder', 'User:monitor']);
  assert.deepEqual(escalationPaths(m, { target: NODE }).direct.map((p) => p.from), []);
});

test('cycles and fan-out stay linear: 2,000 service accounts that can all become each other', () => {
  const docs: string[] = [`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: pods}
rules: [{apiGroups: [""], resources: [pods], verbs: [create]}]`];
  for (let i = 0; i < 2000; i++) {
    docs.push(`apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b${i}, namespace: ns${i % 20}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pods}
subjects: [{kind: ServiceAccount, name: sa${i}, namespace: ns${(i + 1) % 20}}]`);
  }
  const m = modelOf(docs.join('\n---\n'));
  const graph = buildEscalationGraph(m);
  const r = escalationPaths(m, { graph });
  assert.equal(r.paths.length + r.direct.length, 0, 'no one reaches cluster-admin');
  let edges = 0;
  for (const l of graph.out.values()) edges += l.length;
  assert.ok(edges < 20_000, `${edges} edges: fan-out goes through shared nodes`);
});

test('the bootstrap policy: system:masters, and the aggregation controller (escalate + update on its own ClusterRole), hold it directly', () => {
  const r = escalationPaths(bootstrapModel());
  assert.ok(r.direct.some((p) => p.from === 'Group:system:masters'));
  for (const p of r.paths) assert.ok(p.hops.length >= 2 && p.hops.at(-1)!.to === CLUSTER_ADMIN);
  assert.deepEqual(r.direct.map((p) => p.from), ['Group:system:masters', 'ServiceAccount:kube-system/clusterrole-aggregation-controller']);
  assert.match(r.direct[1]!.hops[0]!.how, /escalate and update ClusterRole system:controller:clusterrole-aggregation-controller/);
  // The controller manager user can mint a token for any service account, the aggregation controller's included.
  const kcm = r.paths.find((p) => p.from === 'User:system:kube-controller-manager');
  assert.ok(kcm, 'kube-controller-manager reaches cluster-admin');
});

test('exec into a privileged pod reaches its node, and the node the DaemonSets\' service accounts', () => {
  const m = modelOf(`apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: tools}
spec:
  automountServiceAccountToken: false
  containers: [{name: c, image: busybox:1, securityContext: {privileged: true}}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: cni, namespace: kube-system}
spec:
  selector: {matchLabels: {app: cni}}
  template:
    metadata: {labels: {app: cni}}
    spec:
      serviceAccountName: cni
      containers: [{name: c, image: cni:1}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: cni}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cni}
subjects: [{kind: ServiceAccount, name: cni, namespace: kube-system}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: cni}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: exec, namespace: tools}
rules: [{apiGroups: [""], resources: [pods/exec], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: exec, namespace: tools}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: exec}
subjects: [{kind: User, name: dev}]
`);
  const p = escalationPaths(m).paths.find((x) => x.from === 'User:dev')!;
  // create + read secrets: a new service-account-token Secret for any service account of the namespace.
  const s = modelOf(`apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: secrets, namespace: kube-system}
rules: [{apiGroups: [""], resources: [secrets], verbs: [create, get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: secrets, namespace: kube-system}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: secrets}
subjects: [{kind: User, name: ops}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: all}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: all}
subjects: [{kind: ServiceAccount, name: root, namespace: kube-system}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: all}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
`);
  const ops = escalationPaths(s).paths.find((x) => x.from === 'User:ops')!;
  assert.deepEqual(ops.hops.map((h) => h.to), ['any-serviceaccount:kube-system', 'ServiceAccount:kube-system/root', CLUSTER_ADMIN]);
  assert.match(ops.hops[0]!.how, /service-account-token Secret/);
  assert.deepEqual(p.hops.map((h) => h.to), [NODE, 'ServiceAccount:kube-system/cni', CLUSTER_ADMIN]);
  assert.match(p.hops[0]!.how, /exec into a pod of Pod tools\/debug, which has host access/);
  assert.match(p.hops[1]!.how, /DaemonSet kube-system\/cni runs on every node/);
});
