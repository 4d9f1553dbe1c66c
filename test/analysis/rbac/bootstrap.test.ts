// The Kubernetes bootstrap policy (the roles and bindings a real API server creates) through our authorizer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Request } from '../../../src/analysis/rbac/rule.js';
import { serviceAccountIdentity, userIdentity, type Identity } from '../../../src/analysis/rbac/subjects.js';
import { whoCan } from '../../../src/analysis/rbac/who-can.js';
import { bootstrapModel } from './helpers.js';

const res = (verb: string, resource: string, o: { group?: string; sub?: string; ns?: string; name?: string } = {}): Request => ({
  kind: 'resource', verb, group: o.group ?? '', resource, subresource: o.sub ?? '', namespace: o.ns ?? '', name: o.name ?? '',
});
const url = (verb: string, path: string): Request => ({ kind: 'nonResource', verb, path });

// The bootstrap set binds view/edit/admin to no one; a cluster's users get them through bindings like these.
const BINDINGS = ['view', 'edit', 'admin'].map((role) => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ${role}-binding, namespace: prod}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}
subjects:
  - {kind: User, name: ${role}-user, apiGroup: rbac.authorization.k8s.io}
`);
const model = bootstrapModel(BINDINGS);
const allowed = (who: Identity, req: Request) => model.authorize(who, req).allowed;

test('cluster-admin (group system:masters) can do anything, through the RBAC binding itself', () => {
  const admin = userIdentity('root', ['system:masters']);
  for (const req of [res('delete', 'nodes'), res('create', 'pods', { sub: 'exec', ns: 'kube-system', name: 'x' }), res('escalate', 'clusterroles', { group: 'rbac.authorization.k8s.io' }), res('frobnicate', 'widgets', { group: 'example.com' }), url('get', '/metrics'), url('post', '/anything/at/all')]) {
    const d = model.authorize(admin, req);
    assert.ok(d.allowed);
    assert.ok(d.grants.some((g) => g.binding.name === 'cluster-admin' && g.role.name === 'cluster-admin'), JSON.stringify(req));
  }
});

test('aggregation: admin ⊇ edit ⊇ view, built from the aggregate-to-* roles', () => {
  const admin = model.roles.get('ClusterRole\u0000admin')!;
  const edit = model.roles.get('ClusterRole\u0000edit')!;
  const view = model.roles.get('ClusterRole\u0000view')!;
  assert.deepEqual(view.aggregatedFrom, ['system:aggregate-to-view']);
  assert.ok(edit.aggregatedFrom!.includes('view') && edit.aggregatedFrom!.includes('system:aggregate-to-view'));
  assert.ok(admin.aggregatedFrom!.includes('edit') && admin.aggregatedFrom!.includes('system:aggregate-to-view'));
  assert.ok(view.rules.length > 0 && edit.rules.length > view.rules.length && admin.rules.length > edit.rules.length);
  // Every rule of view comes from a non-aggregated role.
  for (const r of admin.rules) assert.ok(r.source.name.startsWith('system:aggregate-to-'), r.source.name);
});

test('view cannot read secrets; it can read pods, only in its namespace', () => {
  const viewer = userIdentity('view-user');
  for (const verb of ['get', 'list', 'watch']) assert.equal(allowed(viewer, res(verb, 'secrets', { ns: 'prod' })), false, verb);
  assert.equal(allowed(viewer, res('get', 'pods', { ns: 'prod', name: 'web' })), true);
  assert.equal(allowed(viewer, res('get', 'pods', { ns: 'dev', name: 'web' })), false);
  assert.equal(allowed(viewer, res('list', 'pods')), false, 'a RoleBinding does not grant cluster-wide');
  assert.equal(allowed(viewer, res('create', 'pods', { ns: 'prod' })), false);
  assert.equal(allowed(viewer, res('get', 'pods', { ns: 'prod', sub: 'log', name: 'web' })), true);
});

test('edit can exec into pods and read secrets, not change RBAC; admin can', () => {
  const editor = userIdentity('edit-user');
  assert.equal(allowed(editor, res('create', 'pods', { ns: 'prod', sub: 'exec', name: 'web' })), true);
  assert.equal(allowed(editor, res('get', 'secrets', { ns: 'prod', name: 'db' })), true);
  assert.equal(allowed(editor, res('create', 'deployments', { group: 'apps', ns: 'prod' })), true);
  assert.equal(allowed(editor, res('create', 'rolebindings', { group: 'rbac.authorization.k8s.io', ns: 'prod' })), false);
  assert.equal(allowed(userIdentity('admin-user'), res('create', 'rolebindings', { group: 'rbac.authorization.k8s.io', ns: 'prod' })), true);
  assert.equal(allowed(userIdentity('admin-user'), res('create', 'namespaces')), false);
});

test('system:discovery (bound to system:authenticated) reaches exactly its URLs', () => {
  const bob = userIdentity('bob');
  for (const p of ['/api', '/api/v1', '/apis', '/apis/apps/v1', '/healthz', '/livez', '/readyz', '/version', '/version/', '/openapi/v2']) assert.equal(allowed(bob, url('get', p)), true, p);
  for (const p of ['/metrics', '/logs', '/healthz/etcd', '/versionx', '/debug/pprof']) assert.equal(allowed(bob, url('get', p)), false, p);
  assert.equal(allowed(bob, url('post', '/api')), false, 'only get');
  assert.equal(allowed(bob, res('get', 'pods', { ns: 'default', name: 'x' })), false);
  const d = model.authorize(bob, url('get', '/apis/apps'));
  assert.ok(d.grants.some((g) => g.binding.name === 'system:discovery' && g.subject.name === 'system:authenticated'));
});

test('anonymous: system:public-info-viewer only (through system:unauthenticated)', () => {
  const anon = userIdentity('system:anonymous');
  assert.deepEqual(anon.groups, ['system:unauthenticated']);
  assert.equal(allowed(anon, url('get', '/healthz')), true);
  assert.equal(allowed(anon, url('get', '/version')), true);
  assert.equal(allowed(anon, url('get', '/api')), false, 'discovery is for authenticated users');
  assert.equal(allowed(anon, res('get', 'namespaces', { name: 'default' })), false);
});

test('controller service accounts: the deployment controller manages replicasets cluster-wide, not secrets', () => {
  const dc = serviceAccountIdentity('kube-system', 'deployment-controller');
  assert.equal(allowed(dc, res('create', 'replicasets', { group: 'apps', ns: 'prod' })), true);
  assert.equal(allowed(dc, res('update', 'deployments', { group: 'apps', sub: 'status', ns: 'prod', name: 'web' })), true);
  assert.equal(allowed(dc, res('get', 'secrets', { ns: 'prod', name: 'x' })), false);
  assert.equal(allowed(serviceAccountIdentity('other', 'deployment-controller'), res('create', 'replicasets', { group: 'apps', ns: 'prod' })), false);
});

test('who-can get secrets in prod: cluster-admin group, edit/admin users, the controllers that read secrets', () => {
  const rows = whoCan(model, res('get', 'secrets', { ns: 'prod', name: 'db' }));
  const subjects = new Set(rows.map((r) => `${r.subject.kind}:${r.subject.namespace ?? ''}:${r.subject.name}`));
  assert.ok(subjects.has('Group::system:masters'));
  assert.ok(subjects.has('User::edit-user'));
  assert.ok(subjects.has('User::admin-user'));
  assert.ok(!subjects.has('User::view-user'));
  assert.ok(subjects.has('User::system:kube-controller-manager'));
  // Every row's grant is real: the authorizer agrees for that subject.
  for (const r of rows) {
    const who = r.subject.kind === 'Group' ? { groups: [r.subject.name] } : r.subject.kind === 'User' ? userIdentity(r.subject.name) : serviceAccountIdentity(r.subject.namespace!, r.subject.name);
    assert.ok(model.authorize(who, res('get', 'secrets', { ns: 'prod', name: 'db' })).allowed, JSON.stringify(r.subject));
  }
  // Cluster-wide: no RoleBinding counts.
  assert.ok(!whoCan(model, res('list', 'secrets')).some((r) => r.binding.kind === 'RoleBinding'));
  assert.ok(whoCan(model, res('list', 'secrets'), { allNamespaces: true }).some((r) => r.subject.name === 'edit-user' && r.namespace === 'prod'));
});

test('the featuregates variant of the policy gives the same answers for the core roles', async () => {
  const { bootstrapTexts, inventoryOf } = await import('./helpers.js');
  const { rbacModel } = await import('../../../src/analysis/rbac/model.js');
  const m = rbacModel(inventoryOf([...bootstrapTexts(['cluster-roles-featuregates.yaml', 'cluster-role-bindings.yaml']), { text: BINDINGS[0]!, file: 'b.yaml' }]));
  assert.equal(m.authorize(userIdentity('view-user'), res('get', 'secrets', { ns: 'prod', name: 'x' })).allowed, false);
  assert.equal(m.authorize(userIdentity('view-user'), res('list', 'pods', { ns: 'prod' })).allowed, true);
  assert.equal(m.authorize(userIdentity('x', ['system:masters']), res('delete', 'nodes', { name: 'n' })).grants.length > 0, true);
});
