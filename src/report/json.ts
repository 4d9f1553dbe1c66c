import { SEVERITIES, type Evidence, type Finding, type FrameworkRefs } from '../model/finding.js';
import type { FrameworkCompliance } from '../frameworks/compliance.js';
import { jsonPieces, placeholder } from './json-pieces.js';
import type { Renderer, Report, SuppressedFinding } from './report.js';

/*
 * The JSON findings contract (docs/findings-json.md, docs/findings.schema.json). Objects are built
 * field by field so the key order is stable and nothing outside the contract leaks in (a Finding
 * built elsewhere may carry extra properties; they are not part of the output).
 */

function frameworks(f: FrameworkRefs): FrameworkRefs {
  const out: FrameworkRefs = {};
  if (f.cis) out.cis = [...f.cis];
  if (f.nsa) out.nsa = [...f.nsa];
  if (f.pss) out.pss = { level: f.pss.level, control: f.pss.control };
  if (f.mitre) out.mitre = [...f.mitre];
  if (f.owasp) out.owasp = [...f.owasp];
  return out;
}

function evidence(e: Evidence): Evidence {
  const out: Evidence = {};
  if (e.found !== undefined) out.found = e.found;
  if (e.expected !== undefined) out.expected = e.expected;
  return out;
}

/** One finding in the contract's shape and key order. */
export function jsonFinding(f: Finding): Record<string, unknown> {
  const out: Record<string, unknown> = {
    checkId: f.checkId,
    severity: f.severity,
    title: f.title,
    message: f.message,
    category: f.category,
  };
  if (f.object) {
    const o: Record<string, unknown> = { apiVersion: f.object.apiVersion, kind: f.object.kind };
    if (f.object.namespace !== undefined) o.namespace = f.object.namespace;
    o.name = f.object.name;
    out.object = o;
  }
  const loc: Record<string, unknown> = { file: f.location.file, line: f.location.line, column: f.location.column };
  if (f.location.document !== undefined) loc.document = f.location.document;
  if (f.location.rendered !== undefined) loc.rendered = f.location.rendered;
  out.location = loc;
  out.path = f.path;
  if (f.evidence) out.evidence = evidence(f.evidence);
  out.remediation = f.remediation;
  out.frameworks = frameworks(f.frameworks);
  out.fingerprint = f.fingerprint;
  if (f.pss) out.pss = { policies: [...f.pss.policies] };
  if (f.priority) out.priority = { rank: f.priority.rank, score: f.priority.score, path: f.priority.path, reason: f.priority.reason };
  if (f.implies?.length) out.implies = [...f.implies];
  if (f.impliedBy !== undefined) out.impliedBy = f.impliedBy;
  if (f.profile !== undefined) out.profile = f.profile;
  return out;
}

function jsonSuppressed(s: SuppressedFinding): Record<string, unknown> {
  const out: Record<string, unknown> = { finding: jsonFinding(s.finding), by: s.by, reason: s.reason };
  if (s.owner !== undefined) out.owner = s.owner;
  if (s.expires !== undefined) out.expires = s.expires;
  return out;
}

/** A framework's compliance section in the contract's key order. */
function jsonCompliance(c: FrameworkCompliance): Record<string, unknown> {
  return {
    framework: c.framework,
    title: c.title,
    version: c.version,
    score: c.score,
    passed: c.passed,
    failed: c.failed,
    notEvaluated: c.notEvaluated,
    controls: c.controls.map((x) => ({
      id: x.id,
      title: x.title,
      needs: x.needs,
      checks: [...x.checks],
      status: x.status,
      ...(x.reason !== undefined ? { reason: x.reason } : {}),
      resources: x.resources,
      passedResources: x.passedResources,
    })),
  };
}

