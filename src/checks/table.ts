import { isFixable, type Check } from './define.js';
import type { FrameworkRefs } from '../model/finding.js';

export const TABLE_START = '<!-- checks:start -->';
export const TABLE_END = '<!-- checks:end -->';

/** "CIS 5.2.2 · PSS baseline/privileged · NSA · ATT&CK T1611 · OWASP K01" */
export function frameworksShort(f: FrameworkRefs): string {
  const parts: string[] = [];
  if (f.cis?.length) parts.push(`CIS ${f.cis.join(', ')}`);
  if (f.pss) parts.push(`PSS ${f.pss.level}/${f.pss.control}`);
  if (f.nsa?.length) parts.push('NSA');
  if (f.mitre?.length) parts.push(`ATT&CK ${f.mitre.join(', ')}`);
  if (f.owasp?.length) parts.push(`OWASP ${f.owasp.join(', ')}`);
  return parts.join(' · ');
}

const PIPE = /\|/g;
const NEWLINE = /\n/g;

function cell(text: string): string {
  return text.replace(PIPE, '\\|').replace(NEWLINE, ' ');
}

/** The README's check table (Markdown), one row per check in the order given. Pure. */
export function renderCheckTable(checks: readonly Check[]): string {
  const rows = checks.map((c) =>
    `| \`${c.id}\` | ${c.severity} | ${c.category} | ${cell(c.title)} | ${cell(frameworksShort(c.frameworks)) || '—'} | ${isFixable(c) ? 'yes' : ''} |`,
  );
  return ['| Id | Severity | Category | Title | Frameworks | Fix |', '|---|---|---|---|---|---|', ...rows].join('\n') + '\n';
}

/** The text between the markers, or undefined when the markers are missing or out of order. */
export function tableInReadme(readme: string): string | undefined {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + TABLE_START.length, end).replace(/^\n/, '');
}

/** The README with `table` between the markers (appended under a "## Checks" heading when they are missing). */
export function withCheckTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) {
    const sep = readme === '' || readme.endsWith('\n\n') ? '' : readme.endsWith('\n') ? '\n' : '\n\n';
    return `${readme}${sep}## Checks\n\n${TABLE_START}\n${table}${TABLE_END}\n`;
  }
  return `${readme.slice(0, start + TABLE_START.length)}\n${table}${readme.slice(end)}`;
}
