/**
 * IPv4 and IPv6 addresses as text ↔ bigint: the one parser and formatter behind NetworkPolicy ipBlocks
 * (analysis/netpol/ip.ts) and the CEL `ip()`/`cidr()` library (policy/cel/lib-ip.ts).
 */
export type IpFamily = 4 | 6;

export interface ParseIpOptions {
  /** Go's netip rules (what Kubernetes' CEL library uses): an IPv4 octet with a leading zero ("010") is refused. */
  strict?: boolean;
}

function parseV4(s: string, strict: boolean): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const octet = strict ? /^(0|[1-9]\d{0,2})$/ : /^\d{1,3}$/;
  let v = 0n;
  for (const p of parts) {
    if (!octet.test(p) || Number(p) > 255) return undefined;
    v = (v << 8n) | BigInt(Number(p));
  }
  return v;
}

function parseV6(s: string, strict: boolean): bigint | undefined {
  let text = s;
  // An embedded IPv4 tail (::ffff:1.2.3.4) is written as its two groups.
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = parseV4(text.slice(lastColon + 1), strict);
    if (v4 === undefined) return undefined;
    text = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const side = (h: string) => (h === '' ? [] : h.split(':'));
  const head = side(halves[0]!);
  const rest = halves.length === 2 ? side(halves[1]!) : [];
  // A zone ("fe80::1%eth0") or any other character fails here.
  for (const g of [...head, ...rest]) if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
  const known = head.length + rest.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return undefined;
  const groups = [...head.map((g) => BigInt(`0x${g}`)), ...Array<bigint>(8 - known).fill(0n), ...rest.map((g) => BigInt(`0x${g}`))];
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** An address and its family, or undefined when the text is not one. */
export function parseIpAddress(s: string, options: ParseIpOptions = {}): { family: IpFamily; value: bigint } | undefined {
  const strict = options.strict === true;
  if (s.includes(':')) {
    const v = parseV6(s, strict);
    return v === undefined ? undefined : { family: 6, value: v };
  }
  const v = parseV4(s, strict);
  return v === undefined ? undefined : { family: 4, value: v };
}

/** Dotted quad, or RFC 5952 IPv6 (lower case, the longest run of two or more zero groups as "::", the first on a tie). */
export function formatIpAddress(family: IpFamily, v: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 255n)).join('.');
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((v >> BigInt(i * 16)) & 0xffffn).toString(16));
  let best = -1, bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}
