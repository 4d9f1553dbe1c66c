import { postureScore, SEVERITIES } from '../engine/posture-score.js';
import { redact } from '../engine/redact.js';
import type { Severity } from '../model/finding.js';
import type { BySeverity, FindingRow, FrameworkView, PreparedScan, ScanMeta } from './store/types.js';

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
  for (const fw in refs) {
    const ids = refs[fw];
    if (!Array.isArray(ids)) continue;
    for (const id of ids) {
      if (typeof id !== 'string' || !id) continue;
      const ref = `${fw}-${id}`;
      out.push(ref.includes('|') ? ref.replace(/\|/g, '') : ref);
    }
  }
  const pss = refs.pss;
  if (isMap(pss) && typeof pss.control === 'string') {
    // Restricted includes every baseline control.
    if (pss.level === 'baseline') out.push(`pss-baseline-${pss.control}`);
    out.push(`pss-restricted-${pss.control}`);
  }
  return out;
}

/**
 * `fn` once per distinct text of an upload: redact() and the container a message names, as titles, messages and
 * evidence repeat across a report's findings. The memory holds the last few thousand distinct texts (emptied when
 * full), so an upload of unique messages does not keep them all alive.
 */
function perText<T>(fn: (text: string) => T): (text: string) => T {
  let seen = new Map<string, T>();
  return (text) => {
    let out = seen.get(text);
    if (out === undefined) {
      out = fn(text);
      if (seen.size >= MEMO_TEXTS) seen = new Map();
      seen.set(text, out);
    }
    return out;
  };
}

const MEMO_TEXTS = 4096;

interface PerText {
  redact: (text: string) => string;
  container: (message: string) => string;
}

/**
 * What every finding of one check shares, sent once in an NDJSON upload's header (`findingDefaults`) instead of on
 * each line; a line that has its own value keeps it. `refs` is the flattened `frameworks`, computed once.
 */
interface CheckDefaults {
  title: unknown;
  category: unknown;
  remediation: unknown;
  frameworks: unknown;
  refs: string[];
}

function checkDefaults(value: unknown): Map<string, CheckDefaults> {
  const out = new Map<string, CheckDefaults>();
  if (value === undefined) return out;
  if (!isMap(value)) throw new BadRequest('findingDefaults must be an object of check id → {title, category, remediation, frameworks}');
  for (const id in value) {
    const d = value[id];
    if (!isMap(d)) throw new BadRequest(`findingDefaults.${id.slice(0, 100)} must be an object`);
    out.set(id, { title: d.title, category: d.category, remediation: d.remediation, frameworks: d.frameworks, refs: frameworkRefs(d.frameworks) });
  }
  return out;
}

function findingRow(f: unknown, index: number, once: PerText, defaults: ReadonlyMap<string, CheckDefaults>): FindingRow {
  const redactOnce = once.redact;
  if (!isMap(f)) throw new BadRequest(`findings[${index}] is not an object`);
  const checkId = str(f.checkId);
  if (!checkId) throw new BadRequest(`findings[${index}].checkId is missing`);
  const d = defaults.get(checkId);
  const severity = f.severity as Severity;
  if (!(SEVERITIES as readonly string[]).includes(severity)) throw new BadRequest(`findings[${index}].severity must be one of ${SEVERITIES.join(', ')}`);
  const object = isMap(f.object) ? f.object : {};
  const location = isMap(f.location) ? f.location : {};
  const message = redactOnce(str(f.message));
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
    title: redactOnce(str(f.title ?? d?.title)), category: str(f.category ?? d?.category),
    kind: str(object.kind), namespace: str(object.namespace), name: str(object.name),
    container: once.container(message),
    file: str(location.file), line: typeof location.line === 'number' && Number.isInteger(location.line) ? location.line : 0,
    fix: str(f.remediation ?? d?.remediation), frameworks: f.frameworks === undefined && d ? d.refs : frameworkRefs(f.frameworks),
    evidence, fingerprint: str(f.fingerprint),
  };
}

