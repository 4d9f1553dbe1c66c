import type { Command } from 'commander';
import { readRequestFile } from '../engine/config.js';
import { FRAMEWORK_IDS } from '../engine/catalog.js';
import type { ScanRequest } from '../engine/request.js';
import { scan } from '../engine/scan.js';
import { uploadChunks } from '../report/index.js';
import { inputRequest } from './inputs.js';
import { UsageError, type Ctx } from './io.js';
import { AGENT_OPTIONS } from './option-sets.js';
import { optionValues } from './options.js';
import { commandConfig, pathResolver } from './scan.js';
import { upload, UploadError, uploadedNote, uploadTarget } from './upload.js';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "6h", "30m", "1h30m", "90s" → ms; at least 10 s. */
export function parseInterval(text: string): number {
  const parts = [...text.trim().matchAll(/(\d+)([smhd])/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== text.trim()) throw new UsageError(`--interval must be a duration like 30m, 6h or 1h30m (got "${text}")`);
  const ms = parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]!]!, 0);
  if (ms < 10_000) throw new UsageError(`--interval must be at least 10s (got "${text}")`);
  return ms;
}

/**
 * `kubeward agent`: scan the live cluster (the pod's service account, or a kubeconfig) with every compliance
 * framework, and upload the report to the server; with --once a single round (a CronJob), else one round every
 * --interval until SIGTERM/SIGINT. A failed round is said on stderr; --once then exits 2.
 */
export async function runAgent(cmd: Command, ctx: Ctx): Promise<number> {
  const { config, dir } = await commandConfig(cmd, ctx, undefined);
  const { values: o, sources } = optionValues(cmd, AGENT_OPTIONS, ctx.io.env, config);
  const at = pathResolver(sources, dir);
  const target = uploadTarget(o, o.server, '--server');
  if (!target) throw new UsageError('agent needs --server URL (the kubeward server to upload to)');
  if (o.once && sources.interval === 'flag') throw new UsageError('--once and --interval exclude each other');
  const interval = parseInterval(o.interval);
  const request: ScanRequest = {
    ...inputRequest([], {
      ...(o.kubeconfig ? { kubeconfig: at('kubeconfig', o.kubeconfig) } : {}),
      ...(o.context ? { context: o.context } : {}),
      ...(o.clusterNamespace?.length ? { namespaces: o.clusterNamespace } : {}),
      ...(o.excludeNamespaces?.length ? { excludeNamespaces: o.excludeNamespaces } : {}),
    }, { helmRelease: 'release-name' }, ctx),
    pss: o.pss,
    frameworks: [...FRAMEWORK_IDS],
    analyses: true,
    ...(o.checks ? { checks: o.checks } : {}),
    ...(o.skipChecks ? { skipChecks: o.skipChecks } : {}),
    ...(config?.severity ? { severity: config.severity } : {}),
    ...(config?.checkOptions ? { checkOptions: config.checkOptions } : {}),
    ...(o.exceptionsFile ? { exceptions: await readRequestFile(at('exceptionsFile', o.exceptionsFile), 'exceptions file') } : {}),
  };

  const stop = new AbortController();
  const onSignal = () => stop.abort();
  if (!o.once) {
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  const round = async (): Promise<boolean> => {
    try {
      const report = await scan({ ...request, stdin: ctx.io.stdin });
      const n = report.findings.length;
      ctx.note(`scanned the cluster: ${report.summary.objects} objects, ${n} finding${n === 1 ? '' : 's'}${report.warnings.length ? `, ${report.warnings.length} warnings` : ''}`);
      for (const w of report.warnings) ctx.warn(w);
      const done = await upload('scans', () => uploadChunks(report), target, { onRetry: (m) => ctx.note(m), signal: stop.signal });
      ctx.note(uploadedNote(done, target));
      return true;
    } catch (err) {
      if (err instanceof UploadError) ctx.note(`upload failed: ${err.message}`);
      else ctx.note(`scan failed: ${(err as Error).message}`);
      return false;
    }
  };
  try {
    if (o.once) return (await round()) ? 0 : 2;
    while (!stop.signal.aborted) {
      await round();
      if (stop.signal.aborted) break;
      ctx.note(`next scan in ${o.interval}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, interval);
        stop.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
      });
    }
    ctx.note('agent stopped');
    return 0;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
}
