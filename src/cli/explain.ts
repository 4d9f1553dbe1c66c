import { findCheck } from '../checks/index.js';
import { isFixable, type Example } from '../checks/define.js';

const exampleText = (e: Example) => (typeof e === 'string' ? e : e.yaml).trimEnd();

/** `kubeward explain <check-id|alias>`: the check's page, from its metadata. */
export function renderExplain(idOrAlias: string): string | undefined {
  const c = findCheck(idOrAlias);
  if (!c) return undefined;
  const f = c.frameworks;
  const lines = [
    `${c.id}: ${c.title}`,
    `severity: ${c.severity}   category: ${c.category}   fixable: ${isFixable(c) ? 'yes' : 'no'}`,
    '',
    c.description,
    '',
    'Remediation:',
    `  ${c.remediation}`,
    '',
    'Frameworks:',
  ];
  if (f.cis?.length) lines.push(`  CIS Kubernetes Benchmark: ${f.cis.join(', ')}`);
  if (f.nsa?.length) lines.push(`  NSA-CISA Hardening Guide: ${f.nsa.join(', ')}`);
  if (f.pss) lines.push(`  Pod Security Standards: ${f.pss.level} / ${f.pss.control}`);
  if (f.mitre?.length) lines.push(`  MITRE ATT&CK: ${f.mitre.join(', ')}`);
  if (f.owasp?.length) lines.push(`  OWASP Kubernetes Top 10: ${f.owasp.join(', ')}`);
  const aliases = (Object.entries(c.aliases ?? {}) as [string, string[] | undefined][]).filter(([, ids]) => ids && ids.length);
  if (aliases.length) {
    lines.push('', 'Same check in other tools:');
    for (const [tool, ids] of aliases) lines.push(`  ${tool}: ${ids!.join(', ')}`);
  }
  lines.push('', 'Failing example:', ...exampleText(c.examples.fail[0]!).split('\n').map((l) => '  ' + l));
  lines.push('', 'Passing example:', ...exampleText(c.examples.pass[0]!).split('\n').map((l) => '  ' + l));
  return lines.join('\n');
}
