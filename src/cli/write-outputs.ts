import { createWriteStream, realpathSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { outputTargetErrors, type PathInfo } from '../report/output-targets.js';
import { CHUNKED, FORMATS, FORMAT_NAMES, type FormatName } from '../report/index.js';
import type { Report } from '../report/report.js';
import { UsageError } from './io.js';

export interface OutputSpec {
  format: FormatName;
  /** undefined: stdout. */
  file?: string;
}

function probePath(path: string): PathInfo | undefined {
  try {
    const s = statSync(path);
    return { real: realpathSync(path), id: `${s.dev}:${s.ino}`, dir: s.isDirectory() };
  } catch {
    return undefined;
  }
}

/**
 * Parse `-o json`, `-o sarif=results.sarif`; `--output FILE` applies to a single spec without a file.
 * With `inputs` (the paths scanned), a file that is an input, two formats naming one file, or a missing
 * directory outside the working directory is an error (see outputTargetErrors).
 */
export function parseOutputSpecs(specs: string[], outputFile?: string, inputs?: readonly string[]): { specs: OutputSpec[]; errors: string[] } {
  const errors: string[] = [];
  const out: OutputSpec[] = [];
  for (const raw of specs) {
    const eq = raw.indexOf('=');
    const format = (eq < 0 ? raw : raw.slice(0, eq)).trim().toLowerCase();
    const file = eq < 0 ? undefined : raw.slice(eq + 1).trim();
    if (!(FORMAT_NAMES as readonly string[]).includes(format)) {
      errors.push(`unknown output format "${format}" (choose from ${FORMAT_NAMES.join(', ')})`);
      continue;
    }
    out.push(file ? { format: format as FormatName, file } : { format: format as FormatName });
  }
  if (outputFile) {
    const toStdout = out.filter((s) => !s.file);
    if (toStdout.length !== 1) errors.push('--output FILE needs exactly one -o format without =FILE');
    else toStdout[0]!.file = outputFile;
  }
  const stdoutCount = out.filter((s) => !s.file).length;
  if (stdoutCount > 1) errors.push('only one output format can go to stdout; give the others a file: -o sarif=results.sarif');
  errors.push(...outputTargetErrors(out, inputs ?? [], process.cwd(), probePath));
  return { specs: out, errors };
}

/** Write pieces with backpressure; an error on the stream (bad path, closed pipe) rejects instead of hanging. */
export async function writeChunks(chunks: Iterable<string>, out: NodeJS.WritableStream): Promise<void> {
  let failure: Error | undefined;
  const onError = (err: Error) => (failure = err);
  out.on('error', onError);
  try {
    for (const chunk of chunks) {
      if (failure) throw failure;
      if (!out.write(chunk)) {
        await new Promise<void>((resolve, reject) => {
          const cleanup = () => {
            out.off('drain', onDrain);
            out.off('error', onFail);
          };
          const onDrain = () => (cleanup(), resolve());
          const onFail = (err: Error) => (cleanup(), reject(err));
          out.once('drain', onDrain);
          out.once('error', onFail);
        });
      }
    }
    if (failure) throw failure;
  } finally {
    out.off('error', onError);
  }
}

/** Render each requested format and write it to its file or stdout; large formats go out in pieces. */
export async function writeOutputs(report: Report, specs: OutputSpec[], color: boolean, stdout: NodeJS.WritableStream = process.stdout): Promise<void> {
  for (const spec of specs) {
    const chunked = CHUNKED[spec.format];
    let chunks: Iterable<string>;
    if (chunked) chunks = chunked(report);
    else {
      const text = FORMATS[spec.format](report, { color: color && !spec.file && spec.format === 'table' });
      chunks = [text.endsWith('\n') ? text : text + '\n'];
    }
    if (!spec.file) {
      try {
        await writeChunks(chunks, stdout);
      } catch (err) {
        // The reader went away (`kubeward scan ... | head`): stop writing, not an error.
        if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err;
      }
      continue;
    }
    await mkdir(dirname(spec.file), { recursive: true });
    const file = createWriteStream(spec.file);
    await writeChunks(chunks, file);
    await new Promise<void>((resolve, reject) => {
      file.once('error', reject);
      file.end(() => resolve());
    });
  }
}

/** `--output FILE` of a one-document command: never one of its inputs (`inputs`: the files it reads). */
export function checkOutputFile(file: string | undefined, inputs: readonly string[]): void {
  if (file === undefined) return;
  const errors = outputTargetErrors([{ format: 'output', file }], inputs, process.cwd(), probePath);
  if (errors.length) throw new UsageError(errors.join('; '));
}

/** One rendered document to a file (`--output FILE`) or stdout. */
export async function writeOut(text: string, file: string | undefined, stdout: NodeJS.WritableStream): Promise<void> {
  if (!file) {
    try {
      await writeChunks([text], stdout);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err;
    }
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const s = createWriteStream(file);
    s.on('error', (err) => reject(new UsageError(`cannot write ${file}: ${err.message}`)));
    s.end(text, () => resolve());
  });
}
