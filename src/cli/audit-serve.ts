import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { createAuditEngine } from '../engine/audit.js';
import { auditAlertLine } from '../report/audit.js';
import { startAuditSink } from '../server/audit-sink.js';
import { UsageError, type Ctx } from './io.js';
import { parseListen } from './listen.js';
import { AUDIT_SERVE_OPTIONS } from './option-sets.js';
import { optionValues } from './options.js';
import { commandConfig } from './scan.js';
import { auditSettings } from './audit-settings.js';

const SIZE = /^(\d+)\s*([kmg]?)i?b?$/i;
function parseSize(text: string): number {
  const m = SIZE.exec(text.trim());
  if (!m || Number(m[1]) === 0) throw new UsageError(`--rotate-size must be a size like 100m (got "${text}")`);
  return Number(m[1]) * ({ '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as Record<string, number>)[m[2]!.toLowerCase()]!;
}

async function readNamed(file: string, flag: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`${flag} ${file}: ${(err as Error).message}`);
  }
}

/**
 * `kubeward audit serve`: the audit webhook backend, until SIGINT or SIGTERM. Test hook: the environment variable
 * KUBEWARD_AUDIT_SINK_CRASH_AFTER_BATCHES=N makes the process exit after storing its Nth batch, before answering.
 */
export async function runAuditServe(cmd: Command, ctx: Ctx): Promise<number> {
  const { config } = await commandConfig(cmd, ctx, undefined);
  const { values: o } = optionValues(cmd, AUDIT_SERVE_OPTIONS, ctx.io.env, config);
  if (!o.tlsCert || !o.tlsKey) throw new UsageError('audit serve needs --tls-cert and --tls-key (the API server sends audit events over HTTPS only)');
  if (!o.clientCa && !o.tokenFile) throw new UsageError('audit serve needs --client-ca or --token-file to authenticate the API server');
  const { host, port } = parseListen(o.listen);
  const token = o.tokenFile ? (await readNamed(o.tokenFile, '--token-file')).split(/\r?\n/)[0]!.trim() : undefined;
  if (o.tokenFile && !token) throw new UsageError(`--token-file ${o.tokenFile}: the first line is empty`);
  const crash = ctx.io.env.KUBEWARD_AUDIT_SINK_CRASH_AFTER_BATCHES;
  const sink = await startAuditSink({
    host, port,
    cert: await readNamed(o.tlsCert, '--tls-cert'), key: await readNamed(o.tlsKey, '--tls-key'),
    ...(o.clientCa ? { clientCa: await readNamed(o.clientCa, '--client-ca') } : {}),
    ...(token ? { token } : {}),
    storeDir: o.store, rotateBytes: parseSize(o.rotateSize),
    engine: createAuditEngine(auditSettings(o)),
    ...(o.alertsStdout ? { onAlert: (a) => ctx.out(auditAlertLine(a)) } : {}),
    log: (m) => ctx.note(m),
    ...(crash ? { crashAfterBatches: Number(crash) } : {}),
  });
  ctx.note(`audit sink listening on ${sink.url} (store ${o.store})`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await sink.close();
  ctx.note(`audit sink stopped: ${sink.counts.events} events in ${sink.counts.batches} batches stored, ${sink.counts.alerts} alerts`);
  return 0;
}
