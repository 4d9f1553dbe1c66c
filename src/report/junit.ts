import { SEVERITIES, severityRank, type Finding, type Severity } from '../model/finding.js';
import { displayName } from '../model/object.js';
import { evaluations, type Evaluation } from './applicable.js';
import { escapeXmlAttr as attr, escapeXmlText as text } from './escape-xml.js';
import type { Renderer } from './report.js';

/** Findings of this check id mean a check crashed: JUnit calls that an error, not a failure. */
const INTERNAL_ERROR = 'internal-error';

function worst(findings: readonly Finding[]): Severity {
  let best: Severity = 'info';
  for (const f of findings) if (severityRank(f.severity) < severityRank(best)) best = f.severity;
  return best;
}

function caseName(e: Evaluation): string {
  return e.object ? displayName(e.object) : e.file;
}

function failureBody(findings: readonly Finding[]): string {
  const lines = findings.map(
    (f) => `${f.location.file}:${f.location.line}:${f.location.column} [${f.severity}] ${f.message}${f.path ? ` (at ${f.path})` : ''}`,
  );
  const remediation = findings[0]?.remediation;
  if (remediation) lines.push(`Remediation: ${remediation}`);
  return lines.join('\n');
}

function testcase(out: string[], checkId: string, e: Evaluation): void {
  const head = `    <testcase name="${attr(caseName(e))}" classname="${attr(checkId)}" file="${attr(e.file)}" line="${e.line}" time="0"`;
  if (e.findings.length === 0) {
    out.push(`${head}/>`);
    return;
  }
  const element = checkId === INTERNAL_ERROR ? 'error' : 'failure';
  const first = e.findings[0]!;
  const message = e.findings.length === 1 ? first.message : `${e.findings.length} findings; first: ${first.message}`;
  out.push(`${head}>`);
  out.push(`      <${element} message="${attr(message)}" type="${attr(worst(e.findings))}">${text(failureBody(e.findings))}</${element}>`);
  out.push('    </testcase>');
}

/**
 * JUnit XML for CI test views: one testsuite per check, one testcase per object the check was
 * evaluated on (see applicable.ts), a failure per failing testcase listing each finding with its
 * file:line. Findings of a crashed check (`internal-error`) are JUnit errors.
 */
export const renderJunit: Renderer = (report) => {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const { check, evaluations: cases } of evaluations(report)) {
    const failed = cases.filter((e) => e.findings.length > 0).length;
    const isError = check.id === INTERNAL_ERROR;
    tests += cases.length;
    if (isError) errors += failed;
    else failures += failed;
    suites.push(
      `  <testsuite name="${attr(check.id)}" tests="${cases.length}" failures="${isError ? 0 : failed}" errors="${isError ? failed : 0}" ` +
        `skipped="0" time="0" timestamp="${attr(report.scannedAt)}">`,
    );
    suites.push('    <properties>');
    suites.push(`      <property name="title" value="${attr(check.title)}"/>`);
    suites.push(`      <property name="severity" value="${attr(check.severity)}"/>`);
    suites.push(`      <property name="category" value="${attr(check.category)}"/>`);
    suites.push('    </properties>');
    for (const e of cases) testcase(suites, check.id, e);
    suites.push('  </testsuite>');
  }
  const suppressed = report.suppressed.length;
  const counts = SEVERITIES.map((s) => `${s}=${report.summary.findings[s]}`).join(' ');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- kubeward ${text(report.tool.version).replace(/--/g, '- -')}: ${counts}; ${suppressed} suppressed -->`,
    `<testsuites name="kubeward" tests="${tests}" failures="${failures}" errors="${errors}" skipped="0" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
};
