/**
 * Entry hops: how an attacker first gets code execution in a workload. The internet (a LoadBalancer or NodePort
 * Service, externalIPs, an Ingress or Gateway API route backend, when the NetworkPolicies let the internet in;
 * hostNetwork or hostPort on the node's address), any pod of the cluster (when the workload's ingress admits a pod
 * no policy names), or the workload's own image when it carries a critical vulnerability.
 */
import type { EntryKind, PathHop } from '../../model/attack-path.js';
import { containersOf } from '../../model/containers.js';
import type { Inventory } from '../../model/inventory.js';
import { LabelIndex } from '../../model/label-index.js';
import { asArray, asRecord, stringMap, type K8sObject } from '../../model/object.js';
import { NS_NAME_LABEL, type Endpoint, type Workload } from '../netpol/cluster.js';
import { exposedServices } from '../netpol/exposure.js';
import { contains, parseCidr } from '../netpol/ip.js';
import { memoMatcher, type Matcher } from '../netpol/match.js';
import type { Matrix } from '../netpol/matrix.js';
import { isEmpty, portsText } from '../netpol/ports.js';
import { connectionPorts } from '../netpol/reach.js';
import type { Cluster } from '../netpol/cluster.js';
import { selects } from '../netpol/selector.js';
import { at, fromFindings, withFindings, type FindingIndex } from './evidence.js';
import type { Weights } from './weights.js';

export interface Entry {
  kind: EntryKind;
  /** The weight of this way in (entry.internet, entry.internet-host, entry.pod, entry.image). */
  factor: number;
  hop: PathHop;
}

export const INTERNET = 'internet';
export const ANY_POD = 'any-pod';
export const workloadNode = (w: Workload) => `workload:${w.id}`;

/** A pod no policy names: in a namespace of its own, without labels. "Any pod of the cluster" asks what it may reach. */
const ANY_POD_ENDPOINT: Endpoint = { namespace: '\u0000any', nsLabels: { [NS_NAME_LABEL]: '\u0000any' }, labels: {}, namedPorts: [], hostNetwork: false };
/** A public address: the internet's representative among the matrix's external ranges. */
const PUBLIC = parseCidr('1.1.1.1/32')!;

interface Exposed { service: K8sObject; how: string; path: string }

/** Services sent traffic by Gateway API routes (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute). */
function routeBackends(inventory: Inventory): Exposed[] {
  const out: Exposed[] = [];
  for (const kind of ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute']) {
    for (const route of inventory.byKind(kind)) {
      if (!route.apiVersion.startsWith('gateway.networking.k8s.io/')) continue;
      const ns = route.namespace ?? 'default';
      asArray(asRecord(route.raw.spec)?.rules).forEach((rule) => {
        for (const b of asArray(asRecord(rule)?.backendRefs)) {
          const r = asRecord(b);
          if (!r || typeof r.name !== 'string' || (r.kind !== undefined && r.kind !== 'Service')) continue;
          const svc = inventory.get('Service', typeof r.namespace === 'string' ? r.namespace : ns, r.name);
          if (svc) out.push({ service: svc, how: `the backend of ${kind} ${ns}/${route.name}`, path: '/metadata/name' });
        }
      });
    }
  }
  return out;
}

const EXPOSURE_CHECKS = new Set(['service-exposed', 'exposed-service-open-ingress', 'service-external-ips']);
const HOST_CHECKS = new Set(['host-network', 'host-port', 'host-port-privileged']);
const NETWORK_CHECKS = new Set(['workload-without-network-policy', 'database-reachable-from-all-namespaces', 'missing-default-deny-ingress']);

/** Findings that say the workload's ingress is open (on the workload object, wherever in it). */
export function openIngressFindings(findings: FindingIndex, w: Workload) {
  return findings.on(w.object, (id) => NETWORK_CHECKS.has(id));
}

/** A NetworkPolicy fix on the workload's ingress: the same id for every path it cuts. */
export function netpolFix(w: Workload) {
  return { id: `netpol-ingress:${w.id}`, text: `add a NetworkPolicy selecting ${w.id} that allows ingress only from the pods that need it` };
}

