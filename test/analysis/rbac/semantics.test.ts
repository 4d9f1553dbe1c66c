// Hand-written cases for the parts of the authorizer the bootstrap policy does not exercise.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flattenPermissions } from '../../../src/analysis/rbac/permissions.js';
import { buildRequest, parseResource } from '../../../src/analysis/rbac/request.js';
import { nonResourceURLMatches, parseRule, resourceMatches, ruleAllows, type Request } from '../../../src/analysis/rbac/rule.js';
import { parseSubject, serviceAccountIdentity, userIdentity } from '../../../src/analysis/rbac/subjects.js';
import { whoCan } from '../../../src/analysis/rbac/who-can.js';
import { modelOf } from './helpers.js';

const res = (verb: string, resource: string, o: { group?: string; sub?: string; ns?: string; name?: string } = {}): Request => ({
  kind: 'resource', verb, group: o.group ?? '', resource, subresource: o.sub ?? '', namespace: o.ns ?? '', name: o.name ?? '',
});
const rule = (r: object) => parseRule(r)!;

test('resources: exact, *, */subresource; pods/* is not a wildcard', () => {
  assert.equal(resourceMatches(rule({ resources: ['pods'] }), 'pods', ''), true);
  assert.equal(resourceMatches(rule({ resources: ['pods'] }), 'pods/exec', 'exec'), false, 'pods does not cover its subresources');
  assert.equal(resourceMatches(rule({ resources: ['pods/exec'] }), 'pods/exec', 'exec'), true);
  assert.equal(resourceMatches(rule({ resources: ['*'] }), 'pods/exec', 'exec'), true);
  assert.equal(resourceMatches(rule({ resources: ['*/scale'] }), 'deployments/scale', 'scale'), true);
  assert.equal(resourceMatches(rule({ resources: ['*/scale'] }), 'deployments', ''), false);
  assert.equal(resourceMatches(rule({ resources: ['*/scale'] }), 'deployments/status', 'status'), false);
  assert.equal(resourceMatches(rule({ resources: ['pods/*'] }), 'pods/exec', 'exec'), false);
  assert.equal(resourceMatches(rule({ resources: ['pods/*'] }), 'pods', ''), false);
});

test('non-resource URLs: exact, *, trailing * prefix (all trailing stars trimmed)', () => {
  const r = rule({ verbs: ['get'], nonResourceURLs: ['/healthz', '/api/*', '/logs**'] });
  assert.equal(nonResourceURLMatches(r, '/healthz'), true);
  assert.equal(nonResourceURLMatches(r, '/healthz/etcd'), false);
  assert.equal(nonResourceURLMatches(r, '/api/v1'), true);
  assert.equal(nonResourceURLMatches(r, '/api/'), true);
  assert.equal(nonResourceURLMatches(r, '/api'), false);
  assert.equal(nonResourceURLMatches(r, '/logsfoo'), true);
  assert.equal(nonResourceURLMatches(rule({ nonResourceURLs: ['*'] }), '/anything'), true);
  // A resource rule never allows a URL, and a URL rule never allows a resource.
  assert.equal(ruleAllows(rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }), { kind: 'nonResource', verb: 'get', path: '/healthz' }), false);
  assert.equal(ruleAllows(r, res('get', 'pods')), false);
});

test('verbs and apiGroups: * or exact; the core group is ""', () => {
  const r = rule({ verbs: ['get'], apiGroups: [''], resources: ['pods'] });
  assert.equal(ruleAllows(r, res('get', 'pods')), true);
  assert.equal(ruleAllows(r, res('list', 'pods')), false);
  assert.equal(ruleAllows(r, res('get', 'pods', { group: 'apps' })), false);
  assert.equal(ruleAllows(rule({ verbs: ['*'], apiGroups: ['*'], resources: ['pods'] }), res('delete', 'pods', { group: 'metrics.k8s.io' })), true);
  assert.equal(ruleAllows(rule({ verbs: ['get'], resources: ['pods'] }), res('get', 'pods')), false, 'no apiGroups: matches nothing');
});

