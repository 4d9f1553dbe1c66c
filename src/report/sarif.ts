import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Finding, Severity } from '../model/finding.js';
import { displayName } from '../model/object.js';
import { artifactUri } from './artifact-uri.js';
import { frameworkRefs, frameworkTags } from './framework-text.js';
import { knownChecks } from './known-checks.js';
import { jsonPieces, placeholder } from './json-pieces.js';
import type { Renderer, Report, ReportCheck, SuppressedFinding } from './report.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** Key of the stable fingerprint in `partialFingerprints`; bump the suffix if its definition ever changes. */
export const FINGERPRINT_KEY = 'kubeward/v1';

/** Numeric severity as GitHub code scanning reads `security-severity` (>= 9 critical, >= 7 high, >= 4 medium). */
export const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

type Level = 'error' | 'warning' | 'note';
export function sarifLevel(s: Severity): Level {
  return s === 'critical' || s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'note';
}

/** "privileged-container" → "PrivilegedContainer" (SARIF rule names are identifier-like). */
const ruleName = (id: string) => id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('') || 'Rule';

function rule(c: ReportCheck): ReportingDescriptor {
  const refs = frameworkRefs(c.frameworks);
  const text = [c.description, `Remediation: ${c.remediation}`, ...(refs.length ? [`References: ${refs.join(', ')}`] : [])].join('\n\n');
  const markdown = [c.description, `**Remediation:** ${c.remediation}`, ...(refs.length ? [`**References:** ${refs.join(', ')}`] : [])].join('\n\n');
  return {
    id: c.id,
    name: ruleName(c.id),
    shortDescription: { text: c.title },
    fullDescription: { text: c.description || c.title },
    help: { text, markdown },
    defaultConfiguration: { level: sarifLevel(c.severity) },
    properties: {
      tags: ['security', c.category, ...frameworkTags(c.frameworks)],
      'security-severity': SECURITY_SEVERITY[c.severity],
      severity: c.severity,
    },
  };
}

/** Locations of live objects: cluster://<context>/<namespace>/<kind>/<name>. */
const LIVE = /^cluster:\/\//;

const position = (n: number) => (Number.isInteger(n) && n >= 1 ? n : 1);

function result(f: Finding, ruleIndex: number, suppression?: SuppressedFinding): Result {
  const properties: Record<string, unknown> = { severity: f.severity, path: f.path };
  if (f.object) properties.object = displayName(f.object);
  if (f.location.rendered) properties.rendered = f.location.rendered;
  const r: Result = {
    ruleId: f.checkId,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: f.message || f.title },
    locations: [
      LIVE.test(f.location.file)
        // A live object (scan --cluster) has no file: a logical location naming it, no region.
        ? { logicalLocations: [{ name: f.object?.name ?? f.location.file, fullyQualifiedName: f.location.file, kind: 'resource' }] }
        : {
            physicalLocation: {
              artifactLocation: artifactUri(f.location.file),
              region: { startLine: position(f.location.line), startColumn: position(f.location.column) },
            },
            ...(f.object
              ? { logicalLocations: [{ name: f.object.name, fullyQualifiedName: displayName(f.object), kind: 'resource' }] }
              : {}),
          },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties,
  };
  if (suppression) {
    r.suppressions = [
      {
        kind: suppression.by === 'annotation' ? 'inSource' : 'external',
        status: 'accepted',
        justification: suppression.reason,
        properties: { by: suppression.by, ...(suppression.owner ? { owner: suppression.owner } : {}), ...(suppression.expires ? { expires: suppression.expires } : {}) },
      },
    ];
  }
  return r;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The SARIF log in pieces (results streamed); the concatenation is exactly `renderSarif`'s output. */
export function* sarifChunks(report: Report): Generator<string> {
  const checks = knownChecks(report);
  const index = new Map(checks.map((c, i) => [c.id, i]));
  const invocation: NonNullable<Log['runs'][number]['invocations']>[number] = { executionSuccessful: true };
  if (ISO_TIME.test(report.scannedAt)) invocation.endTimeUtc = report.scannedAt;
  if (report.warnings.length) invocation.toolExecutionNotifications = report.warnings.map((w) => ({ level: 'warning', message: { text: w } }));
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'kubeward', version: report.tool.version, rules: checks.map(rule) } },
        invocations: [invocation],
        columnKind: 'utf16CodeUnits',
        // What the default profile hid and the findings reported apart on Helm test hooks (counts only; issue 20).
        ...((report.summary.hiddenByProfile ?? 0) + (report.summary.helmTests ?? 0) > 0
          ? { properties: { hiddenByProfile: report.summary.hiddenByProfile ?? 0, helmTests: report.summary.helmTests ?? 0 } }
          : {}),
        results: placeholder(0),
      },
    ],
  };
  // Findings first, then suppressed findings (with a `suppressions` entry).
  const items: (Finding | SuppressedFinding)[] = [...report.findings, ...report.suppressed];
  const toJson = (x: Finding | SuppressedFinding): Result =>
    'finding' in x ? result(x.finding, index.get(x.finding.checkId)!, x) : result(x, index.get(x.checkId)!);
  yield* jsonPieces(log, [{ items, toJson }]);
  yield '\n';
}

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one rule per check that ran (plus
 * any check id only seen in findings), one result per finding (suppressed findings too, with a
 * `suppressions` entry), warnings as tool notifications.
 */
export const renderSarif: Renderer = (report) => [...sarifChunks(report)].join('');
