import type { Finding } from '../model/finding.js';
import type { SuppressedFinding } from '../model/suppressed.js';

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Read the fingerprints of a previous kubeward JSON report (schemaVersion 1.x). The baseline is
 * what the report listed as findings plus what it had itself set aside as baseline; findings it
 * had set aside by an exception are not part of it, so they come back when the exception goes.
 */
export function parseBaseline(text: string): { fingerprints: Set<string> } | { error: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { error: `baseline is not JSON (${e instanceof Error ? e.message : String(e)}); expected a report written by kubeward --format json` };
  }
  if (!isMap(doc) || !isMap(doc.tool) || doc.tool.name !== 'kubeward') {
    return { error: 'baseline is not a kubeward JSON report (tool.name is not "kubeward"); write one with kubeward scan --format json' };
  }
  const version = typeof doc.schemaVersion === 'string' ? doc.schemaVersion : undefined;
  if (version === undefined || version.split('.')[0] !== '1') {
    return { error: `baseline report has schemaVersion ${JSON.stringify(doc.schemaVersion)}; this kubeward reads 1.x: write it again with this version` };
  }
  if (!Array.isArray(doc.findings)) return { error: 'baseline report has no "findings" list' };
  const fingerprints = new Set<string>();
  for (let i = 0; i < doc.findings.length; i++) {
    const f: unknown = doc.findings[i];
    if (!isMap(f) || typeof f.fingerprint !== 'string' || f.fingerprint === '') {
      return { error: `baseline report: findings[${i}] has no fingerprint` };
    }
    fingerprints.add(f.fingerprint);
  }
  // Findings folded under another one (1.2) were in the report too.
  for (const f of (Array.isArray(doc.implied) ? doc.implied : []) as unknown[]) {
    if (isMap(f) && typeof f.fingerprint === 'string' && f.fingerprint !== '') fingerprints.add(f.fingerprint);
  }
  if (doc.suppressed !== undefined && !Array.isArray(doc.suppressed)) return { error: 'baseline report: "suppressed" is not a list' };
  for (const s of (doc.suppressed ?? []) as unknown[]) {
    if (isMap(s) && s.by === 'baseline' && isMap(s.finding) && typeof s.finding.fingerprint === 'string') fingerprints.add(s.finding.fingerprint);
  }
  return { fingerprints };
}

/** Set aside findings already in the baseline, matched by fingerprint (so moved lines still match). */
export function applyBaseline(findings: readonly Finding[], fingerprints: ReadonlySet<string>): { kept: Finding[]; suppressed: SuppressedFinding[] } {
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    if (fingerprints.has(f.fingerprint)) suppressed.push({ finding: f, by: 'baseline', reason: 'present in the baseline report' });
    else kept.push(f);
  }
  return { kept, suppressed };
}
