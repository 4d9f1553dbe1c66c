import { postureScore, SEVERITIES } from '../engine/posture-score.js';
import { redact } from '../engine/redact.js';
import type { Severity } from '../model/finding.js';
import type { BySeverity, FindingRow, FrameworkView, PreparedScan } from './store/types.js';

/** A request the server refuses with 400 (the message is the answer's `error`). */
export class BadRequest extends Error {}

/** Analysis sections a report may carry besides findings; stored as given for the RBAC, network and object views. */
export const SECTION_KEYS = ['rbac', 'netpol', 'network', 'exposure', 'images', 'attackPaths'] as const;

type Json = Record<string, unknown>;
const isMap = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const CONTAINER = /\bcontainer "([^"]{1,253})"/;

/** `{cis:["5.2.1"], pss:{level:"baseline",control:"x"}}` → `["cis-5.2.1", "pss-baseline-x", "pss-restricted-x"]`. */
export function frameworkRefs(refs: unknown): string[] {
  if (!isMap(refs)) return [];
  const out: string[] = [];
  for (const [fw, ids] of Object.entries(refs)) {
    if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string' && id) out.push(`${fw}-${id}`.replace(/\|/g, ''));
  }
  const pss = refs.pss;
  if (isMap(pss) && typeof pss.control === 'string') {
    // Restricted includes every baseline control.
    if (pss.level === 'baseline') out.push(`pss-baseline-${pss.control}`);
    out.push(`pss-restricted-${pss.control}`);
  }
  return out;
}

/** redact() once per distinct text of an upload: titles and evidence repeat across a report's findings. */
function memoRedact(): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    let out = seen.get(text);
    if (out === undefined) {
      out = redact(text);
      if (seen.size < 100_000) seen.set(text, out);
    }
    return out;
  };
}

function findingRow(f: unknown, index: number, redactOnce: (text: string) => string): FindingRow {
  if (!isMap(f)) throw new BadRequest(`findings[${index}] is not an object`);
  const checkId = str(f.checkId);
  if (!checkId) throw new BadRequest(`findings[${index}].checkId is missing`);
  const severity = f.severity as Severity;
  if (!(SEVERITIES as readonly string[]).includes(severity)) throw new BadRequest(`findings[${index}].severity must be one of ${SEVERITIES.join(', ')}`);
  const object = isMap(f.object) ? f.object : {};
  const location = isMap(f.location) ? f.location : {};
  const message = redact(str(f.message));
  let evidence: string | null = null;
  if (isMap(f.evidence)) {
    const e: Json = {};
    const found = f.evidence.found;
    if (typeof found === 'string') e.found = redactOnce(found);
    else if (typeof found === 'number' || typeof found === 'boolean' || found === null) e.found = found;
    if (typeof f.evidence.expected === 'string') e.expected = redactOnce(f.evidence.expected);
    evidence = JSON.stringify(e);
  }
  return {
    checkId, severity, message,
    title: redactOnce(str(f.title)), category: str(f.category),
    kind: str(object.kind), namespace: str(object.namespace), name: str(object.name),
    container: CONTAINER.exec(message)?.[1] ?? '',
    file: str(location.file), line: typeof location.line === 'number' && Number.isInteger(location.line) ? location.line : 0,
    fix: str(f.remediation), frameworks: frameworkRefs(f.frameworks), evidence, fingerprint: str(f.fingerprint),
  };
}

function frameworkViews(compliance: unknown, findings: readonly FindingRow[]): FrameworkView[] {
  if (!Array.isArray(compliance)) return [];
  const perCheck = new Map<string, number>();
  for (const f of findings) perCheck.set(f.checkId, (perCheck.get(f.checkId) ?? 0) + 1);
  return compliance.filter(isMap).map((c) => ({
    id: str(c.framework),
    name: str(c.title) || str(c.framework),
    score: typeof c.score === 'number' ? Math.round(c.score * 1000) / 10 : null,
    controls: (Array.isArray(c.controls) ? c.controls : []).filter(isMap).map((k) => ({
      id: str(k.id), name: str(k.title),
      status: (['passed', 'failed', 'not-evaluated'].includes(str(k.status)) ? k.status : 'not-evaluated') as 'passed' | 'failed' | 'not-evaluated',
      findings: (Array.isArray(k.checks) ? k.checks : []).reduce((n: number, id) => n + (perCheck.get(String(id)) ?? 0), 0),
    })),
  }));
}

/**
 * Check an uploaded `kubeward scan -o json` report (schemaVersion 1.x) and turn it into what the store keeps:
 * findings with message and evidence redacted again (model/redact), the posture score, the framework views
 * with per-control finding counts, and the analysis sections it carried. Throws BadRequest naming the problem.
 */
export function prepareScan(id: string, cluster: string, body: unknown): PreparedScan {
  if (!isMap(body)) throw new BadRequest('the body must be the JSON report of kubeward scan -o json');
  if (typeof body.schemaVersion !== 'string' || !/^1\.\d+$/.test(body.schemaVersion)) {
    throw new BadRequest(`schemaVersion must be 1.x (the JSON report of kubeward scan -o json), got ${JSON.stringify(body.schemaVersion ?? null)}`);
  }
  if (!Array.isArray(body.findings)) throw new BadRequest('findings must be a list');
  const redactOnce = memoRedact();
  const findings = body.findings.map((f, i) => findingRow(f, i, redactOnce));
  const counts: BySeverity = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const summary = isMap(body.summary) ? body.summary : {};
  const objects = typeof summary.objects === 'number' ? summary.objects : new Set(findings.map((f) => `${f.kind}/${f.namespace}/${f.name}`)).size;
  const compliance = Array.isArray(body.compliance) ? body.compliance.filter(isMap).map((c) => ({ score: typeof c.score === 'number' ? c.score : null })) : undefined;
  const sections: Json = {};
  for (const k of SECTION_KEYS) if (body[k] !== undefined && body[k] !== null) sections[k] = body[k];
  return {
    id, cluster,
    scannedAt: typeof body.scannedAt === 'string' && !Number.isNaN(Date.parse(body.scannedAt)) ? new Date(body.scannedAt).toISOString() : null,
    score: postureScore({ summary: { objects, findings: counts }, ...(compliance ? { compliance } : {}) }),
    bySeverity: counts,
    frameworks: frameworkViews(body.compliance, findings),
    sections, findings,
  };
}
