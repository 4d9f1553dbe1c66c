import { readFileSync, statSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createTwoFilesPatch } from 'diff';
import { CHECKS, SELECTABLE_CHECKS } from '../checks/index.js';
import { isFixable, type CheckOptions } from '../checks/define.js';
import { fixFiles, type FixInputFile } from '../fix/fix-files.js';
import { runChecks } from '../engine/run-checks.js';
import { readRequestFile } from '../engine/config.js';
import { resolvePolicy, selectRequested } from '../engine/policy.js';
import { decodeBytes } from '../sources/decode.js';
import { describeFsError } from '../sources/fs-error.js';
import { isJsonPath, MAX_FILE_BYTES } from '../sources/read-file.js';
import { walkInputs, type InputEntry } from '../sources/walk.js';
import { UsageError, type Ctx } from './io.js';
import { FIX_OPTIONS } from './option-sets.js';
import { optionValues } from './options.js';
import { commandConfig, pathResolver } from './scan.js';

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

interface ReadFile extends FixInputFile {
  bom: boolean;
}

function readPlain(path: string, notes: string[]): ReadFile | undefined {
  let bytes: Buffer;
  try {
    if (statSync(path).size > MAX_FILE_BYTES) {
      notes.push(`${path}: too large to fix`);
      return undefined;
    }
    bytes = readFileSync(path);
  } catch (err) {
    notes.push(`${path}: ${describeFsError(err)}`);
    return undefined;
  }
  const decoded = decodeBytes(bytes, path);
  // Only clean UTF-8 is rewritten, so the bytes written are exactly the bytes read plus the fix.
  if (decoded.text === undefined || decoded.problems.length) {
    notes.push(`${path}: not fixed: ${decoded.problems[0]?.message ?? 'not text'}`);
    return undefined;
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { path, text: decoded.text, json: isJsonPath(path), bom };
}

/** `kubeward fix PATH...`: rewrite plain manifest files in place (or print a diff) with every fixable check's fix. */
export async function runFix(paths: string[], cmd: Command, ctx: Ctx): Promise<number> {
  if (paths.length === 0) throw new UsageError('fix needs at least one path (a file or a directory)');
  const { config, dir } = await commandConfig(cmd, ctx, paths[0]);
  const { values: o, sources } = optionValues(cmd, FIX_OPTIONS, ctx.io.env, config);
  const selected = selectRequested({ ...(o.checks ? { checks: o.checks } : {}), ...(o.skipChecks ? { skipChecks: o.skipChecks } : {}) });
  const fixable = selected.filter(isFixable);
  if (fixable.length === 0) throw new UsageError('none of the selected checks has a fix (see: kubeward checks -o json, "fixable")');
  const exceptions = o.exceptionsFile ? resolvePolicy({ exceptions: await readRequestFile(pathResolver(sources, dir)('exceptionsFile', o.exceptionsFile), 'exceptions file') }).exceptions : undefined;

  const notes: string[] = [];
  const walked = await walkInputs(paths);
  for (const p of walked.problems) notes.push(`${p.file}: ${p.message}`);
  notes.push(...walked.warnings);
  const files: ReadFile[] = [];
  for (const entry of walked.entries) {
    const why = notPlain(entry);
    if (why) notes.push(`skipped ${why}`);
    else if (entry.kind === 'file') {
      const f = readPlain(entry.path, notes);
      if (f) files.push(f);
    }
  }

  const results = fixFiles(files, {
    checks: fixable,
    runChecks,
    allChecks: CHECKS,
    checkOptions: (config?.checkOptions ?? {}) as Record<string, CheckOptions>,
    ...(exceptions ? { exceptions: [...exceptions] } : {}),
  });
  const dryRun = o.dryRun;
  let changedFiles = 0;
  let fixedFindings = 0;
  let remaining = 0;
  for (const [i, r] of results.entries()) {
    const bom = files[i]!.bom ? BOM : '';
    for (const s of r.skipped) notes.push(`${r.path}: ${s}`);
    const done = r.fixed.filter((f) => f.before > f.after);
    fixedFindings += done.reduce((n, f) => n + f.before - f.after, 0);
    remaining += r.fixed.reduce((n, f) => n + f.after, 0);
    if (!r.changed) continue;
    changedFiles++;
    if (dryRun) ctx.io.stdout.write(createTwoFilesPatch(`a/${r.path}`, `b/${r.path}`, files[i]!.text, r.text));
    else {
      writeFileSync(r.path, bom + r.text);
      ctx.io.stdout.write(`fixed ${r.path}: ${done.map((f) => `${f.checkId} ${f.before - f.after}`).join(', ')}\n`);
    }
  }
  for (const n of notes) ctx.note(n);
  const verb = dryRun ? 'would fix' : 'fixed';
  ctx.io.stderr.write(`kubeward: ${verb} ${fixedFindings} finding${fixedFindings === 1 ? '' : 's'} in ${changedFiles} file${changedFiles === 1 ? '' : 's'}` +
    `${remaining ? `; ${remaining} finding${remaining === 1 ? '' : 's'} of fixable checks remain` : ''}\n`);
  return walked.problems.length ? 2 : 0;
}
