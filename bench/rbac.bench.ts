/**
 * RBAC benchmark: a generated policy of 10,000 roles and 20,000 bindings (200 namespaces, aggregated
 * ClusterRoles, wildcards, resourceNames, subresources). Prints, from one run:
 *   - model build (roles, aggregation, bindings, subject index) and rule-index build ÷ parse time;
 *   - who-can latency through the index vs a linear scan of every rule (the same answers, checked);
 *   - can (authorize) latency; the escalation graph + shortest paths; every RBAC check.
 *
 *   node --import tsx bench/rbac.bench.ts [roles] [bindings]
 */
import { runChecks } from '../src/engine/run-checks.js';
import { rbacModel, RbacModel } from '../src/analysis/rbac/model.js';
import { escalationPaths } from '../src/analysis/rbac/paths.js';
import { ruleAllows, type Request } from '../src/analysis/rbac/rule.js';
import { serviceAccountIdentity } from '../src/analysis/rbac/subjects.js';
import { whoCan, type WhoCanRow } from '../src/analysis/rbac/who-can.js';
import { CHECKS } from '../src/checks/index.js';
import { Inventory } from '../src/model/inventory.js';
import { loadText, withIds } from '../src/sources/manifests.js';

const ROLES = Number(process.argv[2] ?? 10_000);
const BINDINGS = Number(process.argv[3] ?? 20_000);
const NAMESPACES = 200;

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const some = <T>(xs: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(rand() * max) }, () => pick(xs)))];

const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
const RESOURCES: [string, string[]][] = [
  ['', ['pods', 'pods/log', 'pods/exec', 'services', 'configmaps', 'secrets', 'serviceaccounts', 'endpoints', 'events', 'persistentvolumeclaims']],
  ['apps', ['deployments', 'deployments/scale', 'replicasets', 'statefulsets', 'daemonsets']],
  ['batch', ['jobs', 'cronjobs']],
  ['networking.k8s.io', ['ingresses', 'networkpolicies']],
  ['example.com', ['widgets', 'gadgets', 'widgets/status']],
];

function rule(): string {
  const [group, resources] = pick(RESOURCES);
  const verbs = rand() < 0.03 ? ['*'] : some(VERBS, 4);
  const res = rand() < 0.02 ? ['*'] : some(resources, 3);
  const names = rand() < 0.1 ? `\n    resourceNames: [${some(['a', 'b', 'c', 'd'], 2).join(', ')}]` : '';
  return `  - apiGroups: ["${rand() < 0.01 ? '*' : group}"]\n    resources: [${res.map((r) => JSON.stringify(r)).join(', ')}]\n    verbs: [${verbs.map((v) => JSON.stringify(v)).join(', ')}]${names}`;
}

function generate(): string {
  const docs: string[] = [];
  const clusterRoles = Math.floor(ROLES * 0.3);
  for (let i = 0; i < ROLES; i++) {
    const rules = Array.from({ length: 1 + Math.floor(rand() * 6) }, rule).join('\n');
    if (i < clusterRoles) {
      // 1% are aggregated (each selecting the ~1% of ClusterRoles that carry its label), as admin/edit/view are.
      const agg = i % 100 === 0 ? `\naggregationRule:\n  clusterRoleSelectors:\n    - matchLabels: {agg: "g${i % 700}"}` : '';
      const label = i % 100 === 7 ? `\n  labels: {agg: "g${(i - 7) % 700}"}` : '';
      docs.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: cr-${i}${label}${agg}\nrules:\n${rules}`);
    } else docs.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r-${i}, namespace: ns-${i % NAMESPACES}}\nrules:\n${rules}`);
  }
  for (let i = 0; i < BINDINGS; i++) {
    const subjects = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
      const k = rand();
      return k < 0.5 ? `  - {kind: ServiceAccount, name: sa-${Math.floor(rand() * 50)}, namespace: ns-${Math.floor(rand() * NAMESPACES)}}`
        : k < 0.8 ? `  - {kind: User, name: user-${Math.floor(rand() * 2000)}, apiGroup: rbac.authorization.k8s.io}`
          : `  - {kind: Group, name: group-${Math.floor(rand() * 300)}, apiGroup: rbac.authorization.k8s.io}`;
    }).join('\n');
    if (i % 5 === 0) {
      docs.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: crb-${i}}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cr-${Math.floor(rand() * clusterRoles)}}\nsubjects:\n${subjects}`);
    } else {
      const ns = Math.floor(rand() * NAMESPACES);
      // Half to ClusterRoles (namespaced grants), half to a Role of the namespace.
      const ref = rand() < 0.5 ? `kind: ClusterRole, name: cr-${Math.floor(rand() * clusterRoles)}` : `kind: Role, name: r-${clusterRoles + ns + NAMESPACES * Math.floor(rand() * ((ROLES - clusterRoles) / NAMESPACES))}`;
      docs.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: rb-${i}, namespace: ns-${ns}}\nroleRef: {apiGroup: rbac.authorization.k8s.io, ${ref}}\nsubjects:\n${subjects}`);
    }
  }
  return docs.join('\n---\n') + '\n';
}

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function randomRequest(): Request {
  const [group, resources] = pick(RESOURCES);
  const [resource, subresource = ''] = pick(resources).split('/');
  return { kind: 'resource', verb: pick(VERBS), group, resource: resource!, subresource, name: rand() < 0.3 ? pick(['a', 'b', 'x']) : '', namespace: rand() < 0.2 ? '' : `ns-${Math.floor(rand() * NAMESPACES)}` };
}

