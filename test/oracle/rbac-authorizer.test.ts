// RBAC exactness against the real authorizer: a seeded random RBAC policy is applied to a real kube-apiserver
// (with kube-controller-manager's clusterrole-aggregation controller filling the aggregated ClusterRoles),
// and thousands of random requests are asked both of kubeward's RBAC model (what `kubeward rbac can` answers
// from) and of the server (SubjectAccessReview). Every answer must agree.
//
// KUBEWARD_ORACLE_SEED=n picks another policy; KUBEWARD_ORACLE_REQUESTS=n asks more (or fewer) questions.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_CLUSTER_ROLES, DEFAULT_ROLES } from '../../src/analysis/rbac/defaults.js';
import { rbacModel, type RbacModel } from '../../src/analysis/rbac/model.js';
import { ruleKey, type Request, parseRule } from '../../src/analysis/rbac/rule.js';
import { describeRequest } from '../../src/analysis/rbac/request.js';
import { Inventory } from '../../src/model/inventory.js';
import { loadText, withIds } from '../../src/sources/manifests.js';
import { apiServerSkipFor, startApiServer, type ApiServer } from '../helpers/apiserver.js';
import { generatePolicy, NAMESPACES, randomIdentity, randomRequest, rng, subjectAccessReview, type Generated, type Identity, type Json } from './rbac-gen.js';
import { mapLimit } from '../helpers/random.js';

const SEED = Number(process.env.KUBEWARD_ORACLE_SEED ?? 20261207);
const REQUESTS = Number(process.env.KUBEWARD_ORACLE_REQUESTS ?? 2500);
const RBAC = '/apis/rbac.authorization.k8s.io/v1';

const skip = apiServerSkipFor(['etcd', 'kube-apiserver', 'kube-controller-manager']);

function pathFor(o: Json): string {
  const kind = o.kind as string;
  const ns = (o.metadata as Json).namespace as string | undefined;
  const plural = kind.toLowerCase() + 's';
  return ns ? `${RBAC}/namespaces/${ns}/${plural}` : `${RBAC}/${plural}`;
}

/** Every object in the server's bootstrap RBAC policy (the roles and bindings it creates at start-up). */
async function bootstrapObjects(api: ApiServer): Promise<Json[]> {
  const out: Json[] = [];
  for (const [plural, kind] of [['clusterroles', 'ClusterRole'], ['clusterrolebindings', 'ClusterRoleBinding'], ['roles', 'Role'], ['rolebindings', 'RoleBinding']] as const) {
    const r = await api.request<{ items: Json[] }>('GET', `${RBAC}/${plural}`, undefined, { query: { labelSelector: 'kubernetes.io/bootstrapping=rbac-defaults' } });
    assert.equal(r.status, 200, r.text);
    for (const item of r.body.items) out.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, ...item });
  }
  return out;
}

function inventoryOf(objects: Json[]): Inventory {
  const loaded = loadText(objects.map((o) => JSON.stringify(o)).join('\n---\n'), 'oracle.yaml');
  assert.deepEqual(loaded.problems, []);
  return new Inventory(withIds(loaded.objects));
}

const ruleSet = (rules: unknown[]): string[] => [...new Set(rules.map((r) => ruleKey(parseRule(r)!)))].sort();

/** Aggregated ClusterRoles whose rules on the server differ from kubeward's aggregation. */
async function aggregationDiffs(api: ApiServer, model: RbacModel): Promise<{ name: string; server: string[]; kubeward: string[] }[]> {
  const r = await api.request<{ items: Json[] }>('GET', `${RBAC}/clusterroles`);
  assert.equal(r.status, 200, r.text);
  const diffs = [];
  for (const item of r.body.items) {
    if (!item.aggregationRule) continue;
    const name = (item.metadata as Json).name as string;
    const mine = model.roles.get(`ClusterRole\u0000${name}`);
    assert.ok(mine, `kubeward has no ClusterRole ${name}`);
    const server = ruleSet((item.rules as unknown[] | undefined) ?? []);
    const kubeward = [...new Set(mine.rules.map((ref) => ruleKey(ref.rule)))].sort();
    if (server.join('\n') !== kubeward.join('\n')) diffs.push({ name, server, kubeward });
  }
  return diffs;
}


