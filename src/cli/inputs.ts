import type { Command } from 'commander';
import type { OptionName } from '../engine/options.js';
import type { ClusterRequest, InputRequest } from '../engine/request.js';
import type { Ctx } from './io.js';
import { INPUT_OPTIONS } from './option-sets.js';
import { optionValues } from './options.js';
import { delayedProgress } from './progress.js';
import { UsageError } from './io.js';
import { clusterRequest } from './cluster-inputs.js';

interface InputValues {
  helmRelease: string;
  helmNamespace?: string | undefined;
  helmValues?: string[] | undefined;
  helmSet?: string[] | undefined;
}

/**
 * The input part of every command's request (paths, a cluster, stdin, environment, Helm rendering, progress)
 * from the declared input options. `at` resolves paths that came from the config file (relative to it).
 */
export function inputRequest(paths: string[], cluster: ClusterRequest | undefined, o: InputValues, ctx: Ctx, onProgress?: (done: number, total: number) => void, at: (name: OptionName, p: string) => string = (_, p) => p): InputRequest {
  return {
    paths,
    ...(cluster ? { cluster } : {}),
    stdin: ctx.io.stdin,
    env: ctx.io.env,
    helm: { releaseName: o.helmRelease, ...(o.helmNamespace ? { namespace: o.helmNamespace } : {}), ...(o.helmValues ? { values: o.helmValues.map((v) => at('helmValues', v)) } : {}), ...(o.helmSet ? { set: o.helmSet } : {}) },
    ...(onProgress ? { onProgress } : {}),
  };
}

/**
 * The input part of a request (paths, stdin, Helm rendering, progress) from a command's flags, for the analyses
 * that read what `scan` reads (rbac, netpol). `run` gets the request and the progress bar is stopped after it.
 */
export async function withInputs<T>(paths: string[], cmd: Command, ctx: Ctx, run: (request: InputRequest) => Promise<T>): Promise<T> {
  const { values: o, sources } = optionValues(cmd, INPUT_OPTIONS, ctx.io.env);
  const cluster = clusterRequest(o, sources);
  if (paths.length === 0 && !cluster) throw new UsageError('needs at least one path to read (a file, a directory, a Helm chart, a Kustomize dir, or - for stdin), or --cluster');
  const progress = delayedProgress(o.progress, ctx.io.stderr);
  try {
    return await run(inputRequest(paths, cluster, o, ctx, (d, t) => progress.update(d, t)));
  } finally {
    progress.stop();
  }
}
