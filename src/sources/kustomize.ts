import { decodeBytes } from './decode.js';
import { findRenderer } from './find-tool.js';
import { searchedWhere, type Rendered } from './helm.js';
import { originFile } from './kustomize-origin.js';
import { loadText, type Loaded } from './manifests.js';
import { firstLines, runTool } from './run-tool.js';
import { localPathArg, shellQuote } from './shell-quote.js';
import { TextLines, documentLineOffset } from './text-lines.js';

/** The file names kustomize accepts as the root of a kustomization, in its order of preference. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** The exact command a user can run instead when no renderer can be run here. */
export function kustomizePipeHint(dir: string): string {
  return `kubectl kustomize ${shellQuote(localPathArg(dir))} | kubeward scan -`;
}

/**
 * Render a kustomization with `kustomize build DIR` (or `kubectl kustomize DIR` when kustomize is not
 * on PATH). Objects are reported against their origin file when kustomize annotated it
 * (`buildMetadata: [originAnnotations]`), else against the kustomization file; lines are relative
 * to each object's document in the rendered output (the same convention as Helm's), since kustomize
 * rewrites the objects it reads. No tool, or the build failing → an error (the kustomization cannot be
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
  const args = kustomize ? ['build', dir] : ['kustomize', dir];
  const run = await runTool(command, args, { env, timeoutMs: 120_000 });
  const label = kustomize ? 'kustomize build' : 'kubectl kustomize';
  if (!run.ok) {
    const detail = firstLines(run.stderr) || run.failure || 'no output';
    return { loaded: empty, warnings: [], errors: [`${kustomizationFile}: ${label} failed (${run.failure}): ${detail}: fix the kustomization (try ${label} ${shellQuote(localPathArg(dir))})`] };
  }
  const warnings = run.stderr.trim() ? [`${label} ${dir}: ${firstLines(run.stderr)}`] : [];
  const decoded = decodeBytes(run.stdout, kustomizationFile);
  if (decoded.text === undefined) return { loaded: { ...empty, problems: decoded.problems }, warnings };
  const lines = new TextLines(decoded.text);
  const loaded = loadText(decoded.text, kustomizationFile, {
    rendered: 'kustomize',
    fileOf: (doc) => ({ file: originFile(doc.value, dir) ?? kustomizationFile, lineOffset: documentLineOffset(lines, doc.startLine) }),
  });
  loaded.problems.unshift(...decoded.problems);
  return { loaded, warnings };
}
