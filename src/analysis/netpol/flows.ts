/**
 * Observed flows read from JSON lines: kubeward's own format, one object per line,
 *   {"src": "shop/frontend", "dst": "shop/cart[Deployment]", "port": 7070, "protocol": "TCP"}
 * (ends are `namespace/name`, `namespace/name[Kind]` or an IP address; protocol defaults to TCP),
 * or Cilium Hubble's export (`hubble observe -o json`: {"flow": {...}} per line, or bare flows).
 */
import { asArray, asRecord, isRecord } from '../../model/object.js';
import { isProtocol, type Protocol } from './ports.js';

/** A flow end as written: a workload reference, pod labels (Hubble), or an IP address. */
export interface FlowEnd {
  /** `namespace/name` or `namespace/name[Kind]`, or an IP address. */
  ref?: string;
  /** Hubble: the pod's namespace and Kubernetes labels, used when no workload is named. */
  namespace?: string;
  labels?: Record<string, string>;
  ip?: string;
}

export interface Flow {
  line: number;
  src: FlowEnd;
  dst: FlowEnd;
  protocol: Protocol;
  port: number;
}

export interface FlowProblem {
  line: number;
  message: string;
}

function hubbleEnd(ep: unknown, ip: unknown): FlowEnd | undefined {
  const e = asRecord(ep) ?? {};
  const labels = asArray(e.labels).map(String);
  const isWorld = labels.some((l) => l === 'reserved:world' || l.startsWith('reserved:world'));
  const ns = typeof e.namespace === 'string' && e.namespace ? e.namespace : undefined;
  if (ns && !isWorld) {
    const wl = asArray(e.workloads).map(asRecord).find((w) => typeof w?.name === 'string');
    if (wl) return { ref: `${ns}/${String(wl.name)}${typeof wl.kind === 'string' && wl.kind ? `[${wl.kind}]` : ''}`, namespace: ns };
    const k8s: Record<string, string> = {};
    for (const l of labels) {
      const m = /^k8s:([^=]+)=(.*)$/.exec(l);
      if (m && !m[1]!.startsWith('io.kubernetes.pod.namespace') && !m[1]!.startsWith('io.cilium.')) k8s[m[1]!] = m[2]!;
    }
    return { namespace: ns, labels: k8s };
  }
  return typeof ip === 'string' ? { ip } : undefined;
}

/** A Hubble flow: forwarded, not a reply, TCP/UDP/SCTP. Anything else is skipped (undefined, no problem). */
function hubbleFlow(f: Record<string, unknown>, line: number): Flow | FlowProblem | undefined {
  if (f.is_reply === true) return undefined;
  if (f.verdict !== undefined && f.verdict !== 'FORWARDED') return undefined;
  const l4 = asRecord(f.l4);
  const key = l4 && Object.keys(l4).find((k) => isProtocol(k));
  if (!l4 || !key) return undefined;
  const port = asRecord(l4[key])?.destination_port;
  if (typeof port !== 'number') return { line, message: `the ${key} flow has no destination_port` };
  const ipInfo = asRecord(f.IP) ?? {};
  const src = hubbleEnd(f.source, ipInfo.source);
  const dst = hubbleEnd(f.destination, ipInfo.destination);
  if (!src || !dst) return { line, message: 'the flow has no source or destination' };
  return { line, src, dst, protocol: key as Protocol, port };
}

/** Parse a flows file. Lines that are blank are skipped; lines that cannot be read are problems, the rest still read. */
export function parseFlows(text: string): { flows: Flow[]; problems: FlowProblem[] } {
  const flows: Flow[] = [];
  const problems: FlowProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch {
      problems.push({ line, message: 'not a JSON object' });
      return;
    }
    if (!isRecord(v)) return problems.push({ line, message: 'not a JSON object' });
    const hub = isRecord(v.flow) ? v.flow : v.l4 !== undefined || v.IP !== undefined ? v : undefined;
    if (hub) {
      const f = hubbleFlow(hub, line);
      if (f && 'message' in f) problems.push(f);
      else if (f) flows.push(f);
      return;
    }
    const protocol = v.protocol === undefined ? 'TCP' : typeof v.protocol === 'string' ? v.protocol.toUpperCase() : v.protocol;
    const port = typeof v.port === 'string' && /^\d+$/.test(v.port) ? Number(v.port) : v.port;
    if (typeof v.src !== 'string' || typeof v.dst !== 'string') return problems.push({ line, message: 'needs "src" and "dst" strings' });
    if (!isProtocol(protocol)) return problems.push({ line, message: `protocol "${String(v.protocol)}" is not TCP, UDP or SCTP` });
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) return problems.push({ line, message: '"port" must be a number from 1 to 65535' });
    flows.push({ line, src: { ref: v.src }, dst: { ref: v.dst }, protocol, port });
  });
  return { flows, problems };
}