describe('RBAC oracle: kubeward agrees with the real RBAC authorizer', { skip }, () => {
  let api: ApiServer;
  let gen: Generated;
  let model: RbacModel;
  let aggregatedCount = 0;
  let bootstrap: Json[] = [];

  before(async () => {
    api = await startApiServer({ controllers: ['clusterrole-aggregation'] });
    for (const ns of NAMESPACES) {
      const r = await api.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      assert.equal(r.status, 201, r.text);
    }
    gen = generatePolicy(SEED, 2);
    for (const o of gen.objects) {
      const r = await api.request('POST', pathFor(o), o);
      assert.equal(r.status, 201, `${o.kind} ${(o.metadata as Json).name}: ${r.text}`);
    }
    bootstrap = await bootstrapObjects(api);
    model = rbacModel(inventoryOf([...bootstrap, ...gen.objects]));
  });
  after(async () => api?.stop());

  test("kubeward's list of default roles holds every role the server bootstraps", () => {
    const meta = (o: Json) => o.metadata as Json;
    const clusterRoles = bootstrap.filter((o) => o.kind === 'ClusterRole').map((o) => meta(o).name as string);
    const roles = bootstrap.filter((o) => o.kind === 'Role').map((o) => `${meta(o).namespace}/${meta(o).name}`);
    assert.ok(clusterRoles.length > 50, `${clusterRoles.length} bootstrap ClusterRoles`);
    assert.deepEqual(clusterRoles.filter((n) => !DEFAULT_CLUSTER_ROLES.has(n)), []);
    assert.deepEqual(roles.filter((n) => !DEFAULT_ROLES.has(n)), []);
  });

  test('aggregated ClusterRoles: the controller settles on the rules kubeward computes', async () => {
    // The controller works through a queue, and chains of aggregation take several rounds: poll until the
    // server's rules equal kubeward's, and fail with the difference if they never do.
    const deadline = Date.now() + 60_000;
    let diffs = await aggregationDiffs(api, model);
    while (diffs.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      diffs = await aggregationDiffs(api, model);
    }
    assert.deepEqual(diffs, []);
    aggregatedCount = [...model.roles.values()].filter((r) => r.selectors).length;
    assert.ok(aggregatedCount >= 10, `only ${aggregatedCount} aggregated ClusterRoles`);
    // Not vacuous: some generated aggregated roles hold rules, some through another aggregated role.
    const generated = [...model.roles.values()].filter((r) => r.selectors && r.name.startsWith('oracle-agg-'));
    assert.ok(generated.some((r) => r.rules.length > 0));
    assert.ok(generated.some((r) => (r.aggregatedFrom ?? []).some((n) => n.startsWith('oracle-agg-'))));
  });

  test(`${REQUESTS} random requests: SubjectAccessReview and kubeward give the same answer`, async () => {
    const r = rng(SEED + 1);
    const questions: { who: Identity; req: Request }[] = Array.from({ length: REQUESTS }, () => ({ who: randomIdentity(r), req: randomRequest(r, gen) }));
    const answers = await mapLimit(questions, 8, async ({ who, req }) => {
      const res = await api.request<{ status?: { allowed?: boolean; reason?: string } }>('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', subjectAccessReview(who, req));
      assert.equal(res.status, 201, res.text);
      return { server: res.body.status?.allowed === true, reason: res.body.status?.reason ?? '' };
    });
    let allowed = 0;
    const disagreements: string[] = [];
    questions.forEach(({ who, req }, i) => {
      const mine = model.authorize(who, req);
      const theirs = answers[i]!;
      if (theirs.server) allowed++;
      if (mine.allowed !== theirs.server) {
        disagreements.push(`${who.user} [${who.groups.join(',')}] ${describeRequest(req)} (${JSON.stringify(req)}): server ${theirs.server ? 'allows' : 'denies'} (${theirs.reason}), kubeward ${mine.allowed ? `allows by ${mine.grants.map((g) => `${g.binding.kind} ${g.binding.name}/${g.role.name}`).join('; ')}` : 'denies'}`);
      }
    });
    console.log(`# rbac oracle: seed ${SEED}, ${gen.objects.length} RBAC objects, ${aggregatedCount} aggregated ClusterRoles; ${REQUESTS} requests, ${allowed} allowed by the server, ${REQUESTS - disagreements.length}/${REQUESTS} agree`);
    assert.deepEqual(disagreements.slice(0, 20), [], `${disagreements.length} of ${REQUESTS} disagree`);
    // The questions are not all one answer: both yes and no are well represented.
    assert.ok(allowed >= REQUESTS * 0.15 && allowed <= REQUESTS * 0.85, `${allowed} of ${REQUESTS} allowed`);
  });
});
