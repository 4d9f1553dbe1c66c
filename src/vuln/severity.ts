/**
 * Severity from what an advisory states: a CVSS v4.0 vector (base score by ae-cvss-calculator, which implements
 * FIRST's macro-vector tables), a CVSS v3.x vector (base score computed per the CVSS v3.1 specification,
 * section 7), a CVSS v2 vector (v2 guide, section 3.2.1), or a database's own rating.
 */
import cvssCalculator from 'ae-cvss-calculator';
import type { VulnSeverity } from './types.js';

const V3: Record<string, Record<string, number>> = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  C: { H: 0.56, L: 0.22, N: 0 },
  I: { H: 0.56, L: 0.22, N: 0 },
  A: { H: 0.56, L: 0.22, N: 0 },
};

function roundUp(x: number): number {
  const i = Math.round(x * 100000);
  return i % 10000 === 0 ? i / 100000 : (Math.floor(i / 10000) + 1) / 10;
}

function metrics(vector: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of vector.split('/')) {
    const [k, v] = part.split(':');
    if (k && v) m.set(k, v);
  }
  return m;
}

/** CVSS v3.0/v3.1 base score, or undefined when the vector lacks a base metric. */
export function cvss3Score(vector: string): number | undefined {
  const m = metrics(vector);
  const s = m.get('S');
  const pr = m.get('PR');
  const get = (k: string) => V3[k]![m.get(k) ?? ''];
  const [av, ac, ui, c, i, a] = ['AV', 'AC', 'UI', 'C', 'I', 'A'].map(get);
  if (s !== 'U' && s !== 'C') return undefined;
  const prv = pr === 'N' ? 0.85 : pr === 'L' ? (s === 'C' ? 0.68 : 0.62) : pr === 'H' ? (s === 'C' ? 0.5 : 0.27) : undefined;
  if ([av, ac, ui, c, i, a, prv].some((x) => x === undefined)) return undefined;
  const iss = 1 - (1 - c!) * (1 - i!) * (1 - a!);
  const impact = s === 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15);
  const expl = 8.22 * av! * ac! * prv! * ui!;
  if (impact <= 0) return 0;
  return s === 'U' ? roundUp(Math.min(impact + expl, 10)) : roundUp(Math.min(1.08 * (impact + expl), 10));
}

/**
 * CVSS v4.0 base score (CVSS-B: base metrics only, as for v3 where temporal metrics are left out), or undefined
 * when the vector is not a v4.0 vector with every base metric.
 */
export function cvss4Score(vector: string): number | undefined {
  if (!/^CVSS:4\.0\//.test(vector)) return undefined;
  try {
    const v = new cvssCalculator.Cvss4P0(vector);
    if (!v.isBaseFullyDefined()) return undefined;
    const base = v.calculateScores().baseMetricsOnly;
    return typeof base === 'number' && Number.isFinite(base) ? base : undefined;
  } catch {
    return undefined;
  }
}

/** CVSS v2 base score. */
export function cvss2Score(vector: string): number | undefined {
  const m = metrics(vector.replace(/^\(|\)$/g, ''));
  const av = { L: 0.395, A: 0.646, N: 1.0 }[m.get('AV') ?? ''];
  const ac = { H: 0.35, M: 0.61, L: 0.71 }[m.get('AC') ?? ''];
  const au = { M: 0.45, S: 0.56, N: 0.704 }[m.get('Au') ?? ''];
  const cia = (k: string) => ({ N: 0, P: 0.275, C: 0.66 })[m.get(k) ?? ''];
  const [c, i, a] = [cia('C'), cia('I'), cia('A')];
  if ([av, ac, au, c, i, a].some((x) => x === undefined)) return undefined;
  const impact = 10.41 * (1 - (1 - c!) * (1 - i!) * (1 - a!));
  const expl = 20 * av! * ac! * au!;
  const f = impact === 0 ? 0 : 1.176;
  return Math.round((0.6 * impact + 0.4 * expl - 1.5) * f * 10) / 10;
}

export function severityFromScore(score: number): VulnSeverity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'unknown';
}

/** A database's own word: GHSA LOW/MODERATE/HIGH/CRITICAL, Debian urgencies, Ubuntu priorities. */
export function severityFromText(text: unknown): VulnSeverity {
  if (typeof text !== 'string') return 'unknown';
  // Debian's tracker marks guessed urgencies with stars (`low**`, `medium*`).
  const t = text.trim().toLowerCase().replace(/\*+$/, '');
  if (t === 'critical') return 'critical';
  if (t === 'high' || t === 'important') return 'high';
  if (t === 'moderate' || t === 'medium') return 'medium';
  if (t === 'low' || t === 'unimportant' || t === 'negligible') return 'low';
  return 'unknown';
}

export const SEVERITY_RANK: Record<VulnSeverity, number> = { unknown: 0, low: 1, medium: 2, high: 3, critical: 4 };

/** The score of one OSV `severity` entry: a CVSS v4.0, v3.x or (type CVSS_V2) v2 vector. */
export function cvssScore(type: unknown, vector: string): number | undefined {
  if (vector.startsWith('CVSS:4.')) return cvss4Score(vector);
  if (vector.startsWith('CVSS:3.')) return cvss3Score(vector);
  if (type === 'CVSS_V2') return cvss2Score(vector);
  return undefined;
}

/** The highest CVSS score (v4.0, v3.x or v2) among `{type, score}` entries (OSV `severity`), with its severity. */
export function severityFromCvss(entries: Array<{ type?: unknown; score?: unknown }>): { severity: VulnSeverity; score?: number } {
  let best: number | undefined;
  for (const e of entries) {
    if (typeof e.score !== 'string') continue;
    const s = cvssScore(e.type, e.score.trim());
    if (s !== undefined && (best === undefined || s > best)) best = s;
  }
  return best === undefined ? { severity: 'unknown' } : { severity: severityFromScore(best), score: best };
}
