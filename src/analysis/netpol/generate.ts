/**
 * Least-privilege NetworkPolicies from observed flows: for every workload seen in a flow, one
 * policy that isolates it both ways and allows exactly the flows seen to and from it (plus DNS
 * to kube-dns), naming peers by their pod labels and namespace, external ends by /32 or /128.
 */
import { matchesSelector, type Inventory } from '../../model/inventory.js';
import type { Cluster, Workload } from './cluster.js';
import { NS_NAME_LABEL } from './cluster.js';
import type { Flow, FlowEnd } from './flows.js';
import { resolveEnd, type End } from './resolve.js';
import type { Protocol } from './ports.js';

export interface GenerateResult {
  /** NetworkPolicy objects, in workload order. */
  policies: Record<string, unknown>[];
  /** Workloads the policies cover. */
  covered: Workload[];
  warnings: string[];
}

export const DNS_PEER = { namespaceSelector: { matchLabels: { [NS_NAME_LABEL]: 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } };
const DNS_PORTS = [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }];

function resolveFlowEnd(c: Cluster, inventory: Inventory, e: FlowEnd): End | { error: string } {
  if (e.ref) return resolveEnd(c, inventory, e.ref);
  if (e.ip) return resolveEnd(c, inventory, e.ip);
  // Hubble labels: the workload in the namespace whose template labels the pod carries (the most specific one).
  const labels = e.labels ?? {};
  const fits = c.workloads.filter((w) => w.namespace === e.namespace && Object.keys(w.labels).length > 0 && matchesSelector(labels, { matchLabels: w.labels }));
  fits.sort((a, b) => Object.keys(b.labels).length - Object.keys(a.labels).length);
  if (!fits.length) return { error: `no workload in namespace ${e.namespace ?? '?'} has the labels ${JSON.stringify(labels)}` };
  return { peer: { kind: 'pod', ep: fits[0]! }, name: fits[0]!.id, workload: fits[0]! };
}

interface Edge {
  other: End;
  ports: Map<string, { protocol: Protocol; port: number }>;
}

/**
 * Labels that change with every release or rollout (chart and app versions, controller hashes, per-pod names):
 * a policy selecting on them stops selecting the pods after an upgrade, so generated selectors never use them.
 */
const UNSTABLE_LABELS = new Set([
  'helm.sh/chart', 'chart', 'app.kubernetes.io/version', 'version', 'pod-template-hash', 'controller-revision-hash',
  'pod-template-generation', 'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index',
  'controller-uid', 'batch.kubernetes.io/controller-uid', 'job-name', 'batch.kubernetes.io/job-name',
  'batch.kubernetes.io/job-completion-index',
]);

/** The labels of a workload's pods a generated policy may select on (those that survive an upgrade). */
export function stableLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (!UNSTABLE_LABELS.has(k)) out[k] = v;
  return out;
}

function peerOf(from: Workload, other: End): Record<string, unknown> {
  if (other.peer.kind === 'ip') {
    const r = other.peer.range;
    return { ipBlock: { cidr: `${other.name}/${r.family === 4 ? 32 : 128}` } };
  }
  const w = other.workload!;
  // A peer without a stable label keeps the labels it has: an empty selector would admit every pod.
  const stable = stableLabels(w.labels);
  const podSelector = { matchLabels: Object.keys(stable).length ? stable : { ...w.labels } };
  return w.namespace === from.namespace ? { podSelector } : { namespaceSelector: { matchLabels: { [NS_NAME_LABEL]: w.namespace } }, podSelector };
}

function rules(from: Workload, edges: Map<string, Edge>, key: 'from' | 'to'): Record<string, unknown>[] {
  return [...edges.keys()].sort().map((k) => {
    const e = edges.get(k)!;
    const ports = [...e.ports.values()].sort((a, b) => a.protocol.localeCompare(b.protocol) || a.port - b.port);
    return { [key]: [peerOf(from, e.other)], ports };
  });
}

function addEdge(map: Map<Workload, Map<string, Edge>>, w: Workload, other: End, protocol: Protocol, port: number): void {
  let edges = map.get(w);
  if (!edges) map.set(w, (edges = new Map()));
  let e = edges.get(other.name);
  if (!e) edges.set(other.name, (e = { other, ports: new Map() }));
  e.ports.set(`${protocol}/${port}`, { protocol, port });
}

export function generatePolicies(c: Cluster, inventory: Inventory, flows: readonly Flow[]): GenerateResult {
  const warnings: string[] = [];
  const ingress = new Map<Workload, Map<string, Edge>>();
  const egress = new Map<Workload, Map<string, Edge>>();
  for (const f of flows) {
    const s = resolveFlowEnd(c, inventory, f.src);
    const d = resolveFlowEnd(c, inventory, f.dst);
    if ('error' in s || 'error' in d) {
      warnings.push(`flows line ${f.line}: skipped: ${'error' in s ? s.error : (d as { error: string }).error}`);
      continue;
    }
    if (s.peer.kind === 'ip' && d.peer.kind === 'ip') continue;
    const unusable = [s, d].find((e) => e.workload?.hostNetwork);
    if (unusable) {
      warnings.push(`flows line ${f.line}: skipped: ${unusable.name} uses the host network, which NetworkPolicies cannot select`);
      continue;
    }
    if (s.workload) addEdge(egress, s.workload, d, f.protocol, f.port);
    if (d.workload) addEdge(ingress, d.workload, s, f.protocol, f.port);
  }
  const covered = c.workloads.filter((w) => ingress.has(w) || egress.has(w));
  const names = new Map<string, number>();
  for (const w of covered) names.set(`${w.namespace}/${w.object.name}`, (names.get(`${w.namespace}/${w.object.name}`) ?? 0) + 1);
  const policies: Record<string, unknown>[] = [];
  for (const w of covered) {
    const selector = stableLabels(w.labels);
    if (Object.keys(selector).length === 0) {
      warnings.push(`${w.id} has no pod labels that survive an upgrade (${Object.keys(w.labels).join(', ') || 'none'}): no policy can select it alone; none generated`);
      continue;
    }
    const others = c.workloads.filter((o) => o !== w && o.namespace === w.namespace && matchesSelector(o.labels, { matchLabels: selector }));
    if (others.length) warnings.push(`the pod selector of ${w.id} also selects ${others.map((o) => o.id).join(', ')}`);
    const clash = names.get(`${w.namespace}/${w.object.name}`)! > 1;
    const name = `kubeward-${w.object.name}${clash ? `-${w.object.kind.toLowerCase()}` : ''}`.slice(0, 253);
    policies.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace: w.namespace, labels: { 'app.kubernetes.io/managed-by': 'kubeward' } },
      spec: {
        podSelector: { matchLabels: selector },
        policyTypes: ['Ingress', 'Egress'],
        ingress: rules(w, ingress.get(w) ?? new Map(), 'from'),
        egress: [...rules(w, egress.get(w) ?? new Map(), 'to'), { to: [DNS_PEER], ports: DNS_PORTS }],
      },
    });
  }
  return { policies, covered, warnings };
}
