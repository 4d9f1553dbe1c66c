/** Sets of (protocol, port) as sorted disjoint port intervals per protocol, and their text forms. The algebra over them is src/analysis/netpol/ports.ts. */

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** Flat [lo0, hi0, lo1, hi1, ...] inclusive, sorted, disjoint and non-adjacent. */
export type Intervals = readonly number[];

export interface PortSet {
  readonly TCP: Intervals;
  readonly UDP: Intervals;
  readonly SCTP: Intervals;
}

export const FULL: Intervals = [MIN_PORT, MAX_PORT];
export const ALL_PORTS: PortSet = { TCP: FULL, UDP: FULL, SCTP: FULL };
export const NO_PORTS: PortSet = { TCP: [], UDP: [], SCTP: [] };

export function isProtocol(v: unknown): v is Protocol {
  return typeof v === 'string' && (PROTOCOLS as readonly string[]).includes(v);
}

export function isAll(s: PortSet): boolean {
  return s === ALL_PORTS || PROTOCOLS.every((p) => s[p].length === 2 && s[p][0] === MIN_PORT && s[p][1] === MAX_PORT);
}

/** "80,443,8000-8080" for one protocol's intervals. */
function formatIntervals(iv: Intervals): string {
  const parts: string[] = [];
  for (let i = 0; i < iv.length; i += 2) parts.push(iv[i] === iv[i + 1] ? String(iv[i]) : `${iv[i]}-${iv[i + 1]}`);
  return parts.join(',');
}

/** The matrix JSON form: "all", or per protocol port lists ({"TCP": "80,443", "UDP": "53"}). */
export function portsJson(s: PortSet): 'all' | Partial<Record<Protocol, string>> {
  if (isAll(s)) return 'all';
  const out: Partial<Record<Protocol, string>> = {};
  for (const p of PROTOCOLS) if (s[p].length) out[p] = formatIntervals(s[p]);
  return out;
}

/** One line: "all" or "TCP 80,443; UDP 53". */
export function portsText(s: PortSet): string {
  const j = portsJson(s);
  return j === 'all' ? 'all' : Object.entries(j).map(([p, v]) => `${p} ${v}`).join('; ');
}

/** A connection the reachability matrix allows: from a workload or address range to another, on these ports. */
export interface Connection {
  src: string;
  dst: string;
  allowed: PortSet;
}