/** who-can without the index: every rule of every role, then its bindings. */
function linearWhoCan(model: RbacModel, req: Request): number {
  let n = 0;
  const ns = req.kind === 'resource' ? req.namespace : '';
  for (const role of model.roles.values()) {
    for (const ref of role.rules) {
      if (!ruleAllows(ref.rule, req)) continue;
      for (const b of model.bindingsOf(role)) if (b.namespace === undefined || b.namespace === ns) n += b.subjects.length;
    }
  }
  return n;
}

function quantiles(xs: number[]): { median: number; p99: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p99: s[Math.floor(s.length * 0.99)]!, max: s[s.length - 1]! };
}

const text = generate();
if (process.env.RBAC_BENCH_DUMP) (await import('node:fs')).writeFileSync(process.env.RBAC_BENCH_DUMP, text);
console.log(`policy: ${ROLES.toLocaleString()} roles, ${BINDINGS.toLocaleString()} bindings, ${NAMESPACES} namespaces, ${(text.length / 1e6).toFixed(1)} MB of YAML`);

let t = process.hrtime.bigint();
const loaded = loadText(text, 'policy.yaml');
const parseMs = ms(t);
const inventory = new Inventory(withIds(loaded.objects));

t = process.hrtime.bigint();
const model = new RbacModel(inventory);
const modelMs = ms(t);
t = process.hrtime.bigint();
const index = model.ruleIndex();
const indexMs = ms(t);
const rules = [...model.roles.values()].reduce((n, r) => n + r.rules.length, 0);
console.log(`parse (with positions): ${parseMs.toFixed(0)} ms; model: ${modelMs.toFixed(0)} ms; rule index: ${indexMs.toFixed(0)} ms (${rules.toLocaleString()} rules, ${index.size.toLocaleString()} index entries)`);
console.log(`build ÷ parse: ${((modelMs + indexMs) / parseMs).toFixed(2)}×`);

const requests = Array.from({ length: 2000 }, randomRequest);
const indexed: number[] = [];
const linear: number[] = [];
let answers = 0;
for (const req of requests) {
  let t0 = process.hrtime.bigint();
  const rows: WhoCanRow[] = whoCan(model, req);
  indexed.push(ms(t0));
  t0 = process.hrtime.bigint();
  const n = linearWhoCan(model, req);
  linear.push(ms(t0));
  if (n !== rows.length) throw new Error(`index and linear scan disagree on ${JSON.stringify(req)}: ${rows.length} vs ${n}`);
  answers += rows.length;
}
const qi = quantiles(indexed);
const ql = quantiles(linear);
console.log(`who-can, ${requests.length} random requests (${(answers / requests.length).toFixed(0)} grants per answer, index and linear scan agree on all):`);
console.log(`  indexed: median ${qi.median.toFixed(3)} ms, p99 ${qi.p99.toFixed(3)} ms, max ${qi.max.toFixed(3)} ms`);
console.log(`  linear:  median ${ql.median.toFixed(3)} ms, p99 ${ql.p99.toFixed(3)} ms`);
console.log(`  index speed-up (median): ${(ql.median / qi.median).toFixed(0)}×`);

const can: number[] = [];
for (let i = 0; i < 2000; i++) {
  const who = serviceAccountIdentity(`ns-${Math.floor(rand() * NAMESPACES)}`, `sa-${Math.floor(rand() * 50)}`);
  const req = randomRequest();
  const t0 = process.hrtime.bigint();
  model.authorize(who, req);
  can.push(ms(t0));
}
const qc = quantiles(can);
console.log(`can (authorize), 2000 random service accounts: median ${qc.median.toFixed(3)} ms, p99 ${qc.p99.toFixed(3)} ms`);

t = process.hrtime.bigint();
const paths = escalationPaths(model);
const pathsMs = ms(t);
console.log(`paths: graph ${paths.graph.nodes.toLocaleString()} nodes, ${paths.graph.edges.toLocaleString()} edges; ${paths.direct.length} direct, ${paths.paths.length} paths; ${pathsMs.toFixed(0)} ms = ${(pathsMs / parseMs).toFixed(2)}× parse`);

const fresh = new Inventory(inventory.objects);
t = process.hrtime.bigint();
const findings = runChecks(CHECKS.filter((c) => c.category === 'rbac'), fresh, []);
const checksMs = ms(t);
void rbacModel;
console.log(`every RBAC check (model built once, shared): ${checksMs.toFixed(0)} ms = ${(checksMs / parseMs).toFixed(2)}× parse, ${findings.length.toLocaleString()} findings`);