/** The JSON document as a value (before serialisation). */
export function jsonDocument(report: Report): Record<string, unknown> {
  return {
    schemaVersion: report.schemaVersion,
    tool: { name: report.tool.name, version: report.tool.version },
    scannedAt: report.scannedAt,
    summary: {
      files: report.summary.files,
      objects: report.summary.objects,
      findings: Object.fromEntries(SEVERITIES.map((s) => [s, report.summary.findings[s] ?? 0])),
      suppressed: report.summary.suppressed,
      skipped: report.summary.skipped ?? 0,
      hidden: report.summary.hidden ?? 0,
      hiddenByProfile: report.summary.hiddenByProfile ?? 0,
      hiddenByClass: report.summary.hiddenByClass ?? { hygiene: report.summary.hiddenByProfile ?? 0, hardening: 0 },
      helmTests: report.summary.helmTests ?? 0,
      byCheck: (report.summary.byCheck ?? []).map((c) => ({ check: c.check, severity: c.severity, findings: c.findings, objects: c.objects })),
    },
    findings: report.findings.map(jsonFinding),
    suppressed: report.suppressed.map(jsonSuppressed),
    warnings: [...report.warnings],
    ...(report.implied?.length ? { implied: report.implied.map(jsonFinding) } : {}),
    ...(report.helmTests?.length ? { helmTests: report.helmTests.map(jsonFinding) } : {}),
    ...(report.compliance ? { compliance: report.compliance.map(jsonCompliance) } : {}),
    ...(report.rbac ? { rbac: report.rbac } : {}),
    ...(report.netpol ? { netpol: report.netpol } : {}),
    ...(report.images ? { images: report.images } : {}),
  };
}

/** The versioned JSON findings document, 2-space indented. */
/**
 * The JSON document in pieces, so a report with hundreds of thousands of findings is written
 * without building one huge string; the concatenation is exactly `renderJson`'s output.
 */
export function* jsonChunks(report: Report): Generator<string> {
  const doc = { ...jsonDocument({ ...report, findings: [], suppressed: [] }), findings: placeholder(0), suppressed: placeholder(1) };
  yield* jsonPieces(doc, [
    { items: report.findings, toJson: jsonFinding },
    { items: report.suppressed, toJson: jsonSuppressed },
  ]);
  yield '\n';
}

/** The fields of a JSON finding that every finding of its check shares (sent once per check in an NDJSON upload). */
const CHECK_FIELDS = ['title', 'category', 'remediation', 'frameworks'] as const;

/**
 * The same document as NDJSON, for streaming uploads (`Content-Type: application/x-ndjson`, POST /api/v1/scans):
 * line 1 is the document without `findings`, plus `findingDefaults` (per check id: the title, category, remediation
 * and frameworks its findings share); then one line per finding (compact JSON: a finding never spans lines) without
 * those fields where they equal its check's. Lossless: a line plus its check's defaults is the finding of `-o json`.
 */
export function* ndjsonChunks(report: Report, batch = 500): Generator<string> {
  const { findings: _, ...head } = jsonDocument({ ...report, findings: [] });
  const defaults: Record<string, Record<string, unknown>> = {};
  const shared = new Map<string, string>();
  for (const f of report.findings) {
    if (defaults[f.checkId]) continue;
    const j = jsonFinding(f);
    defaults[f.checkId] = Object.fromEntries(CHECK_FIELDS.map((k) => [k, j[k]]));
    shared.set(f.checkId, JSON.stringify(j.frameworks));
  }
  yield JSON.stringify({ ...head, findingDefaults: defaults }) + '\n';
  for (let i = 0; i < report.findings.length; i += batch) {
    let text = '';
    for (const f of report.findings.slice(i, i + batch)) {
      const j = jsonFinding(f);
      const d = defaults[f.checkId]!;
      if (j.title === d.title) delete j.title;
      if (j.category === d.category) delete j.category;
      if (j.remediation === d.remediation) delete j.remediation;
      if (JSON.stringify(j.frameworks) === shared.get(f.checkId)) delete j.frameworks;
      text += JSON.stringify(j) + '\n';
    }
    yield text;
  }
}

export const renderJson: Renderer = (report) => [...jsonChunks(report)].join('');
