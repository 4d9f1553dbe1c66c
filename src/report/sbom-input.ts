import { createHash } from 'node:crypto';
import type { Distro, Package } from '../vuln/types.js';

/** What an SBOM describes: one image, its OS and its packages. Pure data (from scanImage). */
export interface SbomInput {
  tool: { name: string; version: string };
  image: {
    reference: string;
    manifestDigest?: string;
    configDigest: string;
    platform: string;
    repoTags?: string[];
  };
  distro?: Distro;
  packages: Package[];
  /** The document's creation time: SOURCE_DATE_EPOCH when set, so builds are reproducible. */
  created: Date;
}

/** SOURCE_DATE_EPOCH (seconds) when set and valid, else now. */
export function sbomTimestamp(env: NodeJS.ProcessEnv = process.env, now = new Date()): Date {
  const s = env.SOURCE_DATE_EPOCH;
  if (s !== undefined && /^\d+$/.test(s.trim())) return new Date(Number(s.trim()) * 1000);
  return now;
}

/** ISO 8601 in UTC without milliseconds (what SPDX requires and CycloneDX accepts). */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function sha256hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** A name-based UUID (RFC 4122 layout, version 5 bits over a SHA-256 prefix): same input, same id. */
export function stableUuid(seed: string): string {
  const h = sha256hex(seed);
  const v = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${v}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Stable per-package keys: the purl, with the file it was found in appended when the same purl occurs in
 * several files (a lockfile and node_modules). Input order does not matter.
 */
export function packageKeys(packages: readonly Package[]): string[] {
  const count = new Map<string, number>();
  for (const p of packages) count.set(p.purl, (count.get(p.purl) ?? 0) + 1);
  return packages.map((p) => (count.get(p.purl)! > 1 ? `${p.purl}#${p.location.path}` : p.purl));
}

export function sortedPackages(packages: readonly Package[]): Package[] {
  return [...packages].sort((a, b) => {
    const ka = `${a.purl}\0${a.location.path}`;
    const kb = `${b.purl}\0${b.location.path}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}
