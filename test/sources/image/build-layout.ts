import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tarStream from 'tar-stream';

/** A tar entry for test layers: a file (content), a symlink, a hard link, a directory, or raw header fields. */
export type TestEntry = {
  name: string;
  content?: string | Buffer;
  type?: 'file' | 'symlink' | 'link' | 'directory';
  linkname?: string;
  mode?: number;
};

export function sha256(b: Buffer): string {
  return `sha256:${createHash('sha256').update(b).digest('hex')}`;
}

/** An uncompressed tar of entries (tar-stream, so names may be anything, including ../ escapes). */
export async function makeTar(entries: TestEntry[]): Promise<Buffer> {
  const pack = tarStream.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    pack.on('data', (c: unknown) => chunks.push(c as Buffer));
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  for (const e of entries) {
    const type = e.type ?? 'file';
    const header = { name: e.name, type, mode: e.mode ?? (type === 'directory' ? 0o755 : 0o644), mtime: new Date(0), ...(e.linkname ? { linkname: e.linkname } : {}) };
    if (type === 'file') pack.entry(header, typeof e.content === 'string' ? Buffer.from(e.content) : (e.content ?? Buffer.alloc(0)));
    else pack.entry(header);
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

export interface TestLayer {
  /** The uncompressed tar. */
  tar: Buffer;
  /** How the blob is stored: gzip (default) or plain; `blob` overrides the stored bytes (corruption). */
  compress?: 'gzip' | 'none';
  blob?: Buffer;
  /** Leave the blob out of the layout. */
  missing?: boolean;
  /** Store exactly these bytes and describe them by their own digest (a well-formed descriptor of bad data). */
  stored?: Buffer;
}

/**
 * Write an OCI image layout with one manifest (tag `t`) over the given layers. The descriptors and diff ids
 * are those of the intended content, so corrupt/missing blobs are detected as such.
 */
export function writeLayout(dir: string, layers: TestLayer[], config: Record<string, unknown> = {}): string {
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  const put = (b: Buffer) => {
    const d = sha256(b);
    writeFileSync(join(dir, 'blobs', 'sha256', d.slice(7)), b);
    return d;
  };
  const descs = layers.map((l) => {
    const stored = l.stored ?? (l.compress === 'none' ? l.tar : gzipSync(l.tar));
    const digest = sha256(stored);
    if (!l.missing) writeFileSync(join(dir, 'blobs', 'sha256', digest.slice(7)), l.blob ?? stored);
    return { mediaType: l.compress === 'none' ? 'application/vnd.oci.image.layer.v1.tar' : 'application/vnd.oci.image.layer.v1.tar+gzip', digest, size: stored.length };
  });
  const cfg = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, ...config, rootfs: { type: 'layers', diff_ids: layers.map((l) => sha256(l.tar)) } }));
  const cfgDigest = put(cfg);
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: cfgDigest, size: cfg.length }, layers: descs }));
  const md = put(manifest);
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: md, size: manifest.length, annotations: { 'org.opencontainers.image.ref.name': 't' } }] }));
  return `oci-layout:${dir}:t`;
}
