import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Test helpers for the real-registry tests (Debian's docker-registry and skopeo). */
export const REGISTRY_BINARIES = ['/usr/bin/docker-registry', '/usr/bin/skopeo'];

/** Why the real-registry tests cannot run here ('' when they can); printed once. */
export function registrySkipReason(): string {
  const missing = REGISTRY_BINARIES.filter((b) => !existsSync(b));
  const reason = missing.length ? `${missing.join(', ')} not installed (apt-get install -y docker-registry skopeo)` : '';
  if (reason && process.env.CI !== 'true') console.log(`# skipping the real-registry test: ${reason}`);
  return reason;
}

/** true to run; under CI a missing tool fails the test instead of skipping it. */
export function guard(t: { skip(msg: string): void }, reason: string): boolean {
  if (!reason) return true;
  if (process.env.CI === 'true') assert.fail(`CI=true but ${reason}`);
  t.skip(reason);
  return false;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

export async function waitFor(url: string, ms: number, ok: (status: number) => boolean = (status) => status === 200): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url);
      await r.body?.cancel();
      if (ok(r.status)) return;
    } catch {
      // not up yet
    }
    if (Date.now() > end) throw new Error(`registry did not answer ${url} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function skopeo(...args: string[]): void {
  const r = spawnSync('skopeo', args, { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `skopeo ${args.join(' ')}: ${r.stderr}`);
}

/** skopeo without blocking the event loop (needed when this process serves the token endpoint it calls). */
export function skopeoAsync(...args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('skopeo', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    const timer = setTimeout(() => child.kill('SIGTERM'), 120_000);
    child.stderr!.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`skopeo ${args.join(' ')} exited ${code}: ${err}`));
    });
  });
}

/** Start docker-registry on 127.0.0.1:port with storage in dir and extra config lines; resolves once it answers. */
export async function startRegistry(dir: string, port: number, extra: string[] = [], ready: (s: number) => boolean = (s) => s === 200): Promise<{ child: ChildProcess; log: () => string }> {
  writeFileSync(join(dir, 'config.yml'), [
    'version: 0.1',
    'log: {level: warn}',
    `storage: {filesystem: {rootdirectory: ${JSON.stringify(join(dir, 'storage'))}}, delete: {enabled: true}}`,
    `http: {addr: "127.0.0.1:${port}"}`,
    ...extra,
    '',
  ].join('\n'));
  let log = '';
  const child = spawn('/usr/bin/docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  try {
    await waitFor(`http://127.0.0.1:${port}/v2/`, 15_000, ready);
  } catch (err) {
    child.kill('SIGTERM');
    throw new Error(`${(err as Error).message}\n${log}`);
  }
  return { child, log: () => log };
}
