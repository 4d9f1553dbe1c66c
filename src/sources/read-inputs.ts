import { createReadStream } from 'node:fs';
import type { LoadProblem } from '../model/problem.js';
import { renderHelmChart, type HelmOptions, type Rendered } from './helm.js';
import { renderKustomization } from './kustomize.js';
import type { Loaded } from './manifests.js';
import { mapLimited } from './map-limited.js';
import { readManifestFile } from './read-file.js';
import { readStream } from './stdin.js';
import { walkInputs, type InputEntry } from './walk.js';

export interface ReadOptions {
  helm?: HelmOptions;
  /** Read for the "-" argument; default process.stdin. */
  stdin?: NodeJS.ReadableStream;
  /** Called after each input (file, stream, chart, kustomization) is read. */
  onProgress?: (done: number, total: number) => void;
  /** Environment for finding and running helm/kubectl/kustomize (PATH); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Inputs read at the same time; default 8. */
  concurrency?: number;
}

export interface ReadResult {
  loaded: Loaded;
  /** Inputs read: files, streams, rendered charts and kustomizations. */
  files: number;
  warnings: string[];
  /** Files found walking a tree with nothing Kubernetes in them (CI workflows, package.json, values files): not findings. */
  skipped: number;
  /** Inputs that could not be read or rendered at all (missing path, no helm, chart dependencies missing, kustomize build error). */
  errors: string[];
}

/**
 * Read everything the command line names — files, directories, `-` for stdin, Helm charts,
 * Kustomize roots — into objects and problems, in argument order then sorted path order. A few
 * inputs are read at a time and each file's bytes are dropped once decoded. Never throws for bad
 * input: an unreadable, binary or malformed file is a problem with a location; an input that cannot
 * be read or rendered at all (a missing argument, no helm, missing chart dependencies, a kustomize
 * build error) is one of `errors`, which the engine refuses to scan past.
 */
export async function readInputs(args: string[], opts: ReadOptions = {}): Promise<ReadResult> {
  const walked = await walkInputs(args);
  const total = walked.entries.length;
  let done = 0;
  const results = await mapLimited(walked.entries, opts.concurrency ?? 8, async (entry) => {
    const r = await readEntry(entry, opts);
    opts.onProgress?.(++done, total);
    return r;
  });
  const loaded: Loaded = { objects: [], problems: [...walked.problems], documents: 0 };
  const warnings = [...walked.warnings];
  const errors = [...walked.errors];
  let skipped = 0;
  for (const r of results) {
    skipped += r.loaded.skipped ?? 0;
    errors.push(...(r.errors ?? []));
    for (const o of r.loaded.objects) loaded.objects.push(o);
    for (const p of r.loaded.problems) loaded.problems.push(p);
    loaded.documents += r.loaded.documents;
    warnings.push(...r.warnings);
  }
  return { loaded, files: total - skipped, skipped, warnings, errors };
}

async function readEntry(entry: InputEntry, opts: ReadOptions): Promise<Rendered> {
  try {
    switch (entry.kind) {
      case 'file':
        return { loaded: await readManifestFile(entry.path, entry.inTree ? { skipForeign: true } : {}), warnings: [] };
      case 'stream':
        return { loaded: await readStream(createReadStream(entry.path), entry.path), warnings: [] };
      case 'stdin': {
        const stdin = opts.stdin ?? process.stdin;
        if ((stdin as { isTTY?: boolean }).isTTY) {
          // Waiting for a terminal to send EOF looks like a hang; nothing was piped in.
          return { loaded: { objects: [], problems: [], documents: 0 }, warnings: ['"-" reads stdin, but stdin is a terminal: pipe manifests in, e.g. helm template my-release ./chart | kubeward scan -'] };
        }
        return { loaded: await readStream(stdin), warnings: [] };
      }
      case 'helm':
        return await renderHelmChart(entry.dir, opts.helm, opts.env ?? process.env);
      case 'kustomize':
        return await renderKustomization(entry.dir, entry.file, opts.env ?? process.env);
    }
  } catch (err) {
    // Readers do not throw for bad input; this is the last line that keeps one input's bug from losing the rest.
    const file = entry.kind === 'stdin' ? '<stdin>' : entry.kind === 'helm' || entry.kind === 'kustomize' ? entry.dir : entry.path;
    const problem: LoadProblem = { code: 'invalid-manifest', message: `cannot read: ${(err as Error).message ?? String(err)}`, file, line: 1, column: 1 };
    return { loaded: { objects: [], problems: [problem], documents: 0 }, warnings: [] };
  }
}
