import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { digestOf, parseDigest, verifyBlob } from './digest.js';
import type { ImageRef } from './reference.js';
import { credentialsFor, dockerConfigPath, isLoopbackHost, parseChallenge, type BasicCredentials } from './registry-auth.js';
import { MAX_METADATA_BLOB, resolveManifest } from './resolve.js';
import { ImageError, MEDIA, type BlobSource, type Descriptor, type ImageOpenOptions, type ResolvedImage } from './types.js';

const MANIFEST_ACCEPT = [MEDIA.ociIndex, MEDIA.ociManifest, MEDIA.dockerList, MEDIA.dockerManifest].join(', ');

export type RegistryRef = Extract<ImageRef, { kind: 'registry' }>;

/**
 * A client for one repository over the OCI distribution API, with anonymous, basic and bearer-token auth.
 * Exported for the signature verifier (src/sources/image/signature/), which reads `sha256-<hex>.sig` tags.
 */
export class RegistryClient implements BlobSource {
  private token?: string;
  private readonly base: string;
  private readonly fetch: typeof fetch;
  private readonly creds?: BasicCredentials;

  constructor(private readonly ref: RegistryRef, private readonly opts: ImageOpenOptions) {
    const host = ref.registry === 'docker.io' ? 'registry-1.docker.io' : ref.registry;
    if (opts.insecure && !isLoopbackHost(host)) throw new ImageError(`--insecure allows plain http only for loopback registries (127.0.0.1, ::1, localhost), not ${host}`);
    this.base = `${opts.insecure ? 'http' : 'https'}://${host}`;
    this.fetch = opts.fetch ?? fetch;
    this.creds = credentialsFor(ref.registry, opts.dockerConfig ?? dockerConfigPath());
  }

