import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small OCI distribution API server over the blobs of an OCI layout (test helper): tags from index.json,
 * optional extra manifests (e.g. a multi-arch index), optional bearer-token auth with a token endpoint that
 * checks basic credentials, and a hook to corrupt blobs.
 */
export interface FakeRegistryOptions {
  layout: string;
  repo: string;
  auth?: { username: string; password: string; token: string; scheme?: 'bearer' | 'basic' };
  extraManifests?: Record<string, { body: Buffer; mediaType: string }>;
  corrupt?: (digest: string, data: Buffer) => Buffer | undefined;
}

export interface FakeRegistry {
  url: string;
  host: string;
  requests: string[];
  close(): Promise<void>;
}

export function sha256(b: Buffer): string {
  return `sha256:${createHash('sha256').update(b).digest('hex')}`;
}

export async function startFakeRegistry(o: FakeRegistryOptions): Promise<FakeRegistry> {
  const index = JSON.parse(readFileSync(`${o.layout}/index.json`, 'utf8')) as { manifests: { digest: string; mediaType: string; annotations?: Record<string, string> }[] };
  const tags = new Map<string, { digest: string; mediaType: string }>();
  for (const m of index.manifests) if (m.annotations?.['org.opencontainers.image.ref.name']) tags.set(m.annotations['org.opencontainers.image.ref.name'], m);
  const extra = new Map<string, { body: Buffer; mediaType: string; digest: string }>();
  for (const [tag, m] of Object.entries(o.extraManifests ?? {})) extra.set(tag, { ...m, digest: sha256(m.body) });
  const requests: string[] = [];
  let base = '';
  const blob = (digest: string): Buffer | undefined => {
    for (const e of extra.values()) if (e.digest === digest) return e.body;
    try {
      return readFileSync(`${o.layout}/blobs/sha256/${digest.replace(/^sha256:/, '')}`);
    } catch {
      return undefined;
    }
  };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    requests.push(`${req.method} ${url.pathname}`);
    if (url.pathname === '/token') {
      const want = `Basic ${Buffer.from(`${o.auth!.username}:${o.auth!.password}`).toString('base64')}`;
      if (req.headers.authorization !== want || url.searchParams.get('scope') !== `repository:${o.repo}:pull`) {
        res.writeHead(401).end('{"errors":[{"code":"UNAUTHORIZED"}]}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: o.auth!.token }));
      return;
    }
    if (o.auth?.scheme === 'basic') {
      if (req.headers.authorization !== `Basic ${Buffer.from(`${o.auth.username}:${o.auth.password}`).toString('base64')}`) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="fake-registry"' }).end();
        return;
      }
    } else if (o.auth && req.headers.authorization !== `Bearer ${o.auth.token}`) {
      res.writeHead(401, { 'www-authenticate': `Bearer realm="${base}/token",service="fake-registry",scope="repository:${o.repo}:pull"` }).end();
      return;
    }
    if (url.pathname === '/v2/') {
      res.writeHead(200, { 'docker-distribution-api-version': 'registry/2.0' }).end('{}');
      return;
    }
    const m = new RegExp(`^/v2/${o.repo}/(manifests|blobs)/(.+)$`).exec(url.pathname);
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    if (m[1] === 'manifests') {
      const ref = decodeURIComponent(m[2]!);
      const e = extra.get(ref);
      const t = e ?? tags.get(ref) ?? [...tags.values(), ...extra.values()].find((x) => x.digest === ref);
      const body = e?.body ?? (t ? blob(t.digest) : undefined);
      if (!t || !body) {
        res.writeHead(404).end('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
        return;
      }
      res.writeHead(200, { 'content-type': t.mediaType, 'docker-content-digest': t.digest, 'content-length': body.length }).end(body);
      return;
    }
    const digest = decodeURIComponent(m[2]!);
    // Manifests are served at /manifests/ only, as many registries do.
    if ([...tags.values(), ...extra.values()].some((x) => x.digest === digest)) {
      res.writeHead(404).end('{"errors":[{"code":"BLOB_UNKNOWN"}]}');
      return;
    }
    let data = blob(digest);
    if (!data) {
      res.writeHead(404).end('{"errors":[{"code":"BLOB_UNKNOWN"}]}');
      return;
    }
    data = o.corrupt?.(digest, data) ?? data;
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': data.length }).end(data);
  };
  const server: Server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    host: `127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
