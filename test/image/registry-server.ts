import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * Test helper: Debian's docker-registry on 127.0.0.1 (a free port, temp storage), the way the image branch's
 * registry integration test (test/sources/image/registry-integration.test.ts) starts it, as a module.
 */
export const REGISTRY_BINARIES = ['/usr/bin/docker-registry', '/usr/bin/skopeo'];

export function missingBinaries(list = REGISTRY_BINARIES): string[] {
  return list.filter((b) => !existsSync(b));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

async function waitFor(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.status === 200) return;
    } catch {
      // not up yet
    }
    if (Date.now() > end) throw new Error(`registry did not answer ${url} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface RunningRegistry {
  host: string;
  dir: string;
  process: ChildProcess;
  log(): string;
  /** Kill the registry (by its own pid) and remove its storage. */
  stop(): void;
}

export async function startRegistry(): Promise<RunningRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'kw-registry-'));
  const host = `127.0.0.1:${await freePort()}`;
  writeFileSync(join(dir, 'config.yml'), [
    'version: 0.1',
    'log: {level: warn}',
    `storage: {filesystem: {rootdirectory: ${JSON.stringify(join(dir, 'storage'))}}, delete: {enabled: true}}`,
    `http: {addr: "${host}"}`,
    '',
  ].join('\n'));
  const child = spawn('/usr/bin/docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(`http://${host}/v2/`, 15_000);
  } catch (err) {
    stop();
    throw err;
  }
  return { host, dir, process: child, log: () => log, stop };
}

export interface ToolResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], input?: string): ToolResult {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000, ...(input !== undefined ? { input } : {}) });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '') };
}

/** The manifest digest the registry has for a tag (Docker-Content-Digest of a HEAD). */
export async function manifestDigest(host: string, repo: string, tag: string): Promise<string> {
  const accept = 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.index.v1+json';
  const r = await fetch(`http://${host}/v2/${repo}/manifests/${tag}`, { method: 'HEAD', headers: { accept } });
  const d = r.headers.get('docker-content-digest');
  if (r.status !== 200 || !d) throw new Error(`no manifest ${repo}:${tag} (HTTP ${r.status})`);
  return d;
}
