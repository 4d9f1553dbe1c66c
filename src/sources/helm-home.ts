import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HOMES = ['HELM_CACHE_HOME', 'HELM_CONFIG_HOME', 'HELM_DATA_HOME'] as const;

/**
 * Run `fn` with an environment where Helm's cache, config and data homes are set: the caller's
 * own when it set them, else a fresh temp dir (removed afterwards), so rendering never writes
 * into the user's home or depends on its repository config.
 */
export async function withHelmHomes<T>(env: NodeJS.ProcessEnv, fn: (env: NodeJS.ProcessEnv) => Promise<T>): Promise<T> {
  if (HOMES.every((k) => env[k])) return fn(env);
  const dir = await mkdtemp(join(tmpdir(), 'kubeward-helm-'));
  try {
    const withHomes: NodeJS.ProcessEnv = { ...env };
    for (const k of HOMES) withHomes[k] ??= join(dir, k.slice(5, -5).toLowerCase());
    return await fn(withHomes);
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
