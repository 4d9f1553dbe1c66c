import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { buildServer } from '../server/app.js';
import { DbUrlError, parseDbUrl, type DbTarget } from '../server/store/connect.js';
import { openStore } from '../server/store/kysely-store.js';
import type { Scope } from '../server/store/types.js';
import { UsageError, type Ctx } from './io.js';
import { parseListen } from './listen.js';
import { SERVE_OPTIONS, TOKEN_CREATE_OPTIONS } from './option-sets.js';
import { optionValues } from './options.js';

function dbTarget(url: string): DbTarget {
  try {
    return parseDbUrl(url);
  } catch (err) {
    if (err instanceof DbUrlError) throw new UsageError(err.message);
    throw err;
  }
}

/** Where the store is, for a log line: the SQLite file, or the PostgreSQL host and database without credentials. */
function describeDb(t: DbTarget): string {
  if (t.dialect === 'sqlite') return `SQLite ${t.location}`;
  try {
    const u = new URL(t.location);
    return `PostgreSQL ${u.host}${u.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

async function readNamed(file: string, flag: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`${flag} ${file}: ${(err as Error).message}`);
  }
}

function stopped(ctx: Ctx): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    if (ctx.io.signal) {
      if (ctx.io.signal.aborted) return resolve();
      ctx.io.signal.addEventListener('abort', stop, { once: true });
      return;
    }
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/**
 * `kubeward serve`: the API and dashboard over the store `--db` names, until SIGINT or SIGTERM. On an empty
 * store it creates one admin token and prints it once on stderr.
 */
export async function runServe(cmd: Command, ctx: Ctx): Promise<number> {
  const { values: o } = optionValues(cmd, SERVE_OPTIONS, ctx.io.env);
  const { host, port } = parseListen(o.serverListen);
  if (Boolean(o.tlsCert) !== Boolean(o.tlsKey)) throw new UsageError('--tls-cert and --tls-key go together');
  const tls = o.tlsCert && o.tlsKey ? { cert: await readNamed(o.tlsCert, '--tls-cert'), key: await readNamed(o.tlsKey, '--tls-key') } : undefined;
  const target = dbTarget(o.serverDb);
  const store = await openStore(target);
  try {
    if ((await store.countTokens()) === 0) {
      const { token } = await store.createToken('admin', null);
      // Written directly, not through ctx.note: the one place a token is meant to be shown.
      ctx.io.stderr.write(`admin token (shown once): ${token}\n`);
    }
    const app = await buildServer({ store, ...(tls ? { tls } : {}) });
    await app.listen({ host, port });
    const addr = app.server.address();
    const shown = typeof addr === 'object' && addr ? `${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}` : `${host}:${port}`;
    ctx.note(`server listening on ${tls ? 'https' : 'http'}://${shown} (${describeDb(target)})`);
    await stopped(ctx);
    await app.close();
    ctx.note('server stopped');
  } finally {
    await store.close();
  }
  return 0;
}

/** `kubeward serve token create`: a new token of the scope, printed once on stdout (only its hash is stored). */
export async function runTokenCreate(cmd: Command, ctx: Ctx): Promise<number> {
  // `serve token create --db X`: commander hands --db to `serve`, which declares it too; it is meant for this command.
  for (let up = cmd.parent; up; up = up.parent) {
    if (cmd.getOptionValueSource('db') !== 'cli' && up.getOptionValueSource('db') === 'cli') cmd.setOptionValueWithSource('db', up.getOptionValue('db'), 'cli');
  }
  const { values: o } = optionValues(cmd, TOKEN_CREATE_OPTIONS, ctx.io.env);
  if (!o.tokenScope) throw new UsageError('token create needs --scope read|write:scans|admin');
  const scope = o.tokenScope as Scope;
  if (scope === 'write:scans' && !o.tokenCluster) throw new UsageError('a write:scans token is bound to one cluster: give --cluster NAME');
  if (scope !== 'write:scans' && o.tokenCluster) throw new UsageError('--cluster goes with --scope write:scans only (read and admin tokens see every cluster)');
  if (o.tokenCluster && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(o.tokenCluster)) throw new UsageError(`--cluster must be letters, digits, ".", "_" or "-" (got "${o.tokenCluster}")`);
  const store = await openStore(dbTarget(o.serverDb));
  try {
    const { token } = await store.createToken(scope, o.tokenCluster ?? null);
    ctx.io.stdout.write(`${token}\n`);
  } finally {
    await store.close();
  }
  return 0;
}
