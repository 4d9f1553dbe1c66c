/** Generated inputs for the algorithmic-limits benchmark (bench/algorithmic.bench.ts) and its tests. */

/** `policies` NetworkPolicies, each allowing 10.0.0.0/8 in and out except `excepts` /24s of its own, over 4 Deployments per namespace. */
export function ipBlockExcepts(policies: number, excepts: number): string {
  const docs: string[] = [];
  const namespaces = Math.max(1, Math.ceil(policies / 4));
  for (let n = 0; n < namespaces; n++) {
    docs.push(`apiVersion: v1\nkind: Namespace\nmetadata: {name: ns-${n}}`);
    for (let k = 0; k < 4; k++) {
      docs.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app-${k}, namespace: ns-${n}}\nspec:\n  selector: {matchLabels: {app: app-${k}}}\n  template:\n    metadata: {labels: {app: app-${k}}}\n    spec:\n      automountServiceAccountToken: false\n      containers: [{name: c, image: registry.example.com/app:1.${k}, ports: [{name: http, containerPort: 8080}]}]`);
    }
  }
  for (let p = 0; p < policies; p++) {
    const except = Array.from({ length: excepts }, (_, e) => `10.${p % 256}.${(e * 5 + Math.floor(p / 256)) % 256}.0/24`);
    const block = `{ipBlock: {cidr: 10.0.0.0/8, except: [${except.join(', ')}]}}`;
    docs.push(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p-${p}, namespace: ns-${Math.floor(p / 4)}}\nspec:\n  podSelector: {matchLabels: {app: app-${p % 4}}}\n  policyTypes: [Ingress, Egress]\n  ingress: [{from: [${block}], ports: [{port: http}]}]\n  egress: [{to: [${block}], ports: [{port: 443}]}]`);
  }
  return docs.join('\n---\n');
}

const RULES = ['{apiGroups: [""], resources: [pods], verbs: [get, list]}', '{apiGroups: [""], resources: [secrets], verbs: [get]}', '{apiGroups: [apps], resources: [deployments], verbs: ["*"]}', '{apiGroups: [""], resources: [pods/exec], verbs: [create]}'];

/** `roles` ClusterRoles: a quarter aggregated, each selecting one of 10 labels that the others carry (many roles aggregating many). */
export function manyAggregated(roles: number): string {
  const docs: string[] = [];
  for (let i = 0; i < roles; i++) {
    const agg = i % 4 === 0 ? `\naggregationRule:\n  clusterRoleSelectors: [{matchLabels: {agg-${i % 10}: "true"}}]` : '';
    docs.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: role-${i}\n  labels: {agg-${(i * 7) % 10}: "true", team: t${i % 50}}${agg}\nrules: [${RULES[i % RULES.length]}]`);
  }
  docs.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: b}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: role-0}\nsubjects: [{kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}]`);
  return docs.join('\n---\n');
}

/** Every ClusterRole aggregates every other (one shared label), plus a few plain roles they all reach. */
export function mutualAggregation(roles: number): string {
  const docs: string[] = [];
  for (let i = 0; i < roles; i++) {
    docs.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: mutual-${i}\n  labels: {mesh: "true"}\naggregationRule:\n  clusterRoleSelectors: [{matchLabels: {mesh: "true"}}]\nrules: []`);
  }
  for (let i = 0; i < 4; i++) docs.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: plain-${i}\n  labels: {mesh: "true"}\nrules: [${RULES[i]}]`);
  return docs.join('\n---\n');
}

/** role-0 aggregates role-1, which aggregates role-2, ... ; the last one has rules. */
export function aggregationChain(roles: number): string {
  const docs: string[] = [];
  for (let i = 0; i < roles; i++) {
    const last = i === roles - 1;
    docs.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: chain-${i}\n  labels: {link: "${i}"}${last ? '' : `\naggregationRule:\n  clusterRoleSelectors: [{matchLabels: {link: "${i + 1}"}}]`}\nrules: [${last ? RULES.join(', ') : ''}]`);
  }
  docs.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: b}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: chain-0}\nsubjects: [{kind: ServiceAccount, name: ci, namespace: build}]`);
  return docs.join('\n---\n');
}
