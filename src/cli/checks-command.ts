import type { Command } from 'commander';
import type { Ctx } from './io.js';
import { optionValues } from './options.js';
import { CHECKS, isFixable, isImageRule, frameworksShort, inImageRuleOrder, type Check, type PssVersionNote } from '../engine/catalog.js';
import { jsonDocument } from '../report/json-document.js';
import { loadCustomRules } from '../engine/custom-rules.js';

/** Pod Security checks: from which policy version the control applies and how it changed. */
function pssVersionsOf(c: Check): { pssVersions?: { since: string; change: string }[] } {
  const v = (c as { pssVersions?: PssVersionNote[] }).pssVersions;
  return v ? { pssVersions: v.map((x) => ({ since: `v1.${x.since}`, change: x.change })) } : {};
}

/**
 * `kubeward checks [-o table|json]`: every check with id, severity, category, frameworks and profile, the image rules
 * (subjects `image` and `image-use`: image config checks and the scan --images findings, shown as subject `image`) last.
 * JSON: a CheckList document, the entries under `checks`.
 */
export function renderChecks(format: string, all: readonly Check[] = CHECKS): string {
  const checks = all.filter((c) => !isImageRule(c));
  const images = [...inImageRuleOrder(all.filter((c) => c.subject === 'image')), ...inImageRuleOrder(all.filter((c) => c.subject === 'image-use'))];
  if (format === 'json') {
    return jsonDocument('CheckList', {
      checks: [
        ...checks.map((c) => ({
          id: c.id, title: c.title, severity: c.severity, category: c.category, subject: c.subject,
          frameworks: c.frameworks, aliases: c.aliases ?? {}, fixable: isFixable(c), profile: c.profile ?? 'security',
          ...pssVersionsOf(c),
        })),
        ...images.map((r) => ({ id: r.id, title: r.title, severity: r.severity, category: 'images', subject: 'image', frameworks: r.frameworks, aliases: r.aliases ?? {}, fixable: false, profile: r.profile ?? 'security' })),
      ],
    });
  }
  // Hygiene checks are shown by --profile all only (issue 20).
  const rows = [...checks, ...images].map((c) => [c.id, c.severity, c.category, frameworksShort(c.frameworks) || '-', `${c.title}${c.profile === 'hygiene' || c.profile === 'hardening' ? ` [${c.profile}: --profile all]` : ''}`]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['ID', 'SEVERITY', 'CATEGORY', 'FRAMEWORKS'][i]!.length));
  const line = (r: string[]) => r.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]!) : cell)).join('  ');
  return [line(['ID', 'SEVERITY', 'CATEGORY', 'FRAMEWORKS', 'TITLE']), ...rows.map(line), '', `${checks.length} checks and ${images.length} image rules. Details: kubeward explain <check-id>`].join('\n');
}

/** `kubeward checks [-o table|json] [--rules DIR]`: custom rules are listed after the built-in checks. */
export function runChecks(cmd: Command, ctx: Ctx): string {
  const { values } = optionValues(cmd, ['textFormat', 'rules'], ctx.io.env);
  if (!values.rules?.length) return renderChecks(values.textFormat);
  const custom = loadCustomRules(values.rules, CHECKS);
  for (const p of custom.problems) ctx.warn(`${p.file}:${p.line}:${p.column}: ${p.message}`);
  return renderChecks(values.textFormat, [...CHECKS, ...custom.checks]);
}
