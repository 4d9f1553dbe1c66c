import type { Command } from 'commander';
import { createTwoFilesPatch } from 'diff';
import { readRequestFile } from '../engine/config.js';
import { planFixes, writeFix } from '../engine/fix.js';
import { redact } from '../engine/redact.js';
import { OPTIONS } from '../engine/options.js';
import { UsageError, type Ctx } from './io.js';
import { FIX_OPTIONS } from './option-sets.js';
import { optionValues } from './options.js';
import { commandConfig, pathResolver } from './scan.js';

/** `kubeward fix PATH...`: rewrite plain manifest files in place (or print a diff) with every fixable check's fix. */
export async function runFix(paths: string[], cmd: Command, ctx: Ctx): Promise<number> {
  if (paths.length === 0) throw new UsageError('fix needs at least one path (a file or a directory)');
  const { config, dir } = await commandConfig(cmd, ctx, paths[0]);
  const { values: o, sources } = optionValues(cmd, FIX_OPTIONS, ctx.io.env, config);
  const imageOnly = (['insecureRegistry', 'platform'] as const).filter((n) => sources[n] === 'flag');
  if (!o.images && imageOnly.length) throw new UsageError(`${imageOnly.map((n) => `--${OPTIONS[n].flag}`).join(', ')} need${imageOnly.length === 1 ? 's' : ''} --images`);
  const plan = await planFixes({
    paths,
    ...(o.checks ? { checks: o.checks } : {}),
    ...(o.skipChecks ? { skipChecks: o.skipChecks } : {}),
    ...(config?.checkOptions ? { checkOptions: config.checkOptions } : {}),
    ...(o.exceptionsFile ? { exceptions: await readRequestFile(pathResolver(sources, dir)('exceptionsFile', o.exceptionsFile), 'exceptions file') } : {}),
    ...(o.images ? { images: { ...(o.insecureRegistry ? { insecureRegistries: o.insecureRegistry } : {}), ...(o.platform ? { platform: o.platform } : {}) } } : {}),
  });
  const { files, results, notes, secrets } = plan;
  const dryRun = o.dryRun;
  const notWritten: string[] = [];
  let changedFiles = 0;
  let fixedFindings = 0;
  let remaining = 0;
  for (const [i, r] of results.entries()) {
    for (const s of r.skipped) notes.push(`${r.path}: ${s}`);
    const done = r.fixed.filter((f) => f.before > f.after);
    if (!r.changed) {
      remaining += r.fixed.reduce((n, f) => n + f.after, 0);
      continue;
    }
    const failed = dryRun ? files[i]!.refuse : writeFix(files[i]!, r.text);
    if (failed) {
      // Nothing of this file was fixed: its findings remain.
      notes.push(`${r.path}: ${dryRun ? 'would not be written' : 'not written'}: ${failed}`);
      notWritten.push(r.path);
      remaining += r.fixed.reduce((n, f) => n + f.before, 0);
      continue;
    }
    changedFiles++;
    fixedFindings += done.reduce((n, f) => n + f.before - f.after, 0);
    remaining += r.fixed.reduce((n, f) => n + f.after, 0);
    // Diff context shows input the fix did not write: flagged secret values are masked.
    if (dryRun) ctx.io.stdout.write(redact(createTwoFilesPatch(`a/${r.path}`, `b/${r.path}`, files[i]!.text, r.text), secrets));
    else ctx.io.stdout.write(`fixed ${r.path}: ${done.map((f) => `${f.checkId} ${f.before - f.after}`).join(', ')}\n`);
  }
  for (const n of notes) ctx.note(redact(n, secrets));
  if (notWritten.length) ctx.note(`${notWritten.length} file${notWritten.length === 1 ? '' : 's'} ${dryRun ? 'would not be' : 'not'} written (see above): ${notWritten.join(', ')}`);
  const verb = dryRun ? 'would fix' : 'fixed';
  ctx.note(`${verb} ${fixedFindings} finding${fixedFindings === 1 ? '' : 's'} in ${changedFiles} file${changedFiles === 1 ? '' : 's'}` +
    `${remaining ? `; ${remaining} finding${remaining === 1 ? '' : 's'} of fixable checks remain` : ''}`);
  return plan.unreadable || notWritten.length ? 2 : 0;
}