function frameworkViews(compliance: unknown, perCheck: ReadonlyMap<string, number>): FrameworkView[] {
  if (!Array.isArray(compliance)) return [];
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
 * One upload of a `kubeward scan -o json` report (schemaVersion 1.x), read in order: `header` (the report without
 * its findings), `add` for each finding (validated, message and evidence redacted again with model/redact, framework
 * refs flattened), then `meta` (the posture score, per-severity counts, framework views with per-control finding
 * counts, the analysis sections). Used whole by prepareScan and line by line by the NDJSON upload (ingest-stream.ts).
 * Every problem is a BadRequest naming it.
 */
export class ScanBuilder {
  private readonly counts: BySeverity = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  private readonly perCheck = new Map<string, number>();
  private readonly objectKeys = new Set<string>();
  private readonly fixes = new Map<string, string>();
  private readonly once: PerText = { redact: perText(redact), container: perText((m) => CONTAINER.exec(m)?.[1] ?? '') };
  private body: Json | undefined;
  /** `summary.objects` of the report, when it has one (else objects are counted from the findings). */
  private objects: number | undefined;
  private defaults = new Map<string, CheckDefaults>();
  private added = 0;

  constructor(readonly id: string, readonly cluster: string) {}

  header(body: unknown): void {
    if (!isMap(body)) throw new BadRequest('the body must be the JSON report of kubeward scan -o json');
    if (typeof body.schemaVersion !== 'string' || !/^1\.\d+$/.test(body.schemaVersion)) {
      throw new BadRequest(`schemaVersion must be 1.x (the JSON report of kubeward scan -o json), got ${JSON.stringify(body.schemaVersion ?? null)}`);
    }
    this.body = body;
    this.objects = isMap(body.summary) && typeof body.summary.objects === 'number' ? body.summary.objects : undefined;
    this.defaults = checkDefaults(body.findingDefaults);
  }

  /** The next finding (its position in the report's findings is `index`). */
  add(f: unknown, index = this.added): FindingRow {
    const row = findingRow(f, index, this.once, this.defaults);
    // A check's fix is the same text on every finding of a scan: kept once (ScanMeta.fixes), not per row.
    const fix = this.fixes.get(row.checkId);
    if (fix === undefined) this.fixes.set(row.checkId, row.fix);
    if (fix === undefined || fix === row.fix) row.fix = '';
    this.added++;
    this.counts[row.severity]++;
    this.perCheck.set(row.checkId, (this.perCheck.get(row.checkId) ?? 0) + 1);
    if (this.objects === undefined && this.objectKeys.size < 10_000_000) this.objectKeys.add(`${row.kind}/${row.namespace}/${row.name}`);
    return row;
  }

  get findings(): number {
    return this.added;
  }

  meta(): ScanMeta {
    const body = this.body;
    if (!body) throw new BadRequest('the body is empty: expected the JSON report of kubeward scan -o json');
    const objects = this.objects ?? this.objectKeys.size;
    const compliance = Array.isArray(body.compliance) ? body.compliance.filter(isMap).map((c) => ({ score: typeof c.score === 'number' ? c.score : null })) : undefined;
    const sections: Json = {};
    for (const k of SECTION_KEYS) if (body[k] !== undefined && body[k] !== null) sections[k] = body[k];
    return {
      id: this.id, cluster: this.cluster,
      scannedAt: typeof body.scannedAt === 'string' && !Number.isNaN(Date.parse(body.scannedAt)) ? new Date(body.scannedAt).toISOString() : null,
      score: postureScore({ summary: { objects, findings: { ...this.counts } }, ...(compliance ? { compliance } : {}) }),
      bySeverity: { ...this.counts },
      frameworks: frameworkViews(body.compliance, this.perCheck),
      sections,
      fixes: Object.fromEntries(this.fixes),
    };
  }
}

/** Check a whole uploaded report (`Content-Type: application/json`) and turn it into what the store keeps (see ScanBuilder). */
export function prepareScan(id: string, cluster: string, body: unknown): PreparedScan {
  const builder = new ScanBuilder(id, cluster);
  builder.header(body);
  const findings = (body as Json).findings;
  if (!Array.isArray(findings)) throw new BadRequest('findings must be a list');
  const rows = findings.map((f, i) => builder.add(f, i));
  return { ...builder.meta(), findings: rows };
}
