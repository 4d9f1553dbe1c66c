import type { Command } from 'commander';
import { scanDockerfiles } from '../engine/dockerfiles.js';
import type { Profile } from '../engine/request.js';
import { gate } from '../engine/gate.js';
import { useColor, UsageError, type Ctx } from './io.js';
import { DOCKERFILE_OPTIONS } from './option-sets.js';
import { optionValues } from './options.js';
import { commandConfig } from './scan.js';
import { parseOutputSpecs, writeOutputs } from './write-outputs.js';

function buildArgs(list: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of list ?? []) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new UsageError(`--build-arg expects NAME=value (got "${a}")`);
    out[a.slice(0, eq)] = a.slice(eq + 1);
  }
  return out;
}

/** `kubeward dockerfile scan PATH...`: build-time checks on Dockerfiles, through the same findings and report pipeline as `scan`. */
export async function runDockerfileScan(paths: string[], cmd: Command, ctx: Ctx): Promise<number> {
  if (paths.length === 0) throw new UsageError('dockerfile scan needs at least one path (a Dockerfile, a directory, or - for stdin)');
  const { config } = await commandConfig(cmd, ctx, paths[0]);
  const { values: o } = optionValues(cmd, DOCKERFILE_OPTIONS, ctx.io.env, config);
  const { specs, errors } = parseOutputSpecs(o.format, o.outputFile, paths);
  if (errors.length) throw new UsageError(errors.join('; '));
  const stdin = paths.includes('-') ? await readAll(ctx.io.stdin) : '';
  const { report, nothingRead } = scanDockerfiles({
    paths,
    profile: o.profile as Profile,
    buildArgs: buildArgs(o.buildArg),
    stdin: () => stdin,
    ...(o.checks ? { checks: o.checks } : {}),
    ...(o.skipChecks ? { skipChecks: o.skipChecks } : {}),
    ...(config?.severity ? { severity: config.severity } : {}),
    ...(config?.checkOptions ? { checkOptions: config.checkOptions } : {}),
  });
  await writeOutputs(report, specs, useColor(o.color, ctx.io), ctx.io.stdout);
  if (!specs.some((s) => s.format === 'table' && !s.file)) for (const w of report.warnings) ctx.warn(w);
  if (nothingRead) return 2;
  return gate(report, o.failOn);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks).toString('utf8');
}
