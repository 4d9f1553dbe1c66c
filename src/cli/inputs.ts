import type { Command } from 'commander';
import type { InputRequest } from '../engine/request.js';
import type { Ctx } from './io.js';
import { INPUT_OPTIONS } from './option-sets.js';
import { optionValues } from './options.js';
import { delayedProgress } from './progress.js';
import { UsageError } from './io.js';

/**
 * The input part of a request (paths, stdin, Helm rendering, progress) from a command's flags, for the analyses
 * that read what `scan` reads (rbac, netpol). `run` gets the request and the progress bar is stopped after it.
 */
export async function withInputs<T>(paths: string[], cmd: Command, ctx: Ctx, run: (request: InputRequest) => Promise<T>): Promise<T> {
  if (paths.length === 0) throw new UsageError('needs at least one path to read (a file, a directory, a Helm chart, a Kustomize dir, or - for stdin)');
  const { values: o } = optionValues(cmd, INPUT_OPTIONS, ctx.io.env);
  const progress = delayedProgress(o.progress, ctx.io.stderr);
  try {
    return await run({
      paths,
      stdin: ctx.io.stdin,
      env: ctx.io.env,
      helm: { releaseName: o.helmRelease, ...(o.helmNamespace ? { namespace: o.helmNamespace } : {}), ...(o.helmValues ? { values: o.helmValues } : {}), ...(o.helmSet ? { set: o.helmSet } : {}) },
      onProgress: (d, t) => progress.update(d, t),
    });
  } finally {
    progress.stop();
  }
}
