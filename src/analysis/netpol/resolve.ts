/** Names users give (`ns/name`, `ns/name[Kind]`, a Service, an IP address) resolved to connection ends and ports. */
import { matchesSelector, type Inventory } from '../../model/inventory.js';
import { LabelIndex } from '../../model/label-index.js';
import { asArray, asRecord, stringMap, type K8sObject } from '../../model/object.js';
import type { Cluster, Workload } from './cluster.js';
import { parseIp, type IpRange } from './ip.js';
import type { Peer } from './match.js';
import { isProtocol, type Protocol } from './ports.js';

export type End = { peer: Peer; name: string; workload?: Workload; service?: K8sObject };

/** Workloads a Service sends traffic to: its selector's pods in its namespace. A Service without a selector has none. */
export function serviceBackends(c: Cluster, svc: K8sObject): Workload[] {
  const sel = asRecord(asRecord(svc.raw.spec)?.selector);
  if (!sel || Object.keys(sel).length === 0) return [];
  const ns = svc.namespace ?? 'default';
  const matchLabels = stringMap(sel);
  return workloadIndex(c).candidates(ns, { matchLabels }).filter((w) => w.namespace === ns && matchesSelector(w.labels, { matchLabels }));
}

const workloadIndexes = new WeakMap<Cluster, LabelIndex<Workload>>();

/** The cluster's workloads by namespace and label, built once per network view. */
function workloadIndex(c: Cluster): LabelIndex<Workload> {
  let idx = workloadIndexes.get(c);
  if (!idx) {
    idx = new LabelIndex<Workload>();
    for (const w of c.workloads) idx.add(w.namespace, w.labels, w);
    workloadIndexes.set(c, idx);
  }
  return idx;
}

/** One end of a connection, or an error that says what to write instead. */
export function resolveEnd(c: Cluster, inventory: Inventory, text: string): End | { error: string } {
  const ip = parseIp(text);
  if (ip) {
    const range: IpRange = { family: ip.family, lo: ip.value, hi: ip.value };
    return { peer: { kind: 'ip', range }, name: text };
  }
  const exact = c.workloads.find((w) => w.id === text);
  if (exact) return { peer: { kind: 'pod', ep: exact }, name: exact.id, workload: exact };
  const m = /^(?:([^/]+)\/)?([^/[\]]+)(?:\[([A-Za-z]+)\])?$/.exec(text);
  if (!m) return { error: `"${text}" is not namespace/name, namespace/name[Kind] or an IP address` };
  const [, nsText, name, kind] = m;
  const namespace = nsText ?? 'default';
  const found = c.workloads.filter((w) => w.namespace === namespace && w.object.name === name && (!kind || w.object.kind === kind));
  if (found.length === 1) return { peer: { kind: 'pod', ep: found[0]! }, name: found[0]!.id, workload: found[0]! };
  if (found.length > 1) return { error: `"${text}" names ${found.length} workloads: ${found.map((w) => w.id).join(', ')}; add the kind, e.g. ${found[0]!.id}` };
  if (!kind || kind === 'Service') {
    const svc = inventory.get('Service', namespace, name!);
    if (svc) {
      const backends = serviceBackends(c, svc);
      if (backends.length === 1) return { peer: { kind: 'pod', ep: backends[0]! }, name: backends[0]!.id, workload: backends[0]!, service: svc };
      if (backends.length === 0) return { error: `Service ${namespace}/${name} selects no workload in the input` };
      return { error: `Service ${namespace}/${name} selects ${backends.length} workloads: ${backends.map((w) => w.id).join(', ')}; name one` };
    }
  }
  return { error: `no workload or Service "${namespace}/${name}${kind ? `[${kind}]` : ''}" in the input` };
}

/**
 * The numeric port and protocol a `--port` value means at the destination: a number, a named
 * port of the destination pod, or a port of the Service it was named by (mapped to its targetPort).
 */
export function resolvePort(dst: End, text: string, protocolFlag?: string): { protocol: Protocol; port: number } | { error: string } {
  const m = /^([^/]+)(?:\/([A-Za-z]+))?$/.exec(text.trim());
  if (!m) return { error: `--port "${text}" is not PORT, NAME or PORT/PROTOCOL` };
  const protoText = (m[2] ?? protocolFlag)?.toUpperCase();
  if (protoText !== undefined && !isProtocol(protoText)) return { error: `protocol "${protoText}" is not TCP, UDP or SCTP` };
  let target: string | number = /^\d+$/.test(m[1]!) ? Number(m[1]) : m[1]!;
  let protocol = protoText as Protocol | undefined;
  if (dst.service) {
    for (const p of asArray(asRecord(dst.service.raw.spec)?.ports)) {
      const r = asRecord(p);
      if (!r || (r.port !== target && r.name !== target)) continue;
      const sp = (r.protocol as Protocol | undefined) ?? 'TCP';
      if (protocol && protocol !== sp) continue;
      protocol = sp;
      target = typeof r.targetPort === 'number' || typeof r.targetPort === 'string' ? (r.targetPort as number | string) : (r.port as number);
      if (typeof target === 'string' && /^\d+$/.test(target)) target = Number(target);
      break;
    }
  }
  if (typeof target === 'number') {
    if (!Number.isInteger(target) || target < 1 || target > 65535) return { error: `port ${target} is outside 1-65535` };
    return { protocol: protocol ?? 'TCP', port: target };
  }
  if (dst.peer.kind !== 'pod') return { error: `a named port ("${target}") needs a workload as destination` };
  const named = dst.peer.ep.namedPorts.filter((p) => p.name === target && (!protocol || p.protocol === protocol));
  if (named.length === 0) return { error: `${dst.name} has no container port named "${target}"` };
  return { protocol: named[0]!.protocol, port: named[0]!.port };
}
