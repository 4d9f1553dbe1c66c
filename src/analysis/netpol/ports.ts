/** Sets of (protocol, port) as sorted disjoint port intervals per protocol: the algebra reachability is computed in. */
import { ALL_PORTS, FULL, MAX_PORT, MIN_PORT, NO_PORTS, PROTOCOLS, type Intervals, type PortSet, type Protocol } from '../../model/ports.js';

export { ALL_PORTS, isAll, isProtocol, MAX_PORT, MIN_PORT, NO_PORTS, portsJson, portsText, PROTOCOLS } from '../../model/ports.js';
export type { PortSet, Protocol } from '../../model/ports.js';

/** One protocol's ports lo..hi. */
export function portRange(protocol: Protocol, lo: number, hi = lo): PortSet {
  const l = Math.max(lo, MIN_PORT);
  const h = Math.min(hi, MAX_PORT);
  if (l > h) return NO_PORTS;
  return { ...NO_PORTS, [protocol]: [l, h] };
}

export function allOf(protocol: Protocol): PortSet {
  return { ...NO_PORTS, [protocol]: FULL };
}

function unionI(a: Intervals, b: Intervals): Intervals {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  if (a === FULL || b === FULL) return FULL;
  const pairs: [number, number][] = [];
  for (let i = 0; i < a.length; i += 2) pairs.push([a[i]!, a[i + 1]!]);
  for (let i = 0; i < b.length; i += 2) pairs.push([b[i]!, b[i + 1]!]);
  pairs.sort((x, y) => x[0] - y[0]);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    const n = out.length;
    if (n && lo <= out[n - 1]! + 1) out[n - 1] = Math.max(out[n - 1]!, hi);
    else out.push(lo, hi);
  }
  return out.length === 2 && out[0] === MIN_PORT && out[1] === MAX_PORT ? FULL : out;
}

function intersectI(a: Intervals, b: Intervals): Intervals {
  if (a.length === 0 || b.length === 0) return [];
  if (a === FULL) return b;
  if (b === FULL) return a;
  const out: number[] = [];
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i]!, b[j]!);
    const hi = Math.min(a[i + 1]!, b[j + 1]!);
    if (lo <= hi) out.push(lo, hi);
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return out;
}

function subtractI(a: Intervals, b: Intervals): Intervals {
  if (a.length === 0 || b.length === 0) return a;
  if (b === FULL) return [];
  const out: number[] = [];
  for (let i = 0; i < a.length; i += 2) {
    let lo = a[i]!;
    const hi = a[i + 1]!;
    for (let j = 0; j < b.length && lo <= hi; j += 2) {
      const blo = b[j]!, bhi = b[j + 1]!;
      if (bhi < lo) continue;
      if (blo > hi) break;
      if (blo > lo) out.push(lo, blo - 1);
      lo = bhi + 1;
    }
    if (lo <= hi) out.push(lo, hi);
  }
  return out;
}

function combine(a: PortSet, b: PortSet, f: (x: Intervals, y: Intervals) => Intervals): PortSet {
  const TCP = f(a.TCP, b.TCP), UDP = f(a.UDP, b.UDP), SCTP = f(a.SCTP, b.SCTP);
  if (TCP === FULL && UDP === FULL && SCTP === FULL) return ALL_PORTS;
  if (TCP.length === 0 && UDP.length === 0 && SCTP.length === 0) return NO_PORTS;
  return { TCP, UDP, SCTP };
}

export function union(a: PortSet, b: PortSet): PortSet {
  if (a === NO_PORTS || b === ALL_PORTS) return b;
  if (b === NO_PORTS || a === ALL_PORTS) return a;
  return combine(a, b, unionI);
}

export function intersect(a: PortSet, b: PortSet): PortSet {
  if (a === ALL_PORTS) return b;
  if (b === ALL_PORTS) return a;
  if (a === NO_PORTS || b === NO_PORTS) return NO_PORTS;
  return combine(a, b, intersectI);
}

export function subtract(a: PortSet, b: PortSet): PortSet {
  if (b === NO_PORTS || a === NO_PORTS) return a;
  if (b === ALL_PORTS) return NO_PORTS;
  return combine(a, b, subtractI);
}

export function isEmpty(s: PortSet): boolean {
  return s.TCP.length === 0 && s.UDP.length === 0 && s.SCTP.length === 0;
}

export function hasPort(s: PortSet, protocol: Protocol, port: number): boolean {
  const iv = s[protocol];
  for (let i = 0; i < iv.length; i += 2) if (iv[i]! <= port && port <= iv[i + 1]!) return true;
  return false;
}

export function equalPorts(a: PortSet, b: PortSet): boolean {
  return a === b || PROTOCOLS.every((p) => a[p].length === b[p].length && a[p].every((v, i) => v === b[p][i]));
}

/** A stable key for grouping equal sets. */
export function portsKey(s: PortSet): string {
  return s === ALL_PORTS ? '*' : `${s.TCP.join(',')}|${s.UDP.join(',')}|${s.SCTP.join(',')}`;
}
