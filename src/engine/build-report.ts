import type { AnalysisSections } from '../model/analysis-sections.js';
import type { FrameworkCompliance } from '../checks/compliance.js';
import type { Check } from '../checks/define.js';
import { evaluationsFor } from '../checks/shared/pss-check.js';
import type { PssSetting } from '../frameworks/pss-policy.js';
import type { PodSpecRef } from '../model/pod-specs.js';
import { SEVERITIES, type Finding } from '../model/finding.js';
import type { Inventory } from '../model/inventory.js';
import { locate } from '../model/object.js';
import { emptySeverityCounts, REPORT_SCHEMA_VERSION, type CheckSummary, type Report, type ReportCheck, type ReportObject, type SuppressedFinding } from '../report/report.js';

export interface ReportInput {
  version: string;
  scannedAt: Date;
  files: number;
  inventory: Inventory;
  checks: readonly Check[];
  findings: Finding[];
  /** Findings folded under another one on the same volume or container (report.implied). */
  implied?: Finding[];
  suppressed: SuppressedFinding[];
  warnings: string[];
  compliance?: FrameworkCompliance[];
  /** The compact RBAC and network sections (request.analyses). */
  sections?: AnalysisSections;
  /** Checks that are not src/checks entries but ran (scan --images: the workload image rules). */
  extraChecks?: ReportCheck[];
  /** Files skipped as not Kubernetes (summary.skipped). */
  skipped?: number;
  /** Findings left out by `--severity` (summary.hidden). */
  hidden?: number;
  /** Hygiene findings left out by `--profile security` (summary.hiddenByProfile). */
  hiddenByProfile?: number;
  /** hiddenByProfile by class (summary.hiddenByClass). */
  hiddenByClass?: { hygiene: number; hardening: number };
  /** Findings on Helm test hooks, reported apart (report.helmTests). */
  helmTests?: Finding[];
  /** The `--pss` setting the checks ran with (decides which objects Pod Security checks judged). */
  pss?: PssSetting;
}

/** Per object id: the Pod Security checks that judged none of its pod specs. */
function pssNotJudged(inventory: Inventory, checks: readonly Check[], pss: PssSetting | undefined): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const pssChecks = checks.filter((c) => c.frameworks.pss && (c.subject === 'container' || c.subject === 'pod'));
  if (pssChecks.length === 0) return out;
  const byObject = new Map<number, PodSpecRef[]>();
  for (const pod of inventory.podSpecs()) {
    const list = byObject.get(pod.object.id);
    if (list) list.push(pod);
    else byObject.set(pod.object.id, [pod]);
  }
  for (const [id, pods] of byObject) {
    const skipped = pssChecks
      .filter((c) => pods.every((pod) => evaluationsFor({ pod, inventory, ...(pss ? { pss } : {}) }, c.frameworks.pss!.control).length === 0))
      .map((c) => c.id);
    if (skipped.length) out.set(id, skipped);
  }
  return out;
}

export function reportCheck(c: Check): ReportCheck {
  const r: ReportCheck = {
    id: c.id,
    title: c.title,
    severity: c.severity,
    category: c.category,
    description: c.description,
    remediation: c.remediation,
    frameworks: c.frameworks,
    // Image rules judge each workload that uses the image.
    subject: c.subject === 'image' || c.subject === 'image-use' ? 'pod' : c.subject === 'component' ? 'inventory' : c.subject,
  };
  if (c.subject === 'object' && c.kinds) r.kinds = c.kinds;
  return r;
}

/** Stable order: file, line, column, check id, then path. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : 0) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    (a.checkId < b.checkId ? -1 : a.checkId > b.checkId ? 1 : 0) ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
  );
}

/** Assemble the versioned Report value every format renders. Pure. */
export function buildReport(input: ReportInput): Report {
  // Prioritised findings (scan --prioritize) first, highest path score first; then the stable order.
  const findings = [...input.findings].sort((a, b) => (b.priority?.score ?? -1) - (a.priority?.score ?? -1) || compareFindings(a, b));
  const counts = emptySeverityCounts();
  for (const f of findings) counts[f.severity]++;
  const withPods = new Set(input.inventory.podSpecs().map((p) => p.object.id));
  const notJudged = pssNotJudged(input.inventory, input.checks, input.pss);
  const objects: ReportObject[] = input.inventory.objects.map((o) => {
    const r: ReportObject = {
      apiVersion: o.apiVersion,
      kind: o.kind,
      name: o.name,
      file: o.source.file,
      line: locate(o, '').line,
      podSpec: withPods.has(o.id),
    };
    if (o.namespace !== undefined) r.namespace = o.namespace;
    const skipped = notJudged.get(o.id);
    if (skipped) r.pssNotJudged = skipped;
    return r;
  });
  // Keep SEVERITIES order in the summary object.
  const ordered = Object.fromEntries(SEVERITIES.map((s) => [s, counts[s]])) as Report['summary']['findings'];
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'kubeward', version: input.version },
    scannedAt: input.scannedAt.toISOString(),
    summary: { files: input.files, objects: objects.length, findings: ordered, suppressed: input.suppressed.length, skipped: input.skipped ?? 0, hidden: input.hidden ?? 0, hiddenByProfile: input.hiddenByProfile ?? 0, hiddenByClass: input.hiddenByClass ?? { hygiene: input.hiddenByProfile ?? 0, hardening: 0 }, helmTests: input.helmTests?.length ?? 0, byCheck: summarizeByCheck(findings) },
    findings,
    ...(input.implied?.length ? { implied: [...input.implied].sort(compareFindings) } : {}),
    ...(input.helmTests?.length ? { helmTests: [...input.helmTests].sort(compareFindings) } : {}),
    suppressed: input.suppressed,
    checks: [...input.checks.map(reportCheck), ...(input.extraChecks ?? [])],
    objects,
    warnings: input.warnings,
    ...(input.compliance ? { compliance: input.compliance } : {}),
    ...(input.sections?.rbac ? { rbac: input.sections.rbac } : {}),
    ...(input.sections?.netpol ? { netpol: input.sections.netpol } : {}),
    ...(input.sections?.images ? { images: input.sections.images } : {}),
  };
}

/** Per check with findings: the highest severity, the number of findings and of objects; most severe, then most findings, first. */
export function summarizeByCheck(findings: readonly Finding[]): CheckSummary[] {
  const rank = (s: Finding['severity']) => SEVERITIES.indexOf(s);
  const by = new Map<string, { severity: Finding['severity']; findings: number; objects: Set<string> }>();
  for (const f of findings) {
    const e = by.get(f.checkId) ?? { severity: f.severity, findings: 0, objects: new Set<string>() };
    if (rank(f.severity) < rank(e.severity)) e.severity = f.severity;
    e.findings++;
    e.objects.add(f.object ? `${f.object.kind}\u0000${f.object.namespace ?? ''}\u0000${f.object.name}` : `\u0001${f.location.file}`);
    by.set(f.checkId, e);
  }
  return [...by]
    .map(([check, e]) => ({ check, severity: e.severity, findings: e.findings, objects: e.objects.size }))
    .sort((a, b) => rank(a.severity) - rank(b.severity) || b.findings - a.findings || (a.check < b.check ? -1 : a.check > b.check ? 1 : 0));
}
