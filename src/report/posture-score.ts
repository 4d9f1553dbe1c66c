import { SEVERITIES, type Severity } from '../model/finding.js';

/** What the score reads from a scan report (`kubeward scan -o json`): its summary and compliance sections. */
export interface PostureInput {
  summary: { objects: number; findings: Partial<Record<Severity, number>> };
  compliance?: ReadonlyArray<{ score: number | null }>;
}

/** How much one finding of each severity weighs against one object scanned. */
export const SEVERITY_WEIGHTS: Readonly<Record<Severity, number>> = { critical: 10, high: 5, medium: 2, low: 1, info: 0 };

/**
 * The posture score of one scan, 0–100 (higher is better), rounded to one decimal: the server's (per uploaded scan,
 * src/server/ingest.ts) and the HTML report's.
 *
 * - With compliance sections (`--framework`): the mean of their scores (each the share of evaluated controls
 *   passed), × 100; sections that evaluated nothing (score null) are left out.
 * - Otherwise: `100 × N / (N + W)` where N is the number of objects scanned (at least 1) and W the
 *   severity-weighted count of findings (critical 10, high 5, medium 2, low 1, info 0). No findings: 100;
 *   one high finding per object: 16.7; a finding weighs less the more objects were scanned.
 */
export function postureScore(report: PostureInput): number {
  const scores = (report.compliance ?? []).map((c) => c.score).filter((s): s is number => typeof s === 'number' && Number.isFinite(s));
  if (scores.length) return round(100 * scores.reduce((a, b) => a + b, 0) / scores.length);
  const objects = Math.max(1, Math.floor(report.summary.objects) || 0);
  let weighted = 0;
  for (const s of SEVERITIES) weighted += SEVERITY_WEIGHTS[s] * Math.max(0, report.summary.findings[s] ?? 0);
  return round(100 * objects / (objects + weighted));
}

function round(n: number): number {
  return Math.round(Math.min(100, Math.max(0, n)) * 10) / 10;
}

export { SEVERITIES };
