import { resolve } from 'node:path';
import type { Command } from 'commander';
import { createTwoFilesPatch } from 'diff';
import { CHECKS } from '../checks/index.js';
import { isFixable, type CheckOptions } from '../checks/define.js';
import { fixFiles } from '../fix/fix-files.js';
import { flaggedSecretValues } from '../fix/secret-values.js';
import { redact } from '../model/redact.js';
import { fixRoots, linkCounts, readForFix, writeFixedFile, type FileToFix } from '../fix/fix-io.js';
import { parseExceptions } from '../policy/exceptions.js';
import { describeConflictingChecks, describeUnknownChecks, selectChecks } from '../policy/select-checks.js';
import { readTextFile } from '../sources/config-file.js';
import { walkInputs, type InputEntry } from '../sources/walk.js';
import { resolveOptions, SCAN_OPTIONS } from './options.js';
import { loadConfig, UsageError } from './scan.js';

/** The scan options that mean the same for fix. */
export const FIX_OPTIONS = SCAN_OPTIONS.filter((o) => ['checks', 'skipChecks', 'exceptionsFile', 'config'].includes(o.key));

const BOM = '\ufeff';

/** Why an input that is not a plain file is not rewritten. */
function notPlain(entry: InputEntry): string | undefined {
  switch (entry.kind) {
    case 'helm': return `${entry.dir}: a Helm chart: its templates are Go templates, not YAML, and rewriting them (or their rendered output) is not safe; set the fields in the chart's templates or values`;
    case 'kustomize': return `${entry.dir}: a Kustomize root: its output merges several files; name the files (or the directory's parent) to fix them as plain manifests`;
    case 'stdin': return '-: stdin cannot be rewritten in place; name the files';
    case 'stream': return `${entry.path}: not a regular file`;
    default: return undefined;
  }
}

/** `kubeward fix PATH...`: rewrite plain manifest files in place (or print a diff) with every fixable check's fix. */
export async function runFix(paths: string[], cmd: Command): Promise<number> {
  if (paths.length === 0) throw new UsageError('fix needs at least one path (a file or a directory)');
  const flags = cmd.opts();
  const explicitConfig = cmd.getOptionValueSource('config') === 'cli' ? (flags.config as string) : process.env.KUBEWARD_CONFIG;
  const { config, dir: configDir } = await loadConfig(explicitConfig, paths[0]);
  const o = resolveOptions(FIX_OPTIONS, flags, (a) => cmd.getOptionValueSource(a) === 'cli', process.env, config as Record<string, unknown> | undefined);
  const { selected, unknown, conflicts } = selectChecks(CHECKS, { checks: o.checks as string[] | undefined, skipChecks: o.skipChecks as string[] | undefined });
  if (unknown.length) throw new UsageError(describeUnknownChecks(unknown, CHECKS));
  if (conflicts.length) throw new UsageError(describeConflictingChecks(conflicts)!);
  const fixable = selected.filter(isFixable);
  if (fixable.length === 0) throw new UsageError('none of the selected checks has a fix (see: kubeward checks -o json, "fixable")');
  const exceptionsPath = o.exceptionsFile as string | undefined;
  let exceptions;
  if (exceptionsPath) {
    const fromFlag = cmd.getOptionValueSource('exceptions') === 'cli' || process.env.KUBEWARD_EXCEPTIONS !== undefined;
    const path = !fromFlag && configDir ? resolve(configDir, exceptionsPath) : exceptionsPath;
    const parsed = parseExceptions(await readTextFile(path, 'exceptions file'), exceptionsPath);
    if (parsed.errors.length) throw new UsageError(parsed.errors.join('; '));
    exceptions = parsed.exceptions;
  }

  const notes: string[] = [];
  const walked = await walkInputs(paths);
  for (const p of walked.problems) notes.push(`${p.file}: ${p.message}`);
  notes.push(...walked.warnings);
  const files: FileToFix[] = [];
  const roots = fixRoots(paths);
  const counts = linkCounts(walked.entries.flatMap((e) => (e.kind === 'file' ? [e.path] : [])));
  const notWritten: string[] = [];
  for (const entry of walked.entries) {
    const why = notPlain(entry);
    if (why) notes.push(`skipped ${why}`);
    else if (entry.kind === 'file') {
      const f = readForFix(entry.path, roots, counts, notes);
      if (f) files.push(f);
    }
  }

  const results = fixFiles(files, {
    checks: fixable,
    allChecks: CHECKS,
    checkOptions: (config?.checkOptions ?? {}) as Record<string, CheckOptions>,
    ...(exceptions ? { exceptions } : {}),
  });
  // Diff context and notes show input the fix did not write: flagged secret values are masked in both.
  const secrets = flaggedSecretValues(files);
  const dryRun = flags.dryRun === true;
  let changedFiles = 0;
  let fixedFindings = 0;
  let remaining = 0;
  for (const [i, r] of results.entries()) {
    const bom = files[i]!.bom ? BOM : '';
    for (const s of r.skipped) notes.push(`${r.path}: ${s}`);
    const done = r.fixed.filter((f) => f.before > f.after);
    const fixedHere = done.reduce((n, f) => n + f.before - f.after, 0);
    if (!r.changed) {
      remaining += r.fixed.reduce((n, f) => n + f.after, 0);
      continue;
    }
    const refuse = files[i]!.refuse;
    const failed = refuse ?? (dryRun ? undefined : writeFixedFile(files[i]!.snapshot, Buffer.from(bom + r.text, 'utf8')));
    if (failed) {
      // Nothing of this file was fixed: its findings remain.
      notes.push(`${r.path}: ${dryRun ? 'would not be written' : 'not written'}: ${failed}`);
      notWritten.push(r.path);
      remaining += r.fixed.reduce((n, f) => n + f.before, 0);
      continue;
    }
    changedFiles++;
    fixedFindings += fixedHere;
    remaining += r.fixed.reduce((n, f) => n + f.after, 0);
    if (dryRun) process.stdout.write(redact(createTwoFilesPatch(`a/${r.path}`, `b/${r.path}`, files[i]!.text, r.text), secrets));
    else {
      process.stdout.write(`fixed ${r.path}: ${done.map((f) => `${f.checkId} ${f.before - f.after}`).join(', ')}\n`);
    }
  }
  for (const n of notes) process.stderr.write(`kubeward: ${redact(n, secrets)}\n`);
  if (notWritten.length) {
    process.stderr.write(`kubeward: ${notWritten.length} file${notWritten.length === 1 ? '' : 's'} ${dryRun ? 'would not be' : 'not'} written (see above): ${notWritten.join(', ')}\n`);
  }
  const verb = dryRun ? 'would fix' : 'fixed';
  process.stderr.write(`kubeward: ${verb} ${fixedFindings} finding${fixedFindings === 1 ? '' : 's'} in ${changedFiles} file${changedFiles === 1 ? '' : 's'}` +
    `${remaining ? `; ${remaining} finding${remaining === 1 ? '' : 's'} of fixable checks remain` : ''}\n`);
  return walked.problems.length || notWritten.length ? 2 : 0;
}
