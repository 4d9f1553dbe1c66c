import type { Finding, ObjectRef, Severity } from '../../src/model/finding.js';
import { emptySeverityCounts, REPORT_SCHEMA_VERSION, type Report, type ReportCheck, type ReportObject } from '../../src/report/report.js';

/** A hostile object name: must come out escaped in every markup format. */
export const HOSTILE_NAME = '<script>alert(1)</script>';
export const UNICODE_NAME = 'café-ünïcødé-日本-🚀';

const CHECKS: ReportCheck[] = [
  {
    id: 'privileged-container',
    title: 'Container runs privileged',
    severity: 'critical',
    category: 'workload',
    description: 'A privileged container has full access to the host.',
    remediation: 'Set securityContext.privileged to false.',
    frameworks: { cis: ['5.2.2'], pss: { level: 'baseline', control: 'privileged' }, mitre: ['T1611'], owasp: ['K01'] },
    subject: 'container',
  },
  {
    id: 'run-as-root',
    title: 'Container may run as root',
    severity: 'medium',
    category: 'workload',
    description: 'Containers running as UID 0 make escapes easier.',
    remediation: 'Set runAsNonRoot: true.',
    frameworks: { nsa: ['pod-security/non-root'], pss: { level: 'restricted', control: 'runAsNonRoot' } },
    subject: 'container',
  },
  {
    id: 'host-network',
    title: 'Pod shares the host network',
    severity: 'high',
    category: 'workload',
    description: 'hostNetwork exposes node interfaces to the pod.',
    remediation: 'Remove hostNetwork: true.',
    frameworks: { pss: { level: 'baseline', control: 'hostNamespaces' } },
    subject: 'pod',
  },
  {
    id: 'rbac-wildcard',
    title: 'Role grants every verb on every resource',
    severity: 'high',
    category: 'rbac',
    description: 'Wildcards in RBAC rules grant far more than intended.',
    remediation: 'List the verbs and resources explicitly.',
    frameworks: { cis: ['5.1.3'], owasp: ['K03'] },
    subject: 'object',
    kinds: ['Role', 'ClusterRole'],
  },
  {
    id: 'default-namespace',
    title: 'Object in the default namespace',
    severity: 'low',
    category: 'workload',
    description: 'The default namespace mixes unrelated workloads.',
    remediation: 'Set metadata.namespace.',
    frameworks: {},
    subject: 'object',
  },
  {
    id: 'invalid-manifest',
    title: 'Manifest does not parse',
    severity: 'high',
    category: 'manifest',
    description: 'A document could not be read: it was not scanned.',
    remediation: 'Fix the YAML syntax.',
    frameworks: {},
    subject: 'load',
  },
];

export const OBJECTS: ReportObject[] = [
  { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'prod', name: 'web', file: 'manifests/web app.yaml', line: 1, podSpec: true },
  { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'prod', name: 'web-config', file: 'manifests/web app.yaml', line: 40, podSpec: false },
  { apiVersion: 'v1', kind: 'Pod', namespace: 'dev', name: HOSTILE_NAME, file: '<stdin>', line: 1, podSpec: true },
  { apiVersion: 'batch/v1', kind: 'CronJob', namespace: 'dev', name: UNICODE_NAME, file: '/abs/path/jobs.yaml', line: 3, podSpec: true },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'admin-all', file: 'rbac/cluster role.yaml', line: 1, podSpec: false },
  { apiVersion: 'v1', kind: 'Service', name: 'no-namespace', file: 'manifests/svc.yaml', line: 1, podSpec: false },
];

const ref = (o: ReportObject): ObjectRef => {
  const r: ObjectRef = { apiVersion: o.apiVersion, kind: o.kind, name: o.name };
  if (o.namespace !== undefined) r.namespace = o.namespace;
  return r;
};

function finding(checkId: string, o: ReportObject | undefined, line: number, column: number, path: string, message: string, extra: Partial<Finding> = {}): Finding {
  const check = CHECKS.find((c) => c.id === checkId);
  const f: Finding = {
    checkId,
    severity: check?.severity ?? 'info',
    title: check?.title ?? 'A check failed to run',
    message,
    category: check?.category ?? 'manifest',
    location: { file: o?.file ?? 'broken.yaml', line, column, document: 0 },
    path,
    remediation: check?.remediation ?? 'Report the bug.',
    frameworks: check?.frameworks ?? {},
    fingerprint: `${checkId}-${o?.name ?? 'file'}-${line}`.replace(/[^a-z0-9-]/gi, '').padEnd(32, '0').slice(0, 32),
    ...extra,
  };
  if (o) f.object = ref(o);
  return f;
}