export interface EntryContext {
  inventory: Inventory;
  cluster: Cluster;
  matrix: Matrix;
  findings: FindingIndex;
  weights: Weights;
}

/** One endpoint per class (the first workload of it), and a memoised matcher for the connections asked. */
export class Reach {
  private readonly reps: Workload[] = [];
  private readonly memo = new Map<number, string | undefined>();
  readonly m: Matcher = memoMatcher();
  constructor(private readonly c: Cluster, readonly mx: Matrix) {
    mx.workloads.forEach((w, i) => {
      const k = mx.classOf[i]!;
      if (!this.reps[k]) this.reps[k] = w;
    });
  }
  classOf(i: number): number {
    return this.mx.classOf[i]!;
  }
  /** Ports from class a to class b (memoised per pair), as text; undefined when nothing is allowed. */
  between(a: number, b: number): string | undefined {
    const key = a * this.mx.classes + b;
    if (this.memo.has(key)) return this.memo.get(key);
    const ports = connectionPorts(this.c, { kind: 'pod', ep: this.reps[a]! }, { kind: 'pod', ep: this.reps[b]! }, this.m);
    const text = isEmpty(ports) ? undefined : portsText(ports);
    this.memo.set(key, text);
    return text;
  }
  private readonly anyPod = new Map<number, string | undefined>();
  /** Ports any pod (one no policy names) may use to reach class b (memoised per class). */
  fromAnyPod(b: number): string | undefined {
    if (this.anyPod.has(b)) return this.anyPod.get(b);
    const ports = connectionPorts(this.c, { kind: 'pod', ep: ANY_POD_ENDPOINT }, { kind: 'pod', ep: this.reps[b]! }, this.m);
    const text = isEmpty(ports) ? undefined : portsText(ports);
    this.anyPod.set(b, text);
    return text;
  }
}

/** A container port declared by an app container or a sidecar: something in the pod listens. */
function declaresPorts(w: Workload): boolean {
  return containersOf(w.pod).some((c) => (c.role === 'app' || (c.role === 'init' && c.container.restartPolicy === 'Always')) && asArray(c.container.ports).length > 0);
}

/**
 * The entries of every workload (index in cluster.workloads), and which workloads listen (declare a container
 * port, or back a Service): only those are reached over the network (a batch job that serves nothing is not).
 */
