import { join, resolve } from 'node:path';
import type { LoadProblem } from '../model/problem.js';
import { decodeBytes } from './decode.js';
import { findTool } from './find-tool.js';
import { withHelmHomes } from './helm-home.js';
import { chartFile, helmSourceMap } from './helm-sources.js';
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
 * with lines relative to that template's document in the rendered output. helm missing → a warning
 * with the command to pipe instead; helm failing → a problem on `<chartDir>/Chart.yaml`.
 */
export async function renderHelmChart(chartDir: string, opts: HelmOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<Rendered> {
  const empty: Loaded = { objects: [], problems: [], documents: 0 };
  const helm = await findTool('helm', env);
  if (!helm) {
    return { loaded: empty, warnings: [`helm is not on PATH: render the chart and pipe it in: ${helmPipeHint(chartDir, opts)}`] };
  }
  const chartYaml = join(chartDir, 'Chart.yaml');
  const run = await withHelmHomes(env, (helmEnv) => runTool(helm, helmTemplateArgs(resolve(chartDir), opts), { env: helmEnv, timeoutMs: 120_000 }));
  if (!run.ok) {
    const detail = firstLines(run.stderr) || run.failure || 'no output';
    const problem: LoadProblem = { code: 'invalid-manifest', message: `helm template failed (${run.failure}): ${detail}`, file: chartYaml, line: 1, column: 1 };
    return { loaded: { ...empty, problems: [problem] }, warnings: [] };
  }
  const warnings = run.stderr.trim() ? [`helm template ${chartDir}: ${firstLines(run.stderr)}`] : [];
  const decoded = decodeBytes(run.stdout, chartYaml);
  if (decoded.text === undefined) return { loaded: { ...empty, problems: decoded.problems }, warnings };
  const loaded = loadText(decoded.text, chartDir, {
    rendered: 'helm',
    fileOf: helmSourceMap(decoded.text, (printed) => chartFile(chartDir, printed)),
  });
  loaded.problems.unshift(...decoded.problems);
  return { loaded, warnings };
}
