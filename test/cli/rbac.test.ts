import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';

const CLUSTER = 'test/fixtures/rbac/cluster.yaml';
const BOOT = ['cluster-roles.yaml', 'cluster-role-bindings.yaml', 'controller-roles.yaml', 'controller-role-bindings.yaml', 'namespace-roles.yaml', 'namespace-role-bindings.yaml'].map((f) => `test/fixtures/rbac-bootstrap/${f}`);
const VIEWER = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: viewers, namespace: prod}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: Group, name: auditors, apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: editors, namespace: prod}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: User, name: erin, apiGroup: rbac.authorization.k8s.io}]
`;
/** The line an object starts at (its apiVersion, two lines above its metadata line). */
const lineOf = (needle: string) => readFileSync(CLUSTER, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1 - 2;

test('rbac who-can: subjects with the binding and rule (file:line) that allow it', async () => {
  const r = await runCli(['rbac', 'who-can', 'get', 'secrets', '-n', 'prod', '--name', 'web-config', CLUSTER]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Who can get secrets "web-config" in namespace prod: 3 subjects/);
  assert.match(r.stdout, new RegExp(`Group devs\\n  in prod: RoleBinding prod/devs-debug \\(${CLUSTER}:${lineOf('name: devs-debug')}\\) → Role prod/debugger, rule 1 at ${CLUSTER}:\\d+: get on secrets \\(apiGroups core\\) names web-config`));
  assert.match(r.stdout, /User bob\n  ClusterRoleBinding admin-bot/);
  const any = await runCli(['rbac', 'who-can', 'get', 'secrets', '-n', 'prod', CLUSTER]);
  assert.match(any.stdout, /^Who can get secrets in namespace prod: 3 subjects \(1 only for named objects\)/);
  assert.match(any.stdout, /Group devs\n  in prod: only web-config: RoleBinding prod\/devs-debug/);
  const other = await runCli(['rbac', 'who-can', 'get', 'secrets', '-n', 'prod', '--name', 'other', CLUSTER]);
  assert.doesNotMatch(other.stdout, /devs/, 'resourceNames narrow');
  const json = await runCli(['rbac', 'who-can', 'create', 'pods', '-A', CLUSTER, '-o', 'json']);
  const doc = JSON.parse(json.stdout) as { subjects: { kind: string; name: string; grants: { scope: string; binding: { name: string; line: number } }[] }[] };
  const deployer = doc.subjects.find((s) => s.name === 'deployer')!;
  assert.equal(deployer.grants[0]!.scope, 'prod');
  assert.equal(deployer.grants[0]!.binding.line, lineOf('name: deployer-pods'));
  const cw = JSON.parse((await runCli(['rbac', 'who-can', 'create', 'pods', CLUSTER, '-o', 'json'])).stdout) as typeof doc;
  assert.ok(!cw.subjects.some((s) => s.name === 'deployer'), 'cluster-wide: a RoleBinding does not count');
});

test('rbac who-can over stdin and the bootstrap policy: system:discovery URLs, view vs edit on secrets', async () => {
  const input = [...BOOT.map((f) => readFileSync(f, 'utf8')), VIEWER].join('\n---\n');
  const urls = await runCli(['rbac', 'who-can', 'get', '/apis/apps/v1', '-', '-o', 'json'], { input });
  const u = JSON.parse(urls.stdout) as { subjects: { name: string; grants: { role: { name: string } }[] }[] };
  assert.ok(u.subjects.some((s) => s.name === 'system:authenticated' && s.grants.some((g) => g.role.name === 'system:discovery')));
  assert.ok(!u.subjects.some((s) => s.name === 'system:unauthenticated'));
  const secrets = await runCli(['rbac', 'who-can', 'list', 'secrets', '-n', 'prod', '-', '-o', 'json'], { input });
  const names = (JSON.parse(secrets.stdout) as { subjects: { name: string }[] }).subjects.map((s) => s.name);
  assert.ok(names.includes('erin') && !names.includes('auditors'), names.join(','));
});

test('rbac can: yes (exit 0) with the grant, no (exit 1) with the bindings that grant nothing', async () => {
  const yes = await runCli(['rbac', 'can', 'system:serviceaccount:ci:deployer', 'create', 'pods', '-n', 'prod', CLUSTER]);
  assert.equal(yes.code, 0, yes.stderr);
  assert.match(yes.stdout, /^yes\nServiceAccount ci\/deployer \(groups: system:serviceaccounts, system:serviceaccounts:ci, system:authenticated\) may create pods in namespace prod\./);
  assert.match(yes.stdout, /RoleBinding prod\/deployer-pods .* → ClusterRole pod-manager, rule 0/);
  const no = await runCli(['rbac', 'can', 'system:serviceaccount:ci:deployer', 'create', 'pods', '-n', 'ci', CLUSTER]);
  assert.equal(no.code, 1);
  assert.match(no.stdout, /^no\n/);
  const carol = await runCli(['rbac', 'can', 'carol', 'get', 'pods', '-n', 'prod', CLUSTER, '-o', 'json']);
  assert.equal(carol.code, 1);
  const doc = JSON.parse(carol.stdout) as { allowed: boolean; bindingsGrantingNothing: { binding: string; reason: string }[] };
  assert.equal(doc.allowed, false);
  assert.equal(doc.bindingsGrantingNothing[0]!.binding, 'RoleBinding prod/legacy');
  const group = await runCli(['rbac', 'can', 'dan', '-g', 'devs', 'create', 'pods/exec', '-n', 'prod', '--name', 'web-123', CLUSTER]);
  assert.equal(group.code, 0, group.stdout);
  const masters = await runCli(['rbac', 'can', 'group:system:masters', 'delete', 'nodes', CLUSTER]);
  assert.equal(masters.code, 0);
  assert.match(masters.stdout, /privileged group/);
  const edit = await runCli(['rbac', 'can', 'erin', 'create', 'pods/exec', '-n', 'prod', '--name', 'x', '-', ...[]], { input: [...BOOT.map((f) => readFileSync(f, 'utf8')), VIEWER].join('\n---\n') });
  assert.equal(edit.code, 0, 'edit can exec into pods');
  const bad = await runCli(['rbac', 'can', 'system:serviceaccount:oops', 'get', 'pods', CLUSTER]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /system:serviceaccount:NAMESPACE:NAME/);
});

test('rbac permissions: flattened rules with their bindings, and dead bindings', async () => {
  const r = await runCli(['rbac', 'permissions', 'group:devs', CLUSTER]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /prod\s+core\s+pods\/exec\s+\*\s+create\s+RoleBinding prod\/devs-debug → Role prod\/debugger/);
  assert.match(r.stdout, /prod\s+core\s+secrets\s+web-config\s+get/);
  const j = JSON.parse((await runCli(['rbac', 'permissions', 'User:bob', CLUSTER, '-o', 'json'])).stdout) as { permissions: { scope: string; resource?: string; nonResourceURL?: string; verbs: string[] }[] };
  assert.deepEqual(j.permissions.map((p) => `${p.scope} ${p.resource ?? p.nonResourceURL} ${p.verbs.join(',')}`), ['cluster * *', 'cluster * *']);
  const carol = await runCli(['rbac', 'permissions', 'carol', CLUSTER]);
  assert.match(carol.stdout, /0 rules[\s\S]*Note: RoleBinding prod\/legacy/);
});

test('rbac paths: text with evidence per hop, json, dot, mermaid, --from, bad flags', async () => {
  const text = await runCli(['rbac', 'paths', CLUSTER]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^Escalation to cluster-admin \(\* on \* in every namespace\): 2 subjects hold it directly, 4 more reach it/);
  assert.match(text.stdout, /ServiceAccount ci\/deployer → cluster-admin .* in 6 hops:\n  1\. ServiceAccount ci\/deployer → any service account in prod: create pods in prod → run a pod as any service account there\n      RoleBinding prod\/deployer-pods/);
  const json = JSON.parse((await runCli(['rbac', 'paths', CLUSTER, '-o', 'json', '--from', 'user:alice'])).stdout) as { paths: { from: string; length: number; hops: { grant?: unknown; note?: string }[] }[] };
  assert.deepEqual(json.paths.map((p) => [p.from, p.length]), [['User:alice', 3]]);
  assert.ok(json.paths[0]!.hops[0]!.grant && json.paths[0]!.hops[1]!.note);
  const dot = await runCli(['rbac', 'paths', CLUSTER, '-o', 'dot']);
  assert.match(dot.stdout, /^digraph escalation \{/);
  assert.match(dot.stdout, /"User:alice" -> "any-user" \[label="impersonate any user"\];/);
  const mermaid = await runCli(['rbac', 'paths', CLUSTER, '-o', 'mermaid', '--from', 'sa:ci/deployer']);
  assert.match(mermaid.stdout, /^flowchart LR\n  n0\["ServiceAccount ci\/deployer"\] -->\|"create pods in prod → run a pod as any service account there"\| n1\["any service account in prod"\]/);
  const none = await runCli(['rbac', 'paths', CLUSTER, '--from', 'carol']);
  assert.match(none.stdout, /No path from User carol within 8 hops/);
  assert.equal((await runCli(['rbac', 'paths', CLUSTER, '--to', 'moon'])).code, 2);
  assert.equal((await runCli(['rbac', 'paths'])).code, 2);
});

test('rbac who-can: an unknown bare resource is taken as core and says so; resource.group is exact', async () => {
  const r = await runCli(['rbac', 'who-can', 'get', 'frobs', CLUSTER]);
  assert.match(r.stdout, /warning: "frobs" is not a known built-in resource/);
  const g = await runCli(['rbac', 'who-can', 'get', 'frobs.example.com', CLUSTER]);
  assert.doesNotMatch(g.stdout, /warning/);
  assert.match(g.stdout, /User bob/, 'cluster-admin covers every group');
  assert.equal((await runCli(['rbac', 'who-can', 'get', 'pods', '-n', 'x', '-A', CLUSTER])).code, 2);
  assert.equal((await runCli(['rbac', 'who-can', 'get', 'pods', CLUSTER, '-o', 'yaml'])).code, 2);
});

test('rbac commands fail on a path that cannot be read (never answer from less than was asked)', async () => {
  const r = await runCli(['rbac', 'who-can', 'get', 'pods', '-n', 'prod', 'no-such-file.yaml', CLUSTER]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^kubeward: no-such-file\.yaml: no such file or directory: check the path/);
});
