import { effectiveNamespace } from '../../model/kinds.js';
import { asArray, asRecord, isRecord, type K8sObject } from '../../model/object.js';
import type { BindingInfo } from './bindings.js';
import type { Grant } from './grants.js';
import type { RbacModel } from './model.js';
import type { RuleRef } from './roles.js';
import { ruleAllows } from './rule.js';
import { fullPower } from './powers.js';
import { hasFeature, ruleFeatures } from './rule-features.js';
import { ANONYMOUS, AUTHENTICATED, MASTERS, UNAUTHENTICATED, type BindingSubject } from './subjects.js';
import { workloadServiceAccount } from './workload-sa.js';

export const CLUSTER_ADMIN = 'cluster-admin';
export const NODE = 'node';
/** Every pod of every node: what nodes/proxy on all nodes reaches through the kubelets. */
export const ALL_PODS = 'all-pods';

/** A "can become" edge, with its evidence: the grant that allows it, or a fact about the inventory. */
export interface Edge {
  from: string;
  to: string;
  /** What the hop is, e.g. "create pods in ci → run as any service account of ci". */
  how: string;
  grant?: Grant;
  /** Objects that are the evidence when there is no grant (a token secret, a pod). */
  objects?: K8sObject[];
  /** Why a hop without a grant holds. */
  note?: string;
}

