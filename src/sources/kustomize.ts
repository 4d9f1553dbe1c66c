import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { isRecord } from '../model/object.js';
import { fixedPositions } from '../model/position.js';
import { decodeBytes } from './decode.js';
import { findRenderer } from './find-tool.js';
import { searchedWhere, type Rendered } from './helm.js';
import { originOf, originPositions, stripOrigin } from './kustomize-origin.js';
import { loadText, type Loaded } from './manifests.js';
import { firstLines, runTool } from './run-tool.js';
import { localPathArg, shellQuote } from './shell-quote.js';

/** The file names kustomize accepts as the root of a kustomization, in its order of preference. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** The exact command a user can run instead when no renderer can be run here. */
export function kustomizePipeHint(dir: string): string {
  return `kubectl kustomize ${shellQuote(localPathArg(dir))} | kubeward scan -`;
}

/**
 * Render a kustomization with `kustomize build DIR` (or `kubectl kustomize DIR` when kustomize is not
 * on PATH). The directory is built through a temporary kustomization that
 * references it and sets `buildMetadata: [originAnnotations]`, so each object names the resource file it
 * came from (or the kustomization whose generator made it); findings point at that file and the object's
 * real lines in it. The origin annotations are removed before any check runs. No tool, or the build failing → an error (the kustomization cannot be
 * judged) that says what to do.
 */
export async function renderKustomization(dir: string, kustomizationFile: string, env: NodeJS.ProcessEnv = process.env): Promise<Rendered> {
  const empty: Loaded = { objects: [], problems: [], documents: 0 };
  const kustomize = await findRenderer('kustomize', env);
  const kubectl = kustomize ? undefined : await findRenderer('kubectl', env);
  if (!kustomize && !kubectl) {
    return { loaded: empty, warnings: [], errors: [`${dir}: a kustomization, but kustomize and kubectl are ${searchedWhere(env)}: install kubectl (or run scripts/install-tools.sh in the kubeward package), or render it and pipe it in: ${kustomizePipeHint(dir)}`] };
  }
  const command = kustomize ?? kubectl!;
  const build = (d: string) => runTool(command, kustomize ? ['build', d] : ['kustomize', d], { env, timeoutMs: 120_000 });
  const label = kustomize ? 'kustomize build' : 'kubectl kustomize';
  // Built through a kustomization of our own that asks for origin annotations, so every object names its file.
  const wrapper = await mkdtemp(join(tmpdir(), 'kubeward-kustomize-'));
  let run;
  let built = wrapper;
  try {
    await writeFile(join(wrapper, 'kustomization.yaml'), `resources:\n  - ${JSON.stringify(relative(wrapper, resolve(dir)))}\nbuildMetadata: [originAnnotations]\n`);
    run = await build(wrapper);
  } finally {
    await rm(wrapper, { recursive: true, force: true });
  }
  if (!run.ok) {
    // A kustomization that cannot be wrapped (a Component ...): built as it is, its own error reported.
    built = dir;
    run = await build(dir);
  }
  if (!run.ok) {
    const detail = firstLines(run.stderr) || run.failure || 'no output';
    return { loaded: empty, warnings: [], errors: [`${kustomizationFile}: ${label} failed (${run.failure}): ${detail}: fix the kustomization (try ${label} ${shellQuote(localPathArg(dir))})`] };
  }
  const warnings = run.stderr.trim() ? [`${label} ${dir}: ${firstLines(run.stderr)}`] : [];
  const decoded = decodeBytes(run.stdout, kustomizationFile);
  if (decoded.text === undefined) return { loaded: { ...empty, problems: decoded.problems }, warnings };
  const texts = new Map<string, string | undefined>();
  const read = (path: string) => {
    if (!texts.has(path)) {
      try {
        texts.set(path, readFileSync(path, 'utf8'));
      } catch {
        texts.set(path, undefined);
      }
    }
    return texts.get(path);
  };
  const userDirAbs = resolve(dir);
  const loaded = loadText(decoded.text, kustomizationFile, {
    rendered: 'kustomize',
    fileOf: (doc) => {
      const origin = originOf(doc.value, built, dir, userDirAbs);
      // No origin (a remote base, or a kustomization that could not be wrapped): the kustomization's first line, never a line of the rendered stream.
      if (!origin) return { file: kustomizationFile, lineOffset: 0, positions: fixedPositions({ line: 1, column: 1 }) };
      const text = read(origin.path);
      const v = isRecord(doc.value) ? doc.value : {};
      const meta = isRecord(v.metadata) ? v.metadata : {};
      const positions = text === undefined ? undefined : originPositions(text, String(v.kind ?? ''), String(meta.name ?? ''), origin.generated);
      // Found in its file: the file's own lines; else the start of that file, never a line of the rendered stream.
      return { file: origin.file, lineOffset: 0, positions: positions ?? fixedPositions({ line: 1, column: 1 }) };
    },
  });
  for (const o of loaded.objects) stripOrigin(o);
  loaded.problems.unshift(...decoded.problems);
  return { loaded, warnings };
}
