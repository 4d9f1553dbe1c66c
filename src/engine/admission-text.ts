import type { Severity } from '../model/finding.js';

/** A failed check as the webhook states it: where, what, and how to fix it. */
export interface JudgedFinding {
  checkId: string;
  severity: Severity;
  /** JSON pointer inside the object. */
  path: string;
  /** The same field as kubectl names it: spec.template.spec.containers[0].securityContext.privileged. */
  field: string;
  message: string;
  /** The check's remediation, first sentence. */
  fix: string;
}

const SIMPLE_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Field names by pointer: the same few hundred paths come back on every review (bounded, cleared when full). */
const FIELDS = new Map<string, string>();
const MAX_CACHED = 10_000;

/** "/spec/containers/0/securityContext/privileged" → "spec.containers[0].securityContext.privileged"; "" → "(the object)". */
export function fieldOf(pointer: string): string {
  if (pointer === '') return '(the object)';
  const hit = FIELDS.get(pointer);
  if (hit !== undefined) return hit;
  let out = '';
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.includes('~') ? raw.replace(/~1/g, '/').replace(/~0/g, '~') : raw;
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else if (SIMPLE_KEY.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  if (FIELDS.size >= MAX_CACHED) FIELDS.clear();
  FIELDS.set(pointer, out);
  return out;
}

/** The first sentence of a remediation (up to 240 characters). */
export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const m = /^.*?[.!?](?=\s|$)/.exec(flat);
  const s = m ? m[0] : flat;
  return s.length > 240 ? `${s.slice(0, 239)}…` : s;
}

const MAX_LISTED = 20;

/** The denial message kubectl prints after `admission webhook "…" denied the request: `. */
export function denialMessage(what: string, denied: readonly JudgedFinding[]): string {
  const lines = denied.slice(0, MAX_LISTED).map((f) => `- [${f.checkId}] ${f.severity} at ${f.field}: ${f.message.replace(/\.$/, '')}. Fix: ${f.fix}`);
  if (denied.length > MAX_LISTED) lines.push(`- and ${denied.length - MAX_LISTED} more (kubeward scan lists them all)`);
  return `kubeward: ${what} fails ${denied.length} enforced check${denied.length === 1 ? '' : 's'}:\n${lines.join('\n')}`;
}

/** Kubernetes recommends short warnings; kubectl prints each on its own line as "Warning: …". */
const MAX_WARNING = 256;
const MAX_WARNINGS = 20;

/** A warning as one printable line of at most 256 characters. */
export function oneLine(text: string): string {
  const w = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return w.length > MAX_WARNING ? `${w.slice(0, MAX_WARNING - 1)}…` : w;
}

export function warningsOf(warned: readonly JudgedFinding[]): string[] {
  // One printable line each: the API server refuses warnings with control characters.
  const out = warned.slice(0, MAX_WARNINGS).map((f) => oneLine(`kubeward [${f.checkId}] ${f.severity} at ${f.field}: ${f.message}`));
  if (warned.length > MAX_WARNINGS) out.push(`kubeward: and ${warned.length - MAX_WARNINGS} more warnings`);
  return out;
}