export function subjectNode(s: BindingSubject): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount:${s.namespace}/${s.name}` : `${s.kind}:${s.name}`;
}
const saNode = (ns: string, name: string) => `ServiceAccount:${ns}/${name}`;
const anySa = (ns: string | undefined) => `any-serviceaccount:${ns ?? '*'}`;

/** Node labels for display. */
export function nodeLabel(id: string): string {
  if (id === CLUSTER_ADMIN) return 'cluster-admin (* on * in every namespace)';
  if (id === NODE) return "a node's host (kubelet, DaemonSet pods)";
  if (id === ALL_PODS) return 'every pod of every node';
  if (id.startsWith('any-serviceaccount:')) return id.endsWith(':*') ? 'any service account in any namespace' : `any service account in ${id.slice(19)}`;
  if (id === 'any-user') return 'any user';
  if (id === 'any-group') return 'any group';
  return id.replace(':', ' ');
}

/**
 * The escalation graph of an RBAC model: subjects and capabilities as nodes, "can become" as edges.
 * Fan-out goes through shared capability nodes ("any service account in ns", "any user"), so the
 * graph stays linear in the number of grants and subjects.
 */
export class EscalationGraph {
  readonly out = new Map<string, Edge[]>();
  readonly subjects = new Set<string>();

  add(e: Edge): void {
    const list = this.out.get(e.from);
    if (list) list.push(e);
    else this.out.set(e.from, [e]);
  }

  /** Edges into each node (for the reverse search). */
  incoming(): Map<string, Edge[]> {
    const m = new Map<string, Edge[]>();
    for (const list of this.out.values()) for (const e of list) (m.get(e.to) ?? m.set(e.to, []).get(e.to)!).push(e);
    return m;
  }
}

export function buildEscalationGraph(model: RbacModel): EscalationGraph {
  const g = new EscalationGraph();
  const inv = model.inventory;
  const sas = new Map<string, Set<string>>(); // namespace → service account names
  const addSa = (ns: string, name: string) => (sas.get(ns) ?? sas.set(ns, new Set()).get(ns)!).add(name);
  for (const o of inv.byKind('ServiceAccount')) addSa(effectiveNamespace(o) ?? 'default', o.name);
  for (const b of model.bindings) for (const s of b.subjects) if (s.kind === 'ServiceAccount') addSa(s.namespace!, s.name);
  const workloads: { object: K8sObject; ns: string; sa: string; tokenMounted: boolean; host: boolean }[] = [];
  for (const pod of inv.podSpecs()) {
    const w = workloadServiceAccount(inv, pod);
    addSa(w.namespace, w.name);
    workloads.push({ object: pod.object, ns: w.namespace, sa: w.name, tokenMounted: w.tokenMounted, host: hostAccess(pod.spec) });
  }
  for (const ns of inv.namespaces()) addSa(ns, 'default');
  for (const o of inv.byKind('Namespace')) addSa(o.name, 'default');

  // Subjects, and their implicit group memberships.
  const users = new Set<string>();
  const groups = new Set<string>([MASTERS]);
  for (const b of model.bindings) for (const s of b.subjects) {
    g.subjects.add(subjectNode(s));
    if (s.kind === 'User') users.add(s.name);
    if (s.kind === 'Group') groups.add(s.name);
  }
  for (const [ns, names] of sas) for (const n of names) g.subjects.add(saNode(ns, n));
  const member = (from: string, group: string) => groups.has(group) && g.add({ from, to: `Group:${group}`, how: `is a member of ${group}`, note: 'the API server adds this group when it authenticates the subject' });
  for (const u of users) member(`User:${u}`, u === ANONYMOUS ? UNAUTHENTICATED : AUTHENTICATED);
  for (const [ns, names] of sas) {
    g.add({ from: anySa('*'), to: anySa(ns), how: `includes the service accounts of ${ns}`, note: 'a namespace of the input' });
    for (const n of names) {
      g.add({ from: anySa(ns), to: saNode(ns, n), how: `${n} is a service account of ${ns}`, note: 'a service account of the input (an object, a binding subject, a workload\'s, or the default one)' });
      for (const grp of ['system:serviceaccounts', `system:serviceaccounts:${ns}`, AUTHENTICATED]) member(saNode(ns, n), grp);
    }
  }
  for (const u of users) g.add({ from: 'any-user', to: `User:${u}`, how: `${u} is a user`, note: 'a user named in a binding' });
  for (const grp of groups) g.add({ from: 'any-group', to: `Group:${grp}`, how: `${grp} is a group`, note: 'a group named in a binding, or system:masters' });
  g.add({ from: `Group:${MASTERS}`, to: CLUSTER_ADMIN, how: 'system:masters is the API server\'s privileged group: always allowed', note: 'kube-apiserver authorizes system:masters before RBAC' });

  const tokenSecrets = inv.byKind('Secret').filter((s) => s.raw.type === 'kubernetes.io/service-account-token' && s.annotations['kubernetes.io/service-account.name']);
  const daemonSets = workloads.filter((w) => w.object.kind === 'DaemonSet' && w.tokenMounted);
  for (const w of workloads) {
    if (w.tokenMounted) g.add({ from: ALL_PODS, to: saNode(w.ns, w.sa), how: `exec into a pod of ${w.object.kind} ${w.ns}/${w.object.name}, which runs as ${w.sa}`, objects: [w.object] });
    if (w.host) g.add({ from: ALL_PODS, to: NODE, how: `exec into a pod of ${w.object.kind} ${w.ns}/${w.object.name}, which has host access`, objects: [w.object] });
  }
  for (const d of daemonSets) g.add({ from: NODE, to: saNode(d.ns, d.sa), how: `DaemonSet ${d.ns}/${d.object.name} runs on every node with service account ${d.sa}: its token is readable from the host`, objects: [d.object] });

  for (const b of model.bindings) {
    // A ClusterRoleBinding to cluster-admin when the input lacks the role: the API server creates that role (* on *).
    if (!b.role && b.kind === 'ClusterRoleBinding' && b.unresolved?.reason === 'default-not-in-inventory' && b.roleRef.kind === 'ClusterRole' && b.roleRef.name === CLUSTER_ADMIN) {
      for (const s of b.subjects) g.add({ from: subjectNode(s), to: CLUSTER_ADMIN, how: 'bound to the default ClusterRole cluster-admin in every namespace', objects: [b.object], note: 'the API server creates ClusterRole cluster-admin (* on *) at start-up' });
    }
    if (!b.role) continue;
    for (const s of b.subjects) addGrantEdges(g, b, s, { sas, workloads, tokenSecrets });
  }
  return g;
}

interface Facts {
  sas: Map<string, Set<string>>;
  workloads: { object: K8sObject; ns: string; sa: string; tokenMounted: boolean; host: boolean }[];
  tokenSecrets: K8sObject[];
}

function addGrantEdges(g: EscalationGraph, b: BindingInfo, s: BindingSubject, facts: Facts): void {
  const from = subjectNode(s);
  const ns = b.namespace; // undefined: every namespace
  const where = ns ? `in ${ns}` : 'in every namespace';
  const inScope = (n: string) => ns === undefined || n === ns;
  const role = b.role!;
  const grant = (ref: RuleRef): Grant => (ns === undefined ? { binding: b, subject: s, role, ref } : { binding: b, subject: s, role, ref, namespace: ns });
  const namedSas = (names: string[], how: (n: string, name: string) => string, ref: RuleRef) => {
    for (const [n, set] of facts.sas) if (inScope(n)) for (const name of names) if (set.has(name)) g.add({ from, to: saNode(n, name), how: how(n, name), grant: grant(ref) });
  };
  // Combinations across rules: kept as the first rule that gives each half.
  let userImp: RuleRef | undefined;
  const groupImp: RuleRef[] = [];
  let bindAdmin: RuleRef | undefined, createCrb: RuleRef | undefined, bindAny: RuleRef | undefined, createRb: RuleRef | undefined, escalate: RuleRef | undefined;
  let approve: RuleRef | undefined, approval: RuleRef | undefined, createCsr: RuleRef | undefined;
  let createSecret: RuleRef | undefined, readSecret: RuleRef | undefined;

  for (const ref of role.rules) {
    const f = ruleFeatures(ref.rule);
    if (!hasFeature(f)) continue;
    if (ns === undefined && f.clusterAdmin) {
      const how = fullPower(ref.rule) === 'wildcard' ? '* on * in every namespace' : 'get, list, watch, create, update, patch, delete on * in every namespace (read and write every resource: cluster-admin-equivalent)';
      g.add({ from, to: CLUSTER_ADMIN, how, grant: grant(ref) });
    }
    if (f.createPods.length) {
      const what = f.createPods.length > 2 ? `${f.createPods.slice(0, 2).join(', ')}, ...` : f.createPods.join(', ');
      g.add({ from, to: anySa(ns), how: `${what} ${where} → run a pod as any service account there`, grant: grant(ref) });
    }
    if (f.createTokens) {
      const only = f.createTokens.onlyNames;
      if (only) namedSas(only, (n, name) => `create a token for service account ${n}/${name}`, ref);
      else g.add({ from, to: anySa(ns), how: `create tokens for any service account ${where}`, grant: grant(ref) });
    }
    if (f.readSecrets) {
      for (const secret of facts.tokenSecrets) {
        const sns = effectiveNamespace(secret) ?? 'default';
        const only = f.readSecrets.onlyNames;
        if (!inScope(sns) || (only && !only.includes(secret.name))) continue;
        const sa = secret.annotations['kubernetes.io/service-account.name']!;
        g.add({ from, to: saNode(sns, sa), how: `read secret ${sns}/${secret.name}, the legacy token of service account ${sa}`, grant: grant(ref), objects: [secret] });
      }
    }
    if (f.exec) {
      const only = f.exec.onlyNames;
      for (const w of facts.workloads) {
        // A named rule reaches only bare Pods of those names; workload pods get generated names.
        if (!inScope(w.ns) || (only && !(w.object.kind === 'Pod' && only.includes(w.object.name)))) continue;
        if (w.tokenMounted) g.add({ from, to: saNode(w.ns, w.sa), how: `exec into a pod of ${w.object.kind} ${w.ns}/${w.object.name}, which runs as ${w.sa}`, grant: grant(ref), objects: [w.object] });
        if (w.host) g.add({ from, to: NODE, how: `exec into a pod of ${w.object.kind} ${w.ns}/${w.object.name}, which has host access`, grant: grant(ref), objects: [w.object] });
      }
    }
    if (ns === undefined && f.nodesProxy) {
      const only = f.nodesProxy.onlyNames;
      if (only) g.add({ from, to: NODE, how: `nodes/proxy on ${only.join(', ')} → the kubelet API → every pod of those nodes`, grant: grant(ref) });
      else g.add({ from, to: ALL_PODS, how: 'nodes/proxy on every node → the kubelet APIs → exec into every pod', grant: grant(ref) });
    }
    if (f.impersonateUsers) {
      userImp ??= ref;
      const only = f.impersonateUsers.onlyNames;
      if (only) for (const n of only) g.add({ from, to: `User:${n}`, how: `impersonate user ${n}`, grant: grant(ref) });
      else g.add({ from, to: 'any-user', how: 'impersonate any user', grant: grant(ref) });
    }
    if (f.impersonateGroups) groupImp.push(ref);
    if (f.impersonateServiceAccounts) {
      const only = f.impersonateServiceAccounts.onlyNames;
      if (only) namedSas(only, (n, name) => `impersonate service account ${n}/${name}`, ref);
      else g.add({ from, to: anySa(ns), how: `impersonate any service account ${where}`, grant: grant(ref) });
    }
    if (f.bindClusterAdmin) bindAdmin ??= ref;
    if (f.createClusterRoleBindings) createCrb ??= ref;
    if (f.bindAny) bindAny ??= ref;
    if (f.createRoleBindings) createRb ??= ref;
    if (f.escalateClusterRoles) escalate ??= ref;
    if (f.approveApiserverClient) approve ??= ref;
    if (f.approveCsrs) approval ??= ref;
    if (f.createCsrs) createCsr ??= ref;
    if (f.createSecrets) createSecret ??= ref;
    // Named secrets only: creating a token Secret under one of those names fails when it exists (as it does when a rule names it).
    if (f.readSecrets && !f.readSecrets.onlyNames) readSecret ??= ref;
  }
  // Impersonating a group needs a user to impersonate with it.
  if (userImp) {
    for (const ref of groupImp) {
      const only = ruleFeatures(ref.rule).impersonateGroups!.onlyNames;
      if (only) for (const n of only) g.add({ from, to: `Group:${n}`, how: `impersonate group ${n}`, grant: grant(ref) });
      else g.add({ from, to: 'any-group', how: 'impersonate any group (system:masters included)', grant: grant(ref) });
    }
  }
  if (ns === undefined && bindAdmin && createCrb) g.add({ from, to: CLUSTER_ADMIN, how: 'bind ClusterRole cluster-admin and create a ClusterRoleBinding to it', grant: grant(bindAdmin) });
  if (ns === undefined && role.kind === 'ClusterRole' && escalate) {
    const rbac = 'rbac.authorization.k8s.io';
    const update = role.rules.find((r) => ['update', 'patch'].some((verb) => ruleAllows(r.rule, { kind: 'resource', verb, group: rbac, resource: 'clusterroles', subresource: '', name: role.name, namespace: '' })));
    if (update) g.add({ from, to: CLUSTER_ADMIN, how: `escalate and update ClusterRole ${role.name}, which this ClusterRoleBinding grants, to add * on *`, grant: grant(escalate) });
  }
  if (bindAny && createRb) g.add({ from, to: anySa(ns), how: `bind any role with a RoleBinding ${where} → grant itself create pods → run as any service account there`, grant: grant(bindAny) });
  // The token controller fills a new Secret of type kubernetes.io/service-account-token for the service account it names.
  if (createSecret && readSecret) g.add({ from, to: anySa(ns), how: `create a service-account-token Secret for any service account ${where} and read the token the controller puts in it`, grant: grant(createSecret) });
  if (ns === undefined && approve && approval && createCsr) g.add({ from, to: `Group:${MASTERS}`, how: 'create and approve a kube-apiserver-client certificate with organization system:masters', grant: grant(approve) });
}

/** Host access from inside a pod: privileged containers, host PID, or hostPath volumes. */
function hostAccess(spec: Record<string, unknown>): boolean {
  if (spec.hostPID === true) return true;
  if (asArray(spec.volumes).some((v) => isRecord(v) && isRecord(v.hostPath))) return true;
  for (const key of ['containers', 'initContainers', 'ephemeralContainers']) {
    for (const c of asArray(spec[key])) if (asRecord(asRecord(c)?.securityContext)?.privileged === true) return true;
  }
  return false;
}
