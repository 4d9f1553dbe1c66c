import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FORMATS, FORMAT_NAMES, type FormatName } from '../report/index.js';
import type { Report } from '../report/report.js';

export interface OutputSpec {
  format: FormatName;
  /** undefined: stdout. */
  file?: string;
}

/** Parse `-o json`, `-o sarif=results.sarif`; `--output FILE` applies to a single spec without a file. */
export function parseOutputSpecs(specs: string[], outputFile?: string): { specs: OutputSpec[]; errors: string[] } {
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
  return { specs: out, errors };
}

/** Render each requested format and write it to its file or stdout. */
export async function writeOutputs(report: Report, specs: OutputSpec[], color: boolean, stdout: NodeJS.WritableStream = process.stdout): Promise<void> {
  for (const spec of specs) {
    const text = FORMATS[spec.format](report, { color: color && !spec.file && spec.format === 'table' });
    const body = text.endsWith('\n') ? text : text + '\n';
    if (spec.file) {
      await mkdir(dirname(spec.file), { recursive: true });
      await writeFile(spec.file, body);
    } else {
      await new Promise<void>((resolve, reject) => stdout.write(body, (err) => (err ? reject(err) : resolve())));
    }
  }
}
