import { effectiveNamespace } from '../../model/kinds.js';
import { asArray, asRecord, isRecord, type K8sObject } from '../../model/object.js';
import type { BindingInfo } from './bindings.js';
import { grantsOf, type Grant } from './grants.js';
import type { RbacModel } from './model.js';
import { isClusterAdminRule, POWERS, rulePower, type Power } from './powers.js';
import { ruleAllows } from './rule.js';
import { ANONYMOUS, AUTHENTICATED, MASTERS, UNAUTHENTICATED, type BindingSubject } from './subjects.js';
import { workloadServiceAccount } from './workload-sa.js';

export const CLUSTER_ADMIN = 'cluster-admin';
export const NODE = 'node';

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
  for (const d of daemonSets) g.add({ from: NODE, to: saNode(d.ns, d.sa), how: `DaemonSet ${d.ns}/${d.object.name} runs on every node with service account ${d.sa}: its token is readable from the host`, objects: [d.object] });

  for (const b of model.bindings) {
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
  const grants = grantsOf(b, s);
  const has = (power: Power) => grants.map((gr) => ({ gr, m: rulePower(gr.ref.rule, power) })).filter((x) => x.m);
  const allows = (gr: Grant, verb: string, group: string, resource: string, sub = '', name = '') =>
    ruleAllows(gr.ref.rule, { kind: 'resource', verb, group, resource, subresource: sub, name, namespace: ns ?? 'x' });
  const inScope = (n: string) => ns === undefined || n === ns;

  for (const gr of grants) {
    if (ns === undefined && isClusterAdminRule(gr.ref.rule)) g.add({ from, to: CLUSTER_ADMIN, how: '* on * in every namespace', grant: gr });
  }
  for (const { gr } of has(POWERS.createPods)) g.add({ from, to: anySa(ns), how: `create pods ${where} → run a pod as any service account there`, grant: gr });
  for (const { gr, m } of has(POWERS.createTokens)) {
    if (m!.onlyNames) {
      for (const [n, names] of facts.sas) if (inScope(n)) for (const name of m!.onlyNames) if (names.has(name)) g.add({ from, to: saNode(n, name), how: `create a token for service account ${n}/${name}`, grant: gr });
    } else g.add({ from, to: anySa(ns), how: `create tokens for any service account ${where}`, grant: gr });
  }
  for (const { gr, m } of has(POWERS.readSecrets)) {
    for (const secret of facts.tokenSecrets) {
      const sns = effectiveNamespace(secret) ?? 'default';
      if (!inScope(sns) || (m!.onlyNames && !m!.onlyNames.includes(secret.name))) continue;
      const sa = secret.annotations['kubernetes.io/service-account.name']!;
      g.add({ from, to: saNode(sns, sa), how: `read secret ${sns}/${secret.name}, the legacy token of service account ${sa}`, grant: gr, objects: [secret] });
    }
  }
  for (const gr of grants) {
    const names = gr.ref.rule.resourceNames;
    const canExec = (pod: string) => ['create', 'get'].some((verb) => allows(gr, verb, '', 'pods', 'exec', pod));
    if (!canExec(names[0] ?? 'x')) continue;
    for (const w of facts.workloads) {
      // A named rule reaches only bare Pods of those names; workload pods get generated names.
      if (!inScope(w.ns) || (names.length && !(w.object.kind === 'Pod' && names.includes(w.object.name)))) continue;
      if (w.tokenMounted) g.add({ from, to: saNode(w.ns, w.sa), how: `exec into a pod of ${w.object.kind} ${w.ns}/${w.object.name}, which runs as ${w.sa}`, grant: gr, objects: [w.object] });
      if (w.host) g.add({ from, to: NODE, how: `exec into a pod of ${w.object.kind} ${w.ns}/${w.object.name}, which has host access`, grant: gr, objects: [w.object] });
    }
  }
  if (ns === undefined) for (const { gr } of has(POWERS.nodesProxy)) g.add({ from, to: NODE, how: 'nodes/proxy → the kubelet API → exec into every pod of a node', grant: gr });
  // Impersonation: users and groups (a group needs a user to impersonate with it), service accounts.
  const userImp = grants.filter((gr) => allows(gr, 'impersonate', '', 'users', '', gr.ref.rule.resourceNames[0] ?? ''));
  for (const gr of userImp) {
    const names = gr.ref.rule.resourceNames;
    if (names.length) for (const n of names) g.add({ from, to: `User:${n}`, how: `impersonate user ${n}`, grant: gr });
    else g.add({ from, to: 'any-user', how: 'impersonate any user', grant: gr });
  }
  if (userImp.length) {
    for (const gr of grants.filter((x) => allows(x, 'impersonate', '', 'groups', '', x.ref.rule.resourceNames[0] ?? ''))) {
      const names = gr.ref.rule.resourceNames;
      if (names.length) for (const n of names) g.add({ from, to: `Group:${n}`, how: `impersonate group ${n}`, grant: gr });
      else g.add({ from, to: 'any-group', how: 'impersonate any group (system:masters included)', grant: gr });
    }
  }
  for (const gr of grants.filter((x) => allows(x, 'impersonate', '', 'serviceaccounts', '', x.ref.rule.resourceNames[0] ?? ''))) {
    const names = gr.ref.rule.resourceNames;
    if (!names.length) g.add({ from, to: anySa(ns), how: `impersonate any service account ${where}`, grant: gr });
    else for (const [n, set] of facts.sas) if (inScope(n)) for (const name of names) if (set.has(name)) g.add({ from, to: saNode(n, name), how: `impersonate service account ${n}/${name}`, grant: gr });
  }
  // bind or escalate, with the write that uses it.
  const rbac = 'rbac.authorization.k8s.io';
  const bindAdmin = grants.find((gr) => allows(gr, 'bind', rbac, 'clusterroles', '', 'cluster-admin'));
  const createCrb = grants.find((gr) => allows(gr, 'create', rbac, 'clusterrolebindings'));
  if (ns === undefined && bindAdmin && createCrb) g.add({ from, to: CLUSTER_ADMIN, how: 'bind ClusterRole cluster-admin and create a ClusterRoleBinding to it', grant: bindAdmin });
  const escalate = grants.find((gr) => allows(gr, 'escalate', rbac, 'clusterroles', '', 'x') && gr.ref.rule.resourceNames.length === 0);
  const updateCr = grants.find((gr) => allows(gr, 'update', rbac, 'clusterroles', '', b.role!.name) || allows(gr, 'patch', rbac, 'clusterroles', '', b.role!.name));
  if (ns === undefined && b.role!.kind === 'ClusterRole' && escalate && updateCr) g.add({ from, to: CLUSTER_ADMIN, how: `escalate and update ClusterRole ${b.role!.name}, which this ClusterRoleBinding grants, to add * on *`, grant: escalate });
  const bindAny = grants.find((gr) => allows(gr, 'bind', rbac, 'clusterroles', '', 'edit') || allows(gr, 'bind', rbac, 'roles', '', 'x'));
  const createRb = grants.find((gr) => allows(gr, 'create', rbac, 'rolebindings'));
  if (bindAny && createRb) g.add({ from, to: anySa(ns), how: `bind any role with a RoleBinding ${where} → grant itself create pods → run as any service account there`, grant: bindAny });
  // Certificates: approve a client certificate for group system:masters.
  const approve = grants.find((gr) => allows(gr, 'approve', 'certificates.k8s.io', 'signers', '', 'kubernetes.io/kube-apiserver-client'));
  const approval = grants.find((gr) => allows(gr, 'update', 'certificates.k8s.io', 'certificatesigningrequests', 'approval', 'x') || allows(gr, 'patch', 'certificates.k8s.io', 'certificatesigningrequests', 'approval', 'x'));
  const createCsr = grants.find((gr) => allows(gr, 'create', 'certificates.k8s.io', 'certificatesigningrequests'));
  if (ns === undefined && approve && approval && createCsr) g.add({ from, to: `Group:${MASTERS}`, how: 'create and approve a kube-apiserver-client certificate with organization system:masters', grant: approve });
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