test('resourceNames: only named objects; create and unnamed list are never allowed by a named rule', () => {
  const r = rule({ verbs: ['get', 'list', 'create', 'update'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['app-config'] });
  assert.equal(ruleAllows(r, res('get', 'configmaps', { name: 'app-config' })), true);
  assert.equal(ruleAllows(r, res('get', 'configmaps', { name: 'other' })), false);
  assert.equal(ruleAllows(r, res('list', 'configmaps')), false);
  assert.equal(ruleAllows(r, res('create', 'configmaps')), false);
});

const ROLES = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring}
aggregationRule:
  clusterRoleSelectors:
    - matchLabels: {rbac.example.com/aggregate-to-monitoring: "true"}
rules:
  - {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: monitoring-endpoints
  labels: {rbac.example.com/aggregate-to-monitoring: "true"}
rules:
  - {apiGroups: [""], resources: [services, endpoints, pods], verbs: [get, list, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: monitoring-nested
  labels: {rbac.example.com/aggregate-to-monitoring: "true"}
aggregationRule:
  clusterRoleSelectors:
    - matchExpressions: [{key: tier, operator: In, values: [metrics]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: metrics-reader
  labels: {tier: metrics}
rules:
  - {nonResourceURLs: [/metrics], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: cycle-a
  labels: {cycle: b}
aggregationRule:
  clusterRoleSelectors: [{matchLabels: {cycle: a}}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: cycle-b
  labels: {cycle: a}
aggregationRule:
  clusterRoleSelectors: [{matchLabels: {cycle: b}}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: deployer, namespace: ci}
rules:
  - {apiGroups: [apps], resources: [deployments, deployments/scale], verbs: [create, update, patch]}
  - {apiGroups: [""], resources: [pods/exec], verbs: [create], resourceNames: [debug-pod]}
`;

const BINDINGS = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: prometheus}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring}
subjects:
  - {kind: ServiceAccount, name: prometheus, namespace: monitoring}
  - {kind: ServiceAccount, name: no-namespace}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: deployer, namespace: ci}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}
subjects:
  - {kind: ServiceAccount, name: deployer}
  - {kind: Group, name: release-managers, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: team-a-monitoring, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring}
subjects:
  - {kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: all-sa-read}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring-endpoints}
subjects:
  - {kind: Group, name: "system:serviceaccounts:team-b", apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ghost, namespace: ci}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: does-not-exist}
subjects:
  - {kind: User, name: bob}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: role-in-other-namespace, namespace: prod}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}
subjects:
  - {kind: User, name: carol}
`;
const model = modelOf(ROLES, BINDINGS);

test('aggregation replaces written rules, is transitive, and cycles settle on nothing', () => {
  const mon = model.roles.get('ClusterRole\u0000monitoring')!;
  assert.deepEqual(mon.aggregatedFrom, ['monitoring-endpoints', 'monitoring-nested', 'metrics-reader']);
  assert.deepEqual(mon.rules.map((r) => r.source.name), ['monitoring-endpoints', 'metrics-reader'], 'the written * rule is replaced');
  const prom = serviceAccountIdentity('monitoring', 'prometheus');
  assert.equal(model.authorize(prom, res('list', 'pods', { ns: 'x' })).allowed, true);
  assert.equal(model.authorize(prom, { kind: 'nonResource', verb: 'get', path: '/metrics' }).allowed, true, 'through the nested aggregation');
  assert.equal(model.authorize(prom, res('delete', 'pods', { ns: 'x', name: 'p' })).allowed, false);
  assert.deepEqual(model.roles.get('ClusterRole\u0000cycle-a')!.rules, []);
  assert.deepEqual(model.roles.get('ClusterRole\u0000cycle-b')!.rules, []);
});

test('a RoleBinding to a ClusterRole grants it in the binding namespace only, and never its URLs', () => {
  const alice = userIdentity('alice');
  assert.equal(model.authorize(alice, res('list', 'pods', { ns: 'team-a' })).allowed, true);
  assert.equal(model.authorize(alice, res('list', 'pods', { ns: 'team-b' })).allowed, false);
  assert.equal(model.authorize(alice, res('list', 'pods')).allowed, false);
  assert.equal(model.authorize(alice, { kind: 'nonResource', verb: 'get', path: '/metrics' }).allowed, false);
});

test('service accounts: namespace defaulted from the RoleBinding; none in a ClusterRoleBinding matches no one; implicit groups', () => {
  const deployer = serviceAccountIdentity('ci', 'deployer');
  assert.equal(model.authorize(deployer, res('create', 'deployments', { group: 'apps', ns: 'ci' })).allowed, true);
  assert.equal(model.authorize(deployer, res('update', 'deployments', { group: 'apps', sub: 'scale', ns: 'ci', name: 'web' })).allowed, true);
  assert.equal(model.authorize(deployer, res('create', 'deployments', { group: 'apps', ns: 'prod' })).allowed, false);
  const crb = model.bindings.find((b) => b.name === 'prometheus')!;
  assert.deepEqual(crb.ignoredSubjects.map((s) => s.index), [1]);
  // system:serviceaccounts:team-b: every SA of team-b, and no one else.
  assert.equal(model.authorize(serviceAccountIdentity('team-b', 'anything'), res('get', 'services', { ns: 'x', name: 's' })).allowed, true);
  assert.equal(model.authorize(serviceAccountIdentity('team-c', 'anything'), res('get', 'services', { ns: 'x', name: 's' })).allowed, false);
  assert.equal(model.authorize(userIdentity('system:serviceaccount:team-b:x'), res('get', 'services', { ns: 'x', name: 's' })).allowed, true);
  // Groups: a member of release-managers gets the Role in ci.
  assert.equal(model.authorize(userIdentity('dave', ['release-managers']), res('patch', 'deployments', { group: 'apps', ns: 'ci', name: 'w' })).allowed, true);
  assert.equal(model.authorize(userIdentity('dave'), res('patch', 'deployments', { group: 'apps', ns: 'ci', name: 'w' })).allowed, false);
});

test('resourceNames and subresources in a Role: exec into one pod only', () => {
  const deployer = serviceAccountIdentity('ci', 'deployer');
  assert.equal(model.authorize(deployer, res('create', 'pods', { sub: 'exec', ns: 'ci', name: 'debug-pod' })).allowed, true);
  assert.equal(model.authorize(deployer, res('create', 'pods', { sub: 'exec', ns: 'ci', name: 'web' })).allowed, false);
  assert.equal(model.authorize(deployer, res('create', 'pods', { ns: 'ci' })).allowed, false);
});

test('missing roles grant nothing and say why; a Role of another namespace is not found', () => {
  const ghost = model.bindings.find((b) => b.name === 'ghost')!;
  assert.equal(ghost.role, undefined);
  assert.equal(ghost.unresolved?.reason, 'missing');
  assert.equal(model.authorize(userIdentity('bob'), res('get', 'pods', { ns: 'ci', name: 'x' })).allowed, false);
  const other = model.bindings.find((b) => b.name === 'role-in-other-namespace')!;
  assert.equal(other.unresolved?.reason, 'missing');
  assert.equal(model.authorize(userIdentity('carol'), res('create', 'deployments', { group: 'apps', ns: 'prod' })).allowed, false);
  const dflt = modelOf(`apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: v, namespace: x}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: User, name: u}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: bad}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: view}
subjects: [{kind: User, name: u}]
`);
  assert.equal(dflt.bindings[0]!.unresolved?.reason, 'default-not-in-inventory');
  assert.equal(dflt.bindings[1]!.unresolved?.reason, 'invalid');
  // An empty roleRef.apiGroup is defaulted; a Kustomize delete patch is not a binding.
  const m = modelOf(`apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: no-group, namespace: ci}
roleRef: {kind: Role, name: deployer}
subjects: [{kind: User, name: erin}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: deployer, namespace: ci}
$patch: delete
---
${ROLES}`);
  assert.deepEqual(m.bindings.map((b) => b.name), ['no-group']);
  assert.equal(m.authorize(userIdentity('erin'), res('create', 'deployments', { group: 'apps', ns: 'ci' })).allowed, true);
});

test('who-can uses the index and agrees with authorize; names narrow', () => {
  const rows = whoCan(model, res('create', 'pods', { sub: 'exec', ns: 'ci', name: 'debug-pod' }));
  assert.deepEqual(rows.map((r) => `${r.subject.kind}:${r.subject.name}`), ['Group:release-managers', 'ServiceAccount:deployer']);
  assert.deepEqual(whoCan(model, res('create', 'pods', { sub: 'exec', ns: 'ci', name: 'web' })), []);
  assert.deepEqual(whoCan(model, { kind: 'nonResource', verb: 'get', path: '/metrics' }).map((r) => r.subject.name), ['prometheus']);
  // Without a name, named rules are only included on request, and say which names.
  assert.deepEqual(whoCan(model, res('create', 'pods', { sub: 'exec', ns: 'ci' })), []);
  const named = whoCan(model, res('create', 'pods', { sub: 'exec', ns: 'ci' }), { includeNamed: true });
  assert.deepEqual(named.map((r) => `${r.subject.name} ${r.onlyNames?.join(',')}`), ['release-managers debug-pod', 'deployer debug-pod']);
  // create of a collection has no name: a named rule never allows it, includeNamed or not.
  assert.deepEqual(whoCan(modelOf(ROLES.replace('[create, update, patch]}', '[create, update, patch], resourceNames: [x]}'), BINDINGS), res('create', 'deployments', { group: 'apps', ns: 'ci' }), { includeNamed: true }), []);
});

test('permissions flatten and de-duplicate', () => {
  const rows = flattenPermissions(model.grantsFor(serviceAccountIdentity('ci', 'deployer'), '*'));
  assert.deepEqual(rows.map((r) => `${r.namespace ?? '*'} ${r.apiGroup ?? ''} ${r.resource ?? r.url} [${r.resourceNames.join(',')}] ${r.verbs.join(',')}`), [
    'ci  pods/exec [debug-pod] create',
    'ci apps deployments [] create,patch,update',
    'ci apps deployments/scale [] create,patch,update',
  ]);
});

test('request and subject parsing', () => {
  assert.deepEqual(parseResource('deployments'), { group: 'apps', resource: 'deployments', subresource: '' });
  assert.deepEqual(parseResource('deploy.apps/scale'), { group: 'apps', resource: 'deployments', subresource: 'scale' });
  assert.deepEqual(parseResource('widgets.example.com'), { group: 'example.com', resource: 'widgets', subresource: '' });
  assert.deepEqual(parseResource('po/exec'), { group: '', resource: 'pods', subresource: 'exec' });
  assert.equal((parseResource('frobs') as { guessed?: boolean }).guessed, true);
  assert.ok('error' in parseResource('pods/'));
  assert.deepEqual(buildRequest('get', '/healthz'), { request: { kind: 'nonResource', verb: 'get', path: '/healthz' } });
  const sa = parseSubject('system:serviceaccount:ci:deployer');
  assert.ok('identity' in sa && sa.identity.groups.includes('system:serviceaccounts:ci') && sa.label === 'ServiceAccount ci/deployer');
  const g = parseSubject('group:devs');
  assert.ok('identity' in g && g.identity.user === undefined && g.identity.groups[0] === 'devs');
  assert.ok('error' in parseSubject('system:serviceaccount:broken'));
  assert.ok('error' in parseSubject('sa:nonamespace'));
  const u = parseSubject('alice', ['devs']);
  assert.ok('identity' in u && u.identity.groups.includes('devs') && u.identity.groups.includes('system:authenticated'));
});
