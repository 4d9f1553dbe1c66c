import type { Command } from 'commander';
import { UsageError, type Ctx } from './io.js';
import { optionValues } from './options.js';
import { CHECKS, isImageRule, FRAMEWORKS, FRAMEWORK_IDS, findFramework, type Check, type Framework } from '../engine/catalog.js';
import { jsonDocument } from '../report/json-document.js';

function checksFor(f: Framework, controlId: string, checks: readonly Check[]): string[] {
  return checks.filter((c) => f.controlsOf(c.frameworks).includes(controlId)).map((c) => c.id);
}

function table(rows: string[][], header: string[]): string[] {
  const last = header.length - 1;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => (i < last ? cell.padEnd(widths[i]!) : cell)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

/**
 * `kubeward frameworks [ID] [-o table|json]`: the frameworks `scan --framework` reports on, or one
 * framework's controls with what each needs and which checks judge it. Undefined for an unknown id. JSON: a
 * FrameworkList document (the list under `frameworks`) or a Framework document.
 */
export function renderFrameworks(id: string | undefined, format: string, checks: readonly Check[] = CHECKS.filter((c) => !isImageRule(c))): string | undefined {
  if (id === undefined) {
    const summary = FRAMEWORKS.map((f) => {
      const covered = f.controls.filter((c) => checksFor(f, c.id, checks).length > 0).length;
      const manifests = f.controls.filter((c) => c.needs === 'manifests').length;
      return { id: f.id, title: f.title, version: f.version, controls: f.controls.length, covered, fromManifests: manifests };
    });
    if (format === 'json') return jsonDocument('FrameworkList', { frameworks: summary });
    return [
      ...table(summary.map((s) => [s.id, String(s.controls), String(s.covered), String(s.fromManifests), `${s.title} (${s.version})`]), ['ID', 'CONTROLS', 'COVERED', 'FROM-MANIFESTS', 'TITLE']),
      '',
      'COVERED: controls at least one check judges. FROM-MANIFESTS: controls a manifest scan can judge (the rest need a cluster, node or image input).',
      `Controls: kubeward frameworks <${FRAMEWORK_IDS.join('|')}>. Scores: kubeward scan PATH --framework <id>`,
    ].join('\n');
  }
  const f = findFramework(id);
  if (!f) return undefined;
  const controls = f.controls.map((c) => ({ id: c.id, title: c.title, needs: c.needs, checks: checksFor(f, c.id, checks) }));
  if (format === 'json') return jsonDocument('Framework', { id: f.id, title: f.title, version: f.version, controls });
  return [
    `${f.title} (${f.version})`,
    '',
    ...table(controls.map((c) => [c.id, c.needs, c.checks.join(', ') || '-', c.title]), ['CONTROL', 'NEEDS', 'CHECKS', 'TITLE']),
    '',
    `${controls.length} controls; ${controls.filter((c) => c.checks.length).length} judged by a check. A control whose input is missing, or that no check judges, is reported "not evaluated", never "passed".`,
  ].join('\n');
}

/** `kubeward frameworks [ID] [-o table|json]`. */
export function runFrameworks(id: string | undefined, cmd: Command, ctx: Ctx): string {
  const text = renderFrameworks(id, optionValues(cmd, ['textFormat'], ctx.io.env).values.textFormat);
  if (text === undefined) throw new UsageError(`no framework "${id}" (see: kubeward frameworks)`);
  return text;
}
