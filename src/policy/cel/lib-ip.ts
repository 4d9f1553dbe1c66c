import type { Environment } from '@marcbachmann/cel-js';
import { CelError } from './cel-error.js';
import { formatIpAddress, parseIpAddress } from '../../model/ip-address.js';

/**
 * Kubernetes' IP and CIDR libraries (k8s.io/apiserver/pkg/cel/library/ip.go, cidr.go), built on Go's netip
 * rules: IPv4 octets without leading zeros, no IPv6 zones, and — as Kubernetes does — no IPv4-mapped IPv6
 * addresses. Addresses are BigInts with their family, so containment is exact arithmetic.
 */
export class IP {
  constructor(readonly family: 4 | 6, readonly value: bigint) {}
  get bits(): number { return this.family === 4 ? 32 : 128; }
  equals(o: unknown): boolean { return o instanceof IP && o.family === this.family && o.value === this.value; }
  toString(): string { return formatIpAddress(this.family, this.value); }
}

export class CIDR {
  constructor(readonly ip: IP, readonly prefix: number) {}
  mask(): bigint {
    const host = BigInt(this.ip.bits - this.prefix);
    return ((1n << BigInt(this.ip.bits)) - 1n) ^ ((1n << host) - 1n);
  }
  containsIP(ip: IP): boolean {
    return ip.family === this.ip.family && (ip.value & this.mask()) === (this.ip.value & this.mask());
  }
  containsCIDR(c: CIDR): boolean {
    return c.ip.family === this.ip.family && c.prefix >= this.prefix && this.containsIP(c.ip);
  }
  masked(): CIDR { return new CIDR(new IP(this.ip.family, this.ip.value & this.mask()), this.prefix); }
  equals(o: unknown): boolean { return o instanceof CIDR && o.prefix === this.prefix && this.ip.equals(o.ip); }
  toString(): string { return `${this.ip.toString()}/${this.prefix}`; }
}

export function parseIP(s: string): IP | undefined {
  const a = parseIpAddress(s, { strict: true });
  if (!a) return undefined;
  if (a.family === 6 && a.value >> 32n === 0xffffn) return undefined; // IPv4-mapped IPv6: rejected by Kubernetes
  return new IP(a.family, a.value);
}

export function parseCIDR(s: string): CIDR | undefined {
  const slash = s.lastIndexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIP(s.slice(0, slash));
  const len = s.slice(slash + 1);
  if (!ip || !/^(0|[1-9]\d{0,2})$/.test(len) || Number(len) > ip.bits) return undefined;
  return new CIDR(ip, Number(len));
}

function ipOrThrow(s: string): IP {
  const ip = parseIP(s);
  if (!ip) throw new CelError(`IP Address ${JSON.stringify(s)} parse error during conversion from string`);
  return ip;
}
function cidrOrThrow(s: string): CIDR {
  const c = parseCIDR(s);
  if (!c) throw new CelError(`network address ${JSON.stringify(s)} parse error during conversion from string`);
  return c;
}

/** `ip.isCanonical(s)`: cel-js has no namespaced functions, so `ip` is also a constant with that method. */
class IpNamespace {}

const inCidr = (cidr: string, ip: IP) => parseCIDR(cidr)!.containsIP(ip);

export function registerIp(env: Environment): void {
  const I = 'net.IP';
  const C = 'net.CIDR';
  env
    .registerType(I, IP)
    .registerType(C, CIDR)
    .registerFunction(`ip(string): ${I}`, ipOrThrow)
    .registerFunction('isIP(string): bool', (s: string) => parseIP(s) !== undefined)
    .registerType('kubeward.IpNamespace', IpNamespace)
    .registerConstant('ip', 'kubeward.IpNamespace', new IpNamespace())
    .registerFunction('kubeward.IpNamespace.isCanonical(string): bool', (_n: IpNamespace, s: string) => ipOrThrow(s).toString() === s)
    .registerFunction(`${I}.family(): int`, (ip: IP) => BigInt(ip.family))
    .registerFunction(`${I}.isUnspecified(): bool`, (ip: IP) => ip.value === 0n)
    .registerFunction(`${I}.isLoopback(): bool`, (ip: IP) => (ip.family === 4 ? inCidr('127.0.0.0/8', ip) : ip.value === 1n))
    .registerFunction(`${I}.isLinkLocalMulticast(): bool`, (ip: IP) => inCidr(ip.family === 4 ? '224.0.0.0/24' : 'ff02::/16', ip))
    .registerFunction(`${I}.isLinkLocalUnicast(): bool`, (ip: IP) => inCidr(ip.family === 4 ? '169.254.0.0/16' : 'fe80::/10', ip))
    .registerFunction(`${I}.isGlobalUnicast(): bool`, (ip: IP) => {
      if (ip.value === 0n) return false;
      if (ip.family === 4) return !['127.0.0.0/8', '224.0.0.0/4', '169.254.0.0/16', '255.255.255.255/32'].some((c) => inCidr(c, ip));
      return !['::1/128', 'ff00::/8', 'fe80::/10'].some((c) => inCidr(c, ip));
    })
    .registerFunction(`string(${I}): string`, (ip: IP) => ip.toString())
    .registerOperator(`${I} == ${I}`, (a: IP, b: IP) => a.equals(b))
    .registerFunction(`cidr(string): ${C}`, cidrOrThrow)
    .registerFunction('isCIDR(string): bool', (s: string) => parseCIDR(s) !== undefined)
    .registerFunction(`${C}.containsIP(${I}): bool`, (c: CIDR, ip: IP) => c.containsIP(ip))
    .registerFunction(`${C}.containsIP(string): bool`, (c: CIDR, s: string) => c.containsIP(ipOrThrow(s)))
    .registerFunction(`${C}.containsCIDR(${C}): bool`, (c: CIDR, o: CIDR) => c.containsCIDR(o))
    .registerFunction(`${C}.containsCIDR(string): bool`, (c: CIDR, s: string) => c.containsCIDR(cidrOrThrow(s)))
    .registerFunction(`${C}.ip(): ${I}`, (c: CIDR) => c.ip)
    .registerFunction(`${C}.masked(): ${C}`, (c: CIDR) => c.masked())
    .registerFunction(`${C}.prefixLength(): int`, (c: CIDR) => BigInt(c.prefix))
    .registerFunction(`string(${C}): string`, (c: CIDR) => c.toString())
    .registerOperator(`${C} == ${C}`, (a: CIDR, b: CIDR) => a.equals(b));
}
