import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { isClusterScoped } from '../model/kinds.js';
import { decodeBytes } from './decode.js';
import { findRenderer, toolsDir } from './find-tool.js';
import { withHelmHomes } from './helm-home.js';
import { chartFile, helmTemplateMap } from './helm-sources.js';
import { namedTemplates } from './render-time-values.js';
import { loadText, type Loaded } from './manifests.js';
import { firstLines, runTool } from './run-tool.js';
import { localPathArg, shellQuote } from './shell-quote.js';

export interface HelmOptions {
  releaseName?: string;
  namespace?: string;
  /** Values files (`-f`), in order. */
  values?: string[];
  /** `--set` expressions, in order. */
  set?: string[];
}

export interface Rendered {
  loaded: Loaded;
  warnings: string[];
  /** Why the input could not be read or rendered at all (the scan must not pass): one line each, saying what to do. */
  errors?: string[];
}

/** Where a missing renderer was looked for, for the error message. */
export function searchedWhere(env: NodeJS.ProcessEnv): string {
  const dir = toolsDir(env);
  return dir ? `not on PATH nor in ${dir}` : 'not on PATH';
}

/** The chart dependencies helm reports missing ("missing in charts/ directory: a, b"), or []. */
export function missingDependencies(stderr: string): string[] {
  const m = /missing in charts\/ directory:\s*([^\n]+)/.exec(stderr);
  return m ? m[1]!.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/** Helm's own default when `helm template` is given no release name. */
export const DEFAULT_RELEASE = 'release-name';

/** The arguments after `helm`: `template <release> <chartDir> [--namespace ns] [-f v]... [--set s]...`. */
export function helmTemplateArgs(chartDir: string, opts: HelmOptions = {}): string[] {
  const args = ['template', opts.releaseName ?? DEFAULT_RELEASE, chartDir];
  if (opts.namespace) args.push('--namespace', opts.namespace);
  for (const v of opts.values ?? []) args.push('-f', v);
  for (const s of opts.set ?? []) args.push('--set', s);
  return args;
}

/** The exact command a user can run instead when helm cannot be run here. */
export function helmPipeHint(chartDir: string, opts: HelmOptions = {}): string {
  const words = ['helm', ...helmTemplateArgs(localPathArg(chartDir), opts)];
  return `${words.map(shellQuote).join(' ')} | kubeward scan -`;
}

/**
 * Render a chart with `helm template` and read its output. Every document is reported against the
 * template it came from (`<chartDir>/templates/x.yaml`, subcharts `<chartDir>/charts/sub/templates/...`),
 * with lines relative to that template's document in the rendered output. helm missing, dependencies
 * missing, helm failing → an error (the chart cannot be judged) that says what to run.
 */
export async function renderHelmChart(chartDir: string, opts: HelmOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<Rendered> {
  const empty: Loaded = { objects: [], problems: [], documents: 0 };
  const helm = await findRenderer('helm', env);
  if (!helm) {
    return { loaded: empty, warnings: [], errors: [`${chartDir}: a Helm chart, but helm is ${searchedWhere(env)}: install helm (or run scripts/install-tools.sh in the kubeward package), or render it and pipe it in: ${helmPipeHint(chartDir, opts)}`] };
  }
  const chartYaml = join(chartDir, 'Chart.yaml');
  const run = await withHelmHomes(env, (helmEnv) => runTool(helm, helmTemplateArgs(resolve(chartDir), opts), { env: helmEnv, timeoutMs: 120_000 }));
  if (!run.ok) {
    const missing = missingDependencies(run.stderr);
    if (missing.length) {
      return { loaded: empty, warnings: [], errors: [`${chartDir}: chart dependencies missing in charts/: ${missing.join(', ')}: run ${['helm', 'dependency', 'build', localPathArg(chartDir)].map(shellQuote).join(' ')}, then scan again`] };
    }
    const detail = firstLines(run.stderr) || run.failure || 'no output';
    return { loaded: empty, warnings: [], errors: [`${chartYaml}: helm template failed (${run.failure}): ${detail}`] };
  }
  const warnings = run.stderr.trim() ? [`helm template ${chartDir}: ${firstLines(run.stderr)}`] : [];
  const decoded = decodeBytes(run.stdout, chartYaml);
  if (decoded.text === undefined) return { loaded: { ...empty, problems: decoded.problems }, warnings };
  const loaded = loadText(decoded.text, chartDir, {
    rendered: 'helm',
    fileOf: helmTemplateMap(decoded.text, (printed) => chartFile(chartDir, printed), readTemplate, lazyNamedTemplates(chartDir)),
  });
  loaded.problems.unshift(...decoded.problems);
  // `helm install --namespace ns` puts every namespaced object the chart leaves without one into ns.
  if (opts.namespace) for (const o of loaded.objects) if (o.namespace === undefined && !isClusterScoped(o.kind)) o.namespace = opts.namespace;
  return { loaded, warnings };
}

/**
 * For piped `helm template` output: the template a `# Source:` comment names, when the chart is here (the path is
 * relative, stays below the working directory and goes through a `templates/` folder); else undefined.
 */
export function readLocalTemplate(printed: string): string | undefined {
  if (isAbsolute(printed) || printed.split(/[\\/]/).includes('..') || !/(^|\/)templates\//.test(printed)) return undefined;
  return readTemplate(printed);
}

/** A template's text, undefined when it cannot be read (positions then stay in the rendered document, never before line 1). */
function readTemplate(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The named templates of a chart and its subcharts (every file under a `templates/` folder), read once when first needed. */
function lazyNamedTemplates(chartDir: string): () => ReadonlyMap<string, string> {
  let named: Map<string, string> | undefined;
  return () => (named ??= namedTemplates(templateTexts(chartDir, 0, false)));
}

function templateTexts(dir: string, depth: number, inTemplates: boolean): string[] {
  if (depth > 8) return [];
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...templateTexts(p, depth + 1, inTemplates || e.name === 'templates'));
    else if (e.isFile() && inTemplates && /\.(tpl|ya?ml|txt)$/.test(e.name)) {
      const t = readTemplate(p);
      if (t !== undefined && t.includes('define')) out.push(t);
    }
  }
  return out;
}
