/**
 * A realistic cluster mix for the scale benchmarks (issue 19), seeded so every run sees the same bytes.
 *
 * Per namespace (73 objects): 1 Namespace, 20 Deployments each with its Service and a ServiceAccount
 * name, 4 bare Pods, 8 Roles, 10 RoleBindings and 10 NetworkPolicies. Labels
 * `app.kubernetes.io/name`, `tier`, `version`; 60% of the pods hardened. Workload names repeat in every
 * namespace (as they do in real clusters: every team has its `api`), which is what makes name-only
 * look-ups quadratic.
 *
 *   node --import tsx bench/realistic-generate.ts 100000 /tmp/realistic-100k   # write files of 100 documents
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 as rng } from '../test/helpers/random.js';

export const OBJECTS_PER_NAMESPACE = 73;


const APPS = ['frontend', 'cart', 'checkout', 'catalog', 'search', 'users', 'auth', 'payments', 'orders', 'shipping',
  'inventory', 'reviews', 'recommend', 'email', 'notify', 'reports', 'billing', 'gateway', 'cache', 'worker'];
const TIERS = ['web', 'api', 'db', 'worker'];
const VERBS = [['get', 'list', 'watch'], ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], ['*']];
const RESOURCES = [['pods'], ['configmaps'], ['secrets'], ['services', 'endpoints'], ['deployments'], ['pods/exec'], ['pods/log'], ['jobs', 'cronjobs']];

function podSpec(r: () => number, ns: string, app: string, tier: string, indent: string, hardened: boolean): string {
  const img = `registry.example.com/${ns}/${app}:${r() < 0.1 ? 'latest' : `1.${Math.floor(r() * 20)}.${Math.floor(r() * 10)}`}`;
  const port = tier === 'db' ? 5432 : 8080;
  const lines = hardened
    ? [
        `automountServiceAccountToken: false`,
        `securityContext:`,
        `  runAsNonRoot: true`,
        `  runAsUser: 10001`,
        `  seccompProfile: {type: RuntimeDefault}`,
        `containers:`,
        `  - name: ${app}`,
        `    image: ${img}`,
        `    ports:`,
        `      - {name: http, containerPort: ${port}}`,
        `    resources:`,
        `      requests: {cpu: 100m, memory: 128Mi}`,
        `      limits: {cpu: 500m, memory: 256Mi}`,
        `    securityContext:`,
        `      allowPrivilegeEscalation: false`,
        `      readOnlyRootFilesystem: true`,
        `      capabilities: {drop: [ALL]}`,
        `    livenessProbe: {httpGet: {path: /healthz, port: http}}`,
        `    readinessProbe: {httpGet: {path: /ready, port: http}}`,
      ]
    : [
        `containers:`,
        `  - name: ${app}`,
        `    image: ${img}`,
        `    ports:`,
        `      - {name: http, containerPort: ${port}}`,
        `    env:`,
        `      - {name: LOG_LEVEL, value: info}`,
        ...(r() < 0.3 ? [`    securityContext: {privileged: ${r() < 0.2}}`] : []),
      ];
  return lines.map((l) => indent + l).join('\n');
}

function labels(app: string, tier: string, version: string, indent: string): string {
  return `${indent}app.kubernetes.io/name: ${app}\n${indent}tier: ${tier}\n${indent}version: ${version}`;
}

/** One namespace's 73 documents. */
function namespaceDocs(r: () => number, n: number): string[] {
  const ns = `team-${n}`;
  const docs: string[] = [];
  docs.push(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels:\n    team: t${Math.floor(n / 5)}\n    env: ${n % 3 === 0 ? 'prod' : 'dev'}\n`);
  for (let i = 0; i < 20; i++) {
    const app = APPS[i]!;
    const tier = TIERS[i % 4]!;
    const version = `v${1 + Math.floor(r() * 3)}`;
    const hardened = r() < 0.6;
    const ignore = r() < 0.02 ? `\n  annotations:\n    kubeward.io/ignore: "image-tag-latest,image-not-pinned-by-digest: pinned by the release process"` : '';
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${ns}
  labels:
${labels(app, tier, version, '    ')}${ignore}
spec:
  replicas: ${1 + Math.floor(r() * 3)}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${app}
  template:
    metadata:
      labels:
${labels(app, tier, version, '        ')}
    spec:
      serviceAccountName: ${app}
${podSpec(r, ns, app, tier, '      ', hardened)}
`);
    docs.push(`apiVersion: v1
kind: Service
metadata:
  name: ${app}
  namespace: ${ns}
  labels:
${labels(app, tier, version, '    ')}
spec:
  ${i === 0 && r() < 0.3 ? 'type: LoadBalancer\n  ' : ''}selector:
    app.kubernetes.io/name: ${app}
  ports:
    - {name: http, port: 80, targetPort: http}
`);
  }
  for (let i = 0; i < 4; i++) {
    const app = `debug-${i}`;
    const tier = TIERS[i]!;
    docs.push(`apiVersion: v1
kind: Pod
metadata:
  name: ${app}
  namespace: ${ns}
  labels:
${labels(app, tier, 'v1', '    ')}
spec:
${podSpec(r, ns, app, tier, '  ', r() < 0.6)}
`);
  }
  for (let i = 0; i < 8; i++) {
    const rules: string[] = [];
    const count = 1 + Math.floor(r() * 3);
    for (let k = 0; k < count; k++) {
      const res = RESOURCES[Math.floor(r() * RESOURCES.length)]!;
      const verbs = VERBS[Math.floor(r() * (r() < 0.9 ? 2 : 3))]!;
      const group = res[0] === 'deployments' ? 'apps' : res[0] === 'jobs' ? 'batch' : '';
      rules.push(`  - apiGroups: ["${group}"]\n    resources: [${res.join(', ')}]\n    verbs: [${verbs.map((v) => `"${v}"`).join(', ')}]`);
    }
    docs.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: role-${i}\n  namespace: ${ns}\nrules:\n${rules.join('\n')}\n`);
  }
  for (let i = 0; i < 10; i++) {
    const toCluster = i >= 8;
    const roleRef = toCluster ? `{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${i === 8 ? 'view' : 'edit'}}` : `{apiGroup: rbac.authorization.k8s.io, kind: Role, name: role-${i}}`;
    const subjects = [`  - {kind: ServiceAccount, name: ${APPS[(i * 2) % 20]}, namespace: ${ns}}`, `  - {kind: ServiceAccount, name: ${APPS[(i * 2 + 1) % 20]}, namespace: ${ns}}`];
    if (r() < 0.2) subjects.push(`  - {kind: Group, name: ${ns}-devs, apiGroup: rbac.authorization.k8s.io}`);
    if (r() < 0.1) subjects.push(`  - {kind: User, name: alice@example.com, apiGroup: rbac.authorization.k8s.io}`);
    docs.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: binding-${i}\n  namespace: ${ns}\nroleRef: ${roleRef}\nsubjects:\n${subjects.join('\n')}\n`);
  }
  const policies = [
    `  podSelector: {}\n  policyTypes: [Ingress, Egress]`,
    `  podSelector:\n    matchLabels: {tier: web}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: {kubernetes.io/metadata.name: ingress-nginx}\n      ports:\n        - port: http`,
    `  podSelector:\n    matchLabels: {tier: api}\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: {tier: web}\n        - namespaceSelector:\n            matchLabels: {team: t${Math.floor(n / 5)}, env: prod}\n          podSelector:\n            matchLabels: {tier: worker}\n      ports:\n        - port: http`,
    `  podSelector:\n    matchLabels: {tier: db}\n  ingress:\n    - from:\n        - podSelector:\n            matchExpressions:\n              - {key: tier, operator: In, values: [api, worker]}\n      ports:\n        - port: 5432`,
    `  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}\n          podSelector: {matchLabels: {k8s-app: kube-dns}}\n      ports:\n        - {port: 53, protocol: UDP}\n        - {port: 53, protocol: TCP}`,
    `  podSelector:\n    matchLabels: {tier: api}\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - podSelector: {matchExpressions: [{key: tier, operator: In, values: [api, db]}]}`,
    `  podSelector:\n    matchLabels: {app.kubernetes.io/name: gateway}\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]}\n      ports:\n        - port: 443`,
    `  podSelector:\n    matchLabels: {tier: worker}\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: {app.kubernetes.io/name: reports}\n  egress:\n    - to:\n        - ipBlock: {cidr: 10.${n % 256}.0.0/16}`,
    `  podSelector:\n    matchLabels: {app.kubernetes.io/name: ${r() < 0.1 ? 'legacy' : 'cache'}}\n  ingress:\n    - from:\n        - podSelector: {matchLabels: {version: v${1 + Math.floor(r() * 3)}}}`,
    `  podSelector:\n    matchLabels: {app.kubernetes.io/name: frontend}\n  ingress:\n    - {}`,
  ];
  policies.forEach((spec, i) => docs.push(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: policy-${i}\n  namespace: ${ns}\nspec:\n${spec}\n`));
  return docs;
}

/**
 * About `objects` objects (whole namespaces of 73), in files of `perFile` documents, the same for the
 * same seed.
 */
export function generateRealistic(objects: number, seed = 19, perFile = 100): { name: string; text: string }[] {
  const r = rng(seed);
  const namespaces = Math.max(1, Math.round(objects / OBJECTS_PER_NAMESPACE));
  const files: { name: string; text: string }[] = [];
  let docs: string[] = [];
  for (let n = 0; n < namespaces; n++) {
    for (const d of namespaceDocs(r, n)) {
      docs.push(d);
      if (docs.length === perFile) {
        files.push({ name: `realistic/file-${files.length}.yaml`, text: docs.join('---\n') });
        docs = [];
      }
    }
  }
  if (docs.length) files.push({ name: `realistic/file-${files.length}.yaml`, text: docs.join('---\n') });
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 25000);
  const dir = process.argv[3] ?? `/tmp/realistic-${n}`;
  mkdirSync(join(dir, 'realistic'), { recursive: true });
  const files = generateRealistic(n, Number(process.env.SEED ?? 19));
  for (const f of files) writeFileSync(join(dir, f.name), f.text);
  console.log(`${dir}: ${files.length} files`);
}