const [web, config, hostile, unicode, clusterRole, svc] = OBJECTS as [ReportObject, ReportObject, ReportObject, ReportObject, ReportObject, ReportObject];

export const FINDINGS: Finding[] = [
  finding('invalid-manifest', undefined, 7, 3, '', 'mapping values are not allowed here'),
  finding('privileged-container', web, 21, 13, '/spec/template/spec/containers/0/securityContext/privileged', 'Container "app" runs privileged', {
    evidence: { found: true, expected: 'false' },
  }),
  finding('run-as-root', web, 18, 9, '/spec/template/spec/containers/0', 'Container "app" may run as root', { location: { file: web.file, line: 18, column: 9, document: 0, rendered: 'helm' } }),
  finding('host-network', hostile, 6, 3, '/spec/hostNetwork', `Pod ${HOSTILE_NAME} uses hostNetwork | **bold** [x](javascript:alert(1)) @octocat`),
  finding('run-as-root', hostile, 9, 7, '/spec/containers/0', 'Container "x\u001b[31mred\u0007" may run as root'),
  finding('privileged-container', unicode, 14, 15, '/spec/jobTemplate/spec/template/spec/containers/0/securityContext/privileged', `Container "ünï" runs privileged 🚀`),
  finding('rbac-wildcard', clusterRole, 8, 5, '/rules/0', 'ClusterRole admin-all grants * on *'),
  finding('default-namespace', svc, 1, 1, '/metadata', 'Service has no namespace & lands in "default"'),
  finding('internal-error', config, 40, 1, '', 'check some-check failed on this object: boom </script><!--'),
];

export const SUPPRESSED = [
  {
    finding: finding('run-as-root', unicode, 15, 9, '/spec/jobTemplate/spec/template/spec/containers/0', 'Container "ünï" may run as root'),
    by: 'annotation' as const,
    reason: 'legacy image, tracked in JIRA-1',
    owner: 'team-batch',
    expires: '2031-01-01',
  },
];

function counts(findings: Finding[]): Record<Severity, number> {
  const c = emptySeverityCounts();
  for (const f of findings) c[f.severity]++;
  return c;
}

/** A report with findings over several objects, namespaces, a cluster-scoped object, a load problem and a suppression. */
export function fixtureReport(): Report {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'kubeward', version: '0.1.0' },
    scannedAt: '2025-05-01T12:00:00.000Z',
    summary: { files: 6, objects: OBJECTS.length, findings: counts(FINDINGS), suppressed: SUPPRESSED.length },
    findings: structuredClone(FINDINGS),
    suppressed: structuredClone(SUPPRESSED),
    checks: structuredClone(CHECKS),
    objects: structuredClone(OBJECTS),
    warnings: ['exception for run-as-root on CronJob dev/x expired on 2024-01-01', `renderer missing <b>helm</b> \u001b[2J`],
  };
}

/** A clean scan: objects scanned, nothing found. */
export function cleanReport(): Report {
  return {
    ...fixtureReport(),
    summary: { files: 6, objects: OBJECTS.length, findings: emptySeverityCounts(), suppressed: 0 },
    findings: [],
    suppressed: [],
    warnings: [],
  };
}

/** A report with `n` findings spread over many objects (for truncation and speed tests). */
export function bigReport(n: number): Report {
  const base = fixtureReport();
  const findings: Finding[] = [];
  const objects: ReportObject[] = [];
  for (let i = 0; i < n; i++) {
    const o: ReportObject = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: `ns-${i % 50}`, name: `app-${Math.floor(i / 2)}`, file: `big/app-${Math.floor(i / 2)}.yaml`, line: 1, podSpec: true };
    if (i % 2 === 0) objects.push(o);
    const sev: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
    findings.push({
      ...finding(i % 2 === 0 ? 'privileged-container' : 'run-as-root', o, 10 + (i % 2), 5, '/spec/template/spec/containers/0', `Finding number ${i} with a moderately long message to fill space`),
      severity: sev[i % 5]!,
      fingerprint: i.toString(16).padStart(32, '0'),
    });
  }
  return { ...base, summary: { files: objects.length, objects: objects.length, findings: counts(findings), suppressed: 0 }, findings, suppressed: [], objects, warnings: [] };
}
