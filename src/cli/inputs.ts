import type { Command } from 'commander';
import type { InputRequest } from '../engine/request.js';
import type { Ctx } from './io.js';
import { INPUT_OPTIONS } from './option-sets.js';
import { optionValues } from './options.js';
import { delayedProgress } from './progress.js';
import { UsageError } from './io.js';
import { clusterRequest } from './cluster-inputs.js';

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
    return await run({
      paths,
      ...(cluster ? { cluster } : {}),
      stdin: ctx.io.stdin,
      env: ctx.io.env,
      helm: { releaseName: o.helmRelease, ...(o.helmNamespace ? { namespace: o.helmNamespace } : {}), ...(o.helmValues ? { values: o.helmValues } : {}), ...(o.helmSet ? { set: o.helmSet } : {}) },
      onProgress: (d, t) => progress.update(d, t),
    });
  } finally {
    progress.stop();
  }
}
