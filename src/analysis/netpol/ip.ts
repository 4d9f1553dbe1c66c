/** IPv4 and IPv6 addresses as bigints, CIDR blocks as inclusive ranges, and range arithmetic. */
import { formatIpAddress, parseIpAddress, type IpFamily } from '../../model/ip-address.js';

export type Family = IpFamily;

/** An inclusive range of addresses of one family. */
export interface IpRange {
  family: Family;
  lo: bigint;
  hi: bigint;
}

const BITS: Record<Family, number> = { 4: 32, 6: 128 };

/** An address, or undefined when it is not one. */
export function parseIp(s: string): { family: Family; value: bigint } | undefined {
  return parseIpAddress(s.trim());
}

/**
 * A CIDR block as a range. Host bits set below the prefix are ignored (the API server rejects them
 * in ipBlock, but a manifest may still carry them): the range is the block the prefix names.
 */
export function parseCidr(s: string): IpRange | undefined {
  const slash = s.indexOf('/');
  const ip = parseIp(slash < 0 ? s : s.slice(0, slash));
  if (!ip) return undefined;
  const bits = BITS[ip.family];
  const prefixText = slash < 0 ? String(bits) : s.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  const lo = (ip.value >> hostBits) << hostBits;
  return { family: ip.family, lo, hi: lo + (1n << hostBits) - 1n };
}

export function fullRange(family: Family): IpRange {
  return { family, lo: 0n, hi: (1n << BigInt(BITS[family])) - 1n };
}

export function formatIp(family: Family, v: bigint): string {
  return formatIpAddress(family, v);
}

/** The fewest CIDR blocks that cover exactly the range. */
export function rangeToCidrs(r: IpRange): string[] {
  const bits = BITS[r.family];
  const out: string[] = [];
  let lo = r.lo;
  while (lo <= r.hi) {
    let size = 0;
    while (size < bits && ((lo >> BigInt(size)) & 1n) === 0n && lo + (1n << BigInt(size + 1)) - 1n <= r.hi) size++;
    out.push(`${formatIp(r.family, lo)}/${bits - size}`);
    lo += 1n << BigInt(size);
  }
  return out;
}

export function contains(outer: IpRange, inner: IpRange): boolean {
  return outer.family === inner.family && outer.lo <= inner.lo && inner.hi <= outer.hi;
}

export function overlaps(a: IpRange, b: IpRange): boolean {
  return a.family === b.family && a.lo <= b.hi && b.lo <= a.hi;
}

/**
 * Split the whole IPv4 and IPv6 spaces into the fewest disjoint ranges ("atoms") such that every
 * given range is a union of atoms: any two addresses of one atom fall in exactly the same given ranges.
 */
export function atomize(ranges: readonly IpRange[]): IpRange[] {
  const out: IpRange[] = [];
  for (const family of [4, 6] as Family[]) {
    const full = fullRange(family);
    const cuts = new Set<bigint>([full.lo]);
    for (const r of ranges) {
      if (r.family !== family) continue;
      cuts.add(r.lo);
      if (r.hi < full.hi) cuts.add(r.hi + 1n);
    }
    const sorted = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (let i = 0; i < sorted.length; i++) out.push({ family, lo: sorted[i]!, hi: i + 1 < sorted.length ? sorted[i + 1]! - 1n : full.hi });
  }
  return out;
}

/** Ranges merged where adjacent or overlapping, sorted (IPv4 first). */
export function mergeRanges(ranges: readonly IpRange[]): IpRange[] {
  const sorted = [...ranges].sort((a, b) => a.family - b.family || (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const out: IpRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.family === r.family && r.lo <= last.hi + 1n) {
      if (r.hi > last.hi) last.hi = r.hi;
    } else out.push({ ...r });
  }
  return out;
}

/** Private, loopback, link-local, CGNAT and unique-local space: addresses that are not the internet. */
const NON_PUBLIC = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '::1/128', '::/128', 'fc00::/7', 'fe80::/10'].map((c) => parseCidr(c)!);

/** True when some address of the range is on the public internet. */
export function touchesInternet(r: IpRange): boolean {
  // Subtract the non-public blocks: anything left is public.
  let left: IpRange[] = [r];
  for (const np of NON_PUBLIC) {
    left = left.flatMap((x) => {
      if (!overlaps(x, np)) return [x];
      const parts: IpRange[] = [];
      if (x.lo < np.lo) parts.push({ family: x.family, lo: x.lo, hi: np.lo - 1n });
      if (x.hi > np.hi) parts.push({ family: x.family, lo: np.hi + 1n, hi: x.hi });
      return parts;
    });
  }
  return left.length > 0;
}
