import type { LoadProblem } from '../model/problem.js';
import { decodeBytes } from './decode.js';
import { hasHelmSourceComments, helmTemplateMap } from './helm-sources.js';
import { readLocalTemplate } from './helm.js';
import { loadText, type Loaded } from './manifests.js';
import { MAX_FILE_BYTES } from './read-file.js';

export const STDIN_NAME = '<stdin>';

/**
 * Read all of a stream (stdin) as one input named `<stdin>`. A stream that begins with `{` is JSON,
 * anything else a YAML stream. `helm template` output piped in keeps its `# Source:` mapping, with the
 * files reported as the paths helm printed. More than MAX_FILE_BYTES is a problem, not read.
 */
export async function readStream(stream: NodeJS.ReadableStream, name = STDIN_NAME): Promise<Loaded> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooBig = false;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      if (tooBig) continue; // drain, so the writer is not left blocked
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += b.length;
      if (size > MAX_FILE_BYTES) {
        tooBig = true;
        chunks.length = 0;
      } else chunks.push(b);
    }
  } catch (err) {
    const problem: LoadProblem = { code: 'invalid-manifest', message: `cannot read: ${(err as Error).message}`, file: name, line: 1, column: 1 };
    return { objects: [], problems: [problem], documents: 0 };
  }
  if (tooBig) {
    const problem: LoadProblem = { code: 'invalid-manifest', message: `input larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB: not read`, file: name, line: 1, column: 1 };
    return { objects: [], problems: [problem], documents: 0 };
  }
  const decoded = decodeBytes(Buffer.concat(chunks), name);
  chunks.length = 0;
  if (decoded.text === undefined) return { objects: [], problems: decoded.problems, documents: 0 };
  const text = decoded.text;
  const loaded = text.trimStart().startsWith('{')
    ? loadText(text, name, { json: true })
    : hasHelmSourceComments(text)
      ? loadText(text, name, { rendered: 'helm', fileOf: helmTemplateMap(text, (printed) => printed, readLocalTemplate) })
      : loadText(text, name);
  loaded.problems.unshift(...decoded.problems);
  return loaded;
}
