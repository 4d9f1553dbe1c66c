import type { Finding, ObjectRef, Severity } from '../model/finding.js';
import { effectiveNamespace } from '../model/kinds.js';
import { evaluations } from './applicable.js';
import { objectKey } from './object-key.js';
import type { Renderer, Report, ReportCheck } from './report.js';
import { yamlDocument } from './yaml-block.js';

/*
 * wgpolicyk8s.io/v1alpha2 PolicyReport / ClusterPolicyReport (kubernetes-sigs/wg-policy-prototypes,
 * policy-report/pkg/api/wgpolicyk8s.io/v1alpha2/policyreport_types.go). Like Kyverno, every
 * evaluation gets a result: `pass` for a (check × object) evaluation without a finding, `fail` per
 * finding, `error` for a check that crashed (`internal-error`), `skip` per suppressed finding (as
 * Kyverno reports resources a PolicyException exempts).
 */

export const POLICY_REPORT_API_VERSION = 'wgpolicyk8s.io/v1alpha2';
const SOURCE = 'kubeward';
const INTERNAL_ERROR = 'internal-error';

type Outcome = 'pass' | 'fail' | 'warn' | 'error' | 'skip';

interface ResultResource {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

interface PolicyReportResult {
  policy: string;
  rule: string;
  result: Outcome;
  severity: Severity;
  category: string;
  message: string;
  source: string;
  scored: boolean;
  resources?: ResultResource[];
  timestamp: { seconds: number; nanos: number };
  /** map[string]string in the CRD: every value is a string. */
  properties: Record<string, string>;
}

interface Bucket {
  namespace?: string;
  results: PolicyReportResult[];
  summary: Record<Outcome, number>;
}

/** A DNS-1123 subdomain built from `kubeward-<namespace>`. */
function reportName(namespace: string | undefined): string {
  const base = namespace === undefined ? 'kubeward-cluster' : `kubeward-${namespace}`;
  const clean = base.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return clean.slice(0, 253).replace(/[^a-z0-9]+$/, '') || 'kubeward';
}

function resource(o: ObjectRef, namespace: string | undefined): ResultResource {
  const r: ResultResource = { apiVersion: o.apiVersion, kind: o.kind, name: o.name };
  if (namespace !== undefined) r.namespace = namespace;
  return r;
}

/** Renders the report's evaluations as PolicyReports, one per namespace plus one ClusterPolicyReport. */
export const renderPolicyReport: Renderer = (report: Report) => {
  const ms = Date.parse(report.scannedAt);
  const timestamp = { seconds: Number.isFinite(ms) ? Math.floor(ms / 1000) : 0, nanos: 0 };
  const buckets = new Map<string, Bucket>();
  const add = (object: ObjectRef | undefined, r: Omit<PolicyReportResult, 'source' | 'scored' | 'timestamp' | 'resources'>) => {
    const namespace = object ? effectiveNamespace(object) : undefined;
    const key = namespace ?? '\u0000cluster';
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = { namespace, results: [], summary: { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 } }));
    const result: PolicyReportResult = {
      policy: r.policy,
      rule: r.rule,
      result: r.result,
      severity: r.severity,
      category: r.category,
      message: r.message,
      source: SOURCE,
      scored: true,
    } as PolicyReportResult;
    if (object) result.resources = [resource(object, namespace)];
    result.timestamp = { ...timestamp };
    result.properties = r.properties;
    b.results.push(result);
    b.summary[r.result]++;
  };
  const failure = (f: Finding, result: Outcome, extra: Record<string, string> = {}) =>
    add(f.object, {
      policy: f.checkId,
      rule: f.checkId,
      result,
      severity: f.severity,
      category: f.category,
      message: f.message,
      properties: { path: f.path, file: f.location.file, line: String(f.location.line), fingerprint: f.fingerprint, ...extra },
    });

  const suppressedKeys = new Set(report.suppressed.filter((s) => s.finding.object).map((s) => `${s.finding.checkId}\u0000${objectKey(s.finding.object!)}`));
  const pass = (check: ReportCheck, object: ObjectRef, file: string, line: number) =>
    add(object, {
      policy: check.id,
      rule: check.id,
      result: 'pass',
      severity: check.severity,
      category: check.category,
      message: `${check.id} passed`,
      properties: { path: '', file, line: String(line) },
    });

  for (const { check, evaluations: list } of evaluations(report)) {
    for (const e of list) {
      if (e.findings.length > 0) for (const f of e.findings) failure(f, f.checkId === INTERNAL_ERROR ? 'error' : 'fail');
      else if (e.object && !suppressedKeys.has(`${check.id}\u0000${objectKey(e.object)}`)) pass(check, e.object, e.file, e.line);
    }
  }
  for (const s of report.suppressed) {
    failure(s.finding, 'skip', { suppressedBy: s.by, reason: s.reason, ...(s.owner ? { owner: s.owner } : {}), ...(s.expires ? { expires: s.expires } : {}) });
  }

  const ordered = [...buckets.values()].sort((a, b) =>
    a.namespace === b.namespace ? 0 : a.namespace === undefined ? 1 : b.namespace === undefined ? -1 : a.namespace < b.namespace ? -1 : 1,
  );
  if (ordered.length === 0) ordered.push({ results: [], summary: { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 } });
  const docs = ordered.map((b) => {
    const metadata: Record<string, unknown> = { name: reportName(b.namespace) };
    if (b.namespace !== undefined) metadata.namespace = b.namespace;
    metadata.labels = { 'app.kubernetes.io/managed-by': SOURCE };
    return yamlDocument({
      apiVersion: POLICY_REPORT_API_VERSION,
      kind: b.namespace === undefined ? 'ClusterPolicyReport' : 'PolicyReport',
      metadata,
      summary: b.summary,
      results: b.results,
    });
  });
  return docs.map((d) => `---\n${d}`).join('');
};
