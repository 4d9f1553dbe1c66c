/** Generated clusters for the NetworkPolicy benchmark. */

/**
 * A cluster shaped like real ones: namespaces of teams, each with web/api/db/worker workloads (unique
 * app names), api pods whose named port "http" is 8080 or 8081, and five policies per namespace: a
 * default deny both ways, web open to the ingress namespace, api from web on the named port, db from
 * api, and egress to DNS, same-namespace api/db and an ipBlock with an except.
 */
export function generateCluster(pods: number, namespaces: number, policies: number): string {
  const out: string[] = [];
  const tiers = ['web', 'api', 'db', 'worker'];
  const perNs = Math.ceil(pods / namespaces);
  for (let n = 0; n < namespaces; n++) {
    out.push(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-${n}\n  labels:\n    team: t${n % 10}\n    env: ${n % 3 === 0 ? 'prod' : 'dev'}\n`);
  }
  for (let i = 0; i < pods; i++) {
    const n = Math.floor(i / perNs);
    const k = i % perNs;
    const tier = tiers[k % 4]!;
    const port = tier === 'api' ? 8080 + (k % 8 === 1 ? 1 : 0) : tier === 'db' ? 5432 : 8080;
    out.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-${k}
  namespace: team-${n}
spec:
  selector:
    matchLabels:
      app: svc-${k}
  template:
    metadata:
      labels:
        app: svc-${k}
        tier: ${tier}
        version: v${k % 3}
    spec:
      containers:
        - name: main
          image: registry.example.com/team-${n}/svc-${k}:1.${k}
          ports:
            - name: http
              containerPort: ${port}
`);
  }
  const templates = [
    (ns: string) => `  podSelector: {}\n  policyTypes: [Ingress, Egress]`,
    (ns: string) => `  podSelector:\n    matchLabels: {tier: web}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: {kubernetes.io/metadata.name: ingress-nginx}\n      ports:\n        - port: 8080`,
    (ns: string) => `  podSelector:\n    matchLabels: {tier: api}\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: {tier: web}\n        - namespaceSelector:\n            matchLabels: {team: t${ns.length % 10}, env: prod}\n          podSelector:\n            matchLabels: {tier: worker}\n      ports:\n        - port: http`,
    (ns: string) => `  podSelector:\n    matchLabels: {tier: db}\n  ingress:\n    - from:\n        - podSelector:\n            matchExpressions:\n              - {key: tier, operator: In, values: [api, worker]}\n      ports:\n        - port: 5432`,
    (ns: string) => `  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}\n          podSelector: {matchLabels: {k8s-app: kube-dns}}\n      ports:\n        - {port: 53, protocol: UDP}\n        - {port: 53, protocol: TCP}\n    - to:\n        - podSelector: {matchExpressions: [{key: tier, operator: In, values: [api, db]}]}\n    - to:\n        - ipBlock: {cidr: 10.0.0.0/8, except: [10.96.0.0/12]}\n      ports:\n        - port: 443`,
  ];
  for (let p = 0; p < policies; p++) {
    const n = Math.floor(p / templates.length) % namespaces;
    const ns = `team-${n}`;
    out.push(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: policy-${p}\n  namespace: ${ns}\nspec:\n${templates[p % templates.length]!(ns)}\n`);
  }
  return out.join('---\n');
}

