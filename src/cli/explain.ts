import { findCheck, isFixable, isImageRule, FRAMEWORKS, type Check, type Example, type PssVersionNote } from '../engine/catalog.js';
import type { FrameworkRefs } from '../model/finding.js';

const exampleText = (e: Example) => (typeof e === 'string' ? e : 'yaml' in e ? e.yaml : '').trimEnd();

/** `kubeward explain <check-id|alias>`: the check's page, from its metadata. */
export function renderExplain(idOrAlias: string): string | undefined {
  const c = findCheck(idOrAlias);
  if (!c) return undefined;
  if (isImageRule(c)) return explainImageRule(c);
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
  lines.push(...frameworkLines(f));
  const history = (c as { pssVersions?: PssVersionNote[] }).pssVersions;
  if (f.pss && history) {
    lines.push('', `Pod Security policy versions (${f.pss.level}/${f.pss.control}; select one with --pss ${f.pss.level}:v1.N):`);
    for (const v of history) lines.push(`  v1.${v.since}+: ${v.change}`);
  }
  const aliases = (Object.entries(c.aliases ?? {}) as [string, string[] | undefined][]).filter(([, ids]) => ids && ids.length);
  if (aliases.length) {
    lines.push('', 'Same check in other tools:');
    for (const [tool, ids] of aliases) lines.push(`  ${tool}: ${ids!.join(', ')}`);
  }
  lines.push('', 'Failing example:', ...exampleText(c.examples.fail[0]!).split('\n').map((l) => '  ' + l));
  lines.push('', 'Passing example:', ...exampleText(c.examples.pass[0]!).split('\n').map((l) => '  ' + l));
  return lines.join('\n');
}

/** Every framework control the refs name, with its title (kubeward frameworks <id>). */
function frameworkLines(f: FrameworkRefs): string[] {
  const lines: string[] = [];
  for (const fw of FRAMEWORKS) {
    const ids = fw.controlsOf(f);
    if (ids.length === 0) continue;
    lines.push(`  ${fw.title} (--framework ${fw.id}):`);
    for (const id of ids) lines.push(`    ${id}  ${fw.controls.find((x) => x.id === id)?.title ?? ''}`);
  }
  if (lines.length === 0) lines.push('  none');
  return lines;
}

const RUNS_IN = {
  image: 'kubeward image scan IMAGE, and kubeward scan --images (on each workload using the image)',
  'image-use': 'kubeward scan --images (on each workload using the image)',
};

/** An image rule's page: its subject is an image, so its examples are image configs, or a workload and what reading its image gave. */
function explainImageRule(r: Extract<Check, { subject: 'image' | 'image-use' }>): string {
  const lines = [`${r.id}: ${r.title}`, `severity: ${r.severity}   category: images   subject: image   fixable: no`, `runs in: ${RUNS_IN[r.subject]}`, '', r.description, '', 'Remediation:', `  ${r.remediation}`, '', 'Frameworks:', ...frameworkLines(r.frameworks)];
  const shown = (e: Example | undefined) => {
    if (e === undefined || typeof e === 'string') return [];
    if ('image' in e) return JSON.stringify(e.image, null, 2).split('\n');
    if ('outcome' in e) return [...e.yaml.trimEnd().split('\n'), 'image read:', ...JSON.stringify(e.outcome, null, 2).split('\n').map((l) => '  ' + l)];
    return [];
  };
  const fail = shown(r.examples.fail[0]);
  const pass = shown(r.examples.pass[0]);
  const what = r.subject === 'image' ? 'image config and files' : 'workload, and what reading its image gave';
  if (fail.length) lines.push('', `Failing example (${what}):`, ...fail.map((l) => '  ' + l));
  if (pass.length) lines.push('', 'Passing example:', ...pass.map((l) => '  ' + l));
  return lines.join('\n');
}
