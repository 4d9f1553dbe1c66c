import { CATEGORIES, isFixable, type Category, type Check } from './define.js';
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

export const COUNTS_START = '<!-- checks:counts:start -->';
export const COUNTS_END = '<!-- checks:counts:end -->';

/** What the README says a category holds, after its count (categories without a note show the count alone). */
const CATEGORY_NOTES: Partial<Record<Category, string>> = {
  workload: 'pod and container security: the Pod Security Standards controls, hardening, resources, probes, images in manifests',
  images: 'Dockerfile checks, run by `kubeward dockerfile scan`; image rules, run by `kubeward image scan` and `scan --images`',
  mesh: 'Istio, Linkerd',
  network: 'NetworkPolicy reachability',
};

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** Words joined into lines of at most `width` characters; a `code span` is never broken. */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  const words = text.replace(/`[^`]*`/g, (span) => span.replace(/ /g, '\u0000')).split(' ').map((w) => w.replace(/\u0000/g, ' '));
  for (const word of words) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/**
 * The README's check counts: "111 checks in seven categories: **workload** 48 (...), **rbac** 17, ...", the
 * categories by count (most first, then in CATEGORIES order). Pure.
 */
export function renderCheckCounts(checks: readonly Check[]): string {
  const counts = new Map<Category, number>();
  for (const c of checks) counts.set(c.category, (counts.get(c.category) ?? 0) + 1);
  const order = [...counts].sort((a, b) => b[1] - a[1] || CATEGORIES.indexOf(a[0]) - CATEGORIES.indexOf(b[0]));
  const parts = order.map(([category, n]) => `**${category}** ${n}${CATEGORY_NOTES[category] ? ` (${CATEGORY_NOTES[category]})` : ''}`);
  const categories = NUMBER_WORDS[counts.size] ?? String(counts.size);
  return wrap(`${checks.length} checks in ${categories} ${counts.size === 1 ? 'category' : 'categories'}: ${parts.join(', ')}.`, 115) + '\n';
}

/** The README with `counts` between the count markers; unchanged when the markers are missing or out of order. */
export function withCheckCounts(readme: string, counts: string): string {
  const start = readme.indexOf(COUNTS_START);
  const end = readme.indexOf(COUNTS_END);
  if (start < 0 || end < start) return readme;
  return `${readme.slice(0, start + COUNTS_START.length)}\n${counts}${readme.slice(end)}`;
}

/** The README as `npm run gen:checks` writes it: the check counts and the check table from the checks' metadata. */
export function readmeWithChecks(readme: string, checks: readonly Check[]): string {
  return withCheckTable(withCheckCounts(readme, renderCheckCounts(checks)), renderCheckTable(checks));
}
