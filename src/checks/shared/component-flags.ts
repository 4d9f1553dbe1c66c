import type { ComponentContext, Issue } from '../define.js';
import type { Evidence } from '../../model/finding.js';

/**
 * Issues about a component's flags, at the argument that holds the flag (or, for a flag that is not given, at the
 * container's command or the process's arguments). Flags are read as the component's own flag library reads
 * them (src/model/flags.ts); each helper says what the component does when the flag is not given.
 */

/** Where a flag is, or where it would be added. */
export function flagPath(ctx: ComponentContext, name: string): string {
  const v = ctx.component.flags.last(name);
  return v ? ctx.component.argPath(v.index) : ctx.component.listPath;
}

/** An issue about flag `name` (at its argument, or at the command when it is not given). */
export function flagIssue(ctx: ComponentContext, name: string, message: string, evidence?: Evidence): Issue {
  return ctx.at(flagPath(ctx, name), message, evidence);
}

/** Each of `names` that is not given, or given empty: "--name is not set". */
export function requireFlags(ctx: ComponentContext, names: readonly string[], why: string): Issue[] {
  const out: Issue[] = [];
  for (const name of names) {
    const v = ctx.component.flags.last(name);
    if (!v || v.value.trim() === '') out.push(flagIssue(ctx, name, `--${name} is not set: ${why}`, { found: v ? '' : 'not set', expected: `--${name}=<path>` }));
  }
  return out;
}

/**
 * A boolean flag that must be `want`. `unset` is the component's default when the flag is not given; a value
 * that is not a boolean counts as wrong (the component would refuse to start, or the manifest is broken).
 */
export function requireBool(ctx: ComponentContext, name: string, want: boolean, unset: boolean, why: string): Issue[] {
  const v = ctx.component.flags.last(name);
  const value = v ? ctx.component.flags.bool(name) : unset;
  if (value === want) return [];
  const found = v ? v.value : `not set (default ${unset})`;
  return [flagIssue(ctx, name, `--${name} is ${v ? v.value : `not set, so ${unset}`}: ${why}`, { found, expected: `--${name}=${want}` })];
}

/** A numeric flag that must be at least `min` (unset: the component's default, `unset`). */
export function requireAtLeast(ctx: ComponentContext, name: string, min: number, unset: number | undefined, why: string): Issue[] {
  const v = ctx.component.flags.last(name);
  const n = v ? Number(v.value) : unset;
  if (n !== undefined && Number.isFinite(n) && n >= min) return [];
  const found = v ? v.value : unset === undefined ? 'not set' : `not set (default ${unset})`;
  return [flagIssue(ctx, name, `--${name} is ${found}, below ${min}: ${why}`, { found, expected: `--${name}=${min} or more` })];
}

/** `--bind-address` of a component whose default is every interface: loopback only passes. */
export function requireLoopbackBind(ctx: ComponentContext, why: string): Issue[] {
  const v = ctx.component.flags.last('bind-address');
  if (v && /^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(v.value.trim())) return [];
  const found = v ? v.value : 'not set (default 0.0.0.0, every interface)';
  return [flagIssue(ctx, 'bind-address', `--bind-address is ${found}: ${why}`, { found, expected: '--bind-address=127.0.0.1' })];
}

/**
 * Kubernetes TLS cipher suites the CIS Benchmark lists as strong (AEAD suites with forward secrecy, the TLS 1.3
 * suites, and the ECDHE CBC suites it still accepts for the API server).
 */
export const STRONG_CIPHERS = new Set([
  'TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA', 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
]);

/** TLS versions below 1.2, as Kubernetes components name them. */
export const WEAK_TLS_VERSIONS = new Set(['VersionTLS10', 'VersionTLS11']);

/** Issues of a check that covers several CIS controls, marked with the controls they fail. */
export function forCis(cis: string[], issues: Issue[]): Issue[] {
  return issues.map((i) => ({ ...i, cis }));
}