  private async request(path: string, accept?: string): Promise<Response> {
    const url = `${this.base}/v2/${this.ref.repository}/${path}`;
    const send = (auth?: string) => {
      const headers: Record<string, string> = {};
      if (accept) headers.accept = accept;
      if (auth) headers.authorization = auth;
      // Manifests and tokens are small: a stalled registry fails after a minute. Blobs stream without a deadline.
      const signal = path.startsWith('manifests/') ? AbortSignal.timeout(60_000) : undefined;
      return this.fetch(url, signal ? { headers, redirect: 'follow', signal } : { headers, redirect: 'follow' }).catch((err: Error) => {
        throw new ImageError(`cannot reach ${this.base}: ${(err.cause as Error | undefined)?.message ?? err.message}`);
      });
    };
    let res = await send(this.token ? `Bearer ${this.token}` : undefined);
    if (res.status === 401) {
      const ch = parseChallenge(res.headers.get('www-authenticate') ?? '');
      await res.body?.cancel();
      if (ch?.scheme === 'bearer') {
        this.token = await this.fetchToken(ch.params);
        res = await send(`Bearer ${this.token}`);
      } else if (ch?.scheme === 'basic' && this.creds) {
        res = await send(`Basic ${Buffer.from(`${this.creds.username}:${this.creds.password}`).toString('base64')}`);
      }
    }
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      throw new ImageError(`${this.ref.registry}/${this.ref.repository}: access denied (HTTP ${res.status})${this.creds ? '' : '; no credentials for this registry in the Docker config'}`);
    }
    return res;
  }

  private async fetchToken(p: Record<string, string>): Promise<string> {
    if (!p.realm) throw new ImageError('bearer challenge without a realm');
    const realm = new URL(p.realm);
    if (realm.protocol === 'http:' && !(this.opts.insecure && isLoopbackHost(realm.host))) {
      throw new ImageError(`token realm ${realm.origin} is plain http (allowed only with --insecure on loopback)`);
    }
    if (p.service) realm.searchParams.set('service', p.service);
    realm.searchParams.set('scope', p.scope ?? `repository:${this.ref.repository}:pull`);
    const headers: Record<string, string> = {};
    if (this.creds) headers.authorization = `Basic ${Buffer.from(`${this.creds.username}:${this.creds.password}`).toString('base64')}`;
    const res = await this.fetch(realm, { headers, signal: AbortSignal.timeout(60_000) }).catch((err: Error) => {
      throw new ImageError(`cannot reach token service ${realm.origin}: ${err.message}`);
    });
    if (!res.ok) throw new ImageError(`token service ${realm.origin} refused (HTTP ${res.status})`);
    const body = (await res.json().catch(() => ({}))) as { token?: string; access_token?: string };
    const t = body.token ?? body.access_token;
    if (!t) throw new ImageError(`token service ${realm.origin} returned no token`);
    return t;
  }

  private async body(res: Response, what: string, limit: number): Promise<Buffer> {
    const len = Number(res.headers.get('content-length') ?? '0');
    if (len > limit) {
      await res.body?.cancel();
      throw new ImageError(`${what} is ${len} bytes, over the ${limit}-byte limit`);
    }
    const buf = Buffer.from(await res.arrayBuffer());
    if (buf.length > limit) throw new ImageError(`${what} is over the ${limit}-byte limit`);
    return buf;
  }

  /** A child manifest of an index, by digest, verified. */
  async readManifest(d: Descriptor): Promise<{ body: Buffer; mediaType?: string }> {
    const m = await this.manifest(d.digest);
    verifyBlob(m.body, d.digest!, d.size, 'manifest');
    return m.mediaType ? { body: m.body, mediaType: m.mediaType } : { body: m.body };
  }

  async manifest(byDigest?: string): Promise<{ body: Buffer; mediaType?: string; digest: string }> {
    const r = byDigest ?? this.ref.digest ?? this.ref.tag ?? 'latest';
    const res = await this.request(`manifests/${r}`, MANIFEST_ACCEPT);
    if (res.status === 404) {
      await res.body?.cancel();
      throw new ImageError(`${this.ref.registry}/${this.ref.repository}: manifest ${r} not found`);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new ImageError(`${this.ref.registry}/${this.ref.repository}: manifest ${r}: HTTP ${res.status}`);
    }
    const body = await this.body(res, `manifest ${r}`, MAX_METADATA_BLOB);
    const header = res.headers.get('docker-content-digest') ?? undefined;
    const pinned = byDigest ?? this.ref.digest;
    const expected = pinned ?? header;
    const digest = expected ? (verifyBlob(body, expected, undefined, 'manifest'), expected) : digestOf(body);
    if (pinned && header && header !== pinned) throw new ImageError(`registry says manifest digest ${header}, asked for ${pinned}`);
    const ct = res.headers.get('content-type') ?? undefined;
    return ct ? { body, mediaType: ct, digest } : { body, digest };
  }

  private async blob(d: Descriptor): Promise<Response> {
    parseDigest(d.digest ?? '');
    const res = await this.request(`blobs/${d.digest}`);
    if (res.status === 404) {
      await res.body?.cancel();
      throw new ImageError(`blob ${d.digest} not found in the registry`);
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      throw new ImageError(`blob ${d.digest}: HTTP ${res.status}`);
    }
    return res;
  }

  async readBlob(d: Descriptor): Promise<Buffer> {
    const buf = await this.body(await this.blob(d), `blob ${d.digest}`, MAX_METADATA_BLOB);
    verifyBlob(buf, d.digest!, d.size);
    return buf;
  }

  async openBlob(d: Descriptor): Promise<Readable> {
    const res = await this.blob(d);
    return Readable.fromWeb(res.body as unknown as WebReadableStream<Uint8Array>);
  }
}

export async function openRegistryImage(ref: RegistryRef, reference: string, opts: ImageOpenOptions): Promise<ResolvedImage> {
  const client = new RegistryClient(ref, opts);
  const m = await client.manifest();
  const desc: Descriptor = { digest: m.digest };
  if (m.mediaType) desc.mediaType = m.mediaType;
  const r = await resolveManifest(client, desc, opts.platform, m.mediaType ? { body: m.body, mediaType: m.mediaType } : { body: m.body });
  return { reference, source: 'registry', ...r, blobs: client };
}