export function entriesOf(ctx: EntryContext, reach: Reach): { entries: Entry[][]; listens: boolean[] } {
  const { inventory, cluster, matrix, findings, weights } = ctx;
  const ws = cluster.workloads;
  const out: Entry[][] = ws.map(() => []);
  // Workloads by namespace and label, so each Service's selector is tested only against candidates.
  const index = new LabelIndex<number>();
  ws.forEach((w, i) => index.add(w.namespace, w.labels, i));
  const internet = matrix.externals.find((e) => e.ranges.some((r) => contains(r, PUBLIC)));
  const listens = ws.map(declaresPorts);
  for (const svc of inventory.byKind('Service')) {
    const sel = stringMap(asRecord(svc.raw.spec)?.selector);
    if (!Object.keys(sel).length) continue;
    const selector = { matchLabels: sel };
    for (const i of index.candidates(svc.namespace ?? 'default', selector)) if (selects(ws[i]!.labels, selector)) listens[i] = true;
  }

  for (const ex of [...exposedServices(inventory), ...routeBackends(inventory)]) {
    const sel = stringMap(asRecord(ex.service.raw.spec)?.selector);
    if (!Object.keys(sel).length) continue;
    const ns = ex.service.namespace ?? 'default';
    const selector = { matchLabels: sel };
    for (const i of index.candidates(ns, selector)) {
      const w = ws[i]!;
      if (!selects(w.labels, selector)) continue;
      const ports = internet?.ingress[reach.classOf(i)];
      if (ports && isEmpty(ports)) continue;
      const list = out[i]!;
      if (list.some((e) => e.kind === 'internet' && e.hop.evidence.object?.name === ex.service.name && e.hop.evidence.object.kind === 'Service')) continue;
      const svcName = `${ns}/${ex.service.name}`;
      list.push({
        kind: 'internet', factor: weights['entry.internet'],
        hop: {
          from: INTERNET, to: workloadNode(w), how: `exposed to the internet: Service ${svcName} is ${ex.how}, and no NetworkPolicy keeps the internet out`,
          factor: weights['entry.internet'],
          evidence: withFindings(at(ex.service, ex.path, { fact: `Service ${svcName}: ${ex.how}` }), findings.on(ex.service, (id) => EXPOSURE_CHECKS.has(id))),
          fix: { id: `exposure:Service/${svcName}`, text: `stop exposing Service ${svcName} (${ex.how}), or allow only the clients it needs (loadBalancerSourceRanges, a NetworkPolicy ipBlock)` },
        },
      });
    }
  }

  ws.forEach((w, i) => {
    const list = out[i]!;
    const hostPort = containersOf(w.pod).flatMap((c) => asArray(c.container.ports).map((p, j) => ({ p: asRecord(p), path: `${c.path}/ports/${j}/hostPort` }))).find((x) => typeof x.p?.hostPort === 'number' && x.p.hostPort > 0);
    if ((w.hostNetwork && listens[i]) || hostPort) {
      const path = w.hostNetwork ? `${w.pod.path}/hostNetwork` : hostPort!.path;
      list.push({
        kind: 'internet', factor: weights['entry.internet-host'],
        hop: {
          from: INTERNET, to: workloadNode(w), how: w.hostNetwork ? 'listens on the node\'s own address (hostNetwork): reachable wherever the node is' : `listens on the node's address (hostPort ${hostPort!.p!.hostPort})`,
          factor: weights['entry.internet-host'],
          evidence: withFindings(at(w.object, path, { fact: w.hostNetwork ? 'hostNetwork: true' : `hostPort: ${hostPort!.p!.hostPort}` }), findings.on(w.object, (id) => HOST_CHECKS.has(id), w.pod.path)),
          fix: { id: `host-network:${w.id}`, text: w.hostNetwork ? `set hostNetwork: false on ${w.id}` : `remove hostPort from ${w.id} and expose it through a Service` },
        },
      });
    }
    const vulns = criticalVulns(findings, w);
    if (vulns.length) {
      list.push({
        kind: 'image', factor: weights['entry.image'],
        hop: {
          from: `image:${w.id}`, to: workloadNode(w), how: `its image has ${vulns.length} critical known vulnerabilit${vulns.length === 1 ? 'y' : 'ies'} (${vulns[0]!.evidence?.found ?? vulns[0]!.message})`,
          factor: weights['entry.image'],
          evidence: fromFindings('image-vulnerability', vulns),
          fix: vulnFix(w, vulns[0]!.path),
        },
      });
    }
    const ports = listens[i] ? reach.fromAnyPod(reach.classOf(i)) : undefined;
    if (ports !== undefined) {
      list.push({
        kind: 'pod', factor: weights['entry.pod'],
        hop: {
          from: ANY_POD, to: workloadNode(w), how: `any pod of the cluster can connect to it (${ports}): no NetworkPolicy limits its ingress to named clients`,
          factor: weights['entry.pod'],
          evidence: withFindings(at(w.object, w.pod.path, { fact: `ingress open to any pod (${ports})` }), openIngressFindings(findings, w)),
          fix: netpolFix(w),
        },
      });
    }
  });
  return { entries: out, listens };
}

/** Critical image-vulnerability findings on the workload's containers. */
export function criticalVulns(findings: FindingIndex, w: Workload) {
  return findings.on(w.object, (id) => id === 'image-vulnerability', w.pod.path).filter((f) => f.severity === 'critical');
}

function vulnFix(w: Workload, path: string) {
  return { id: `image:${w.id}${path.slice(w.pod.path.length)}`, text: `rebuild the image of ${w.id} (${path}) with the fixed packages and update the reference` };
}
