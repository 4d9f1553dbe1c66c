import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Distro, Package } from '../../vuln/types.js';
import { parseDigest } from './digest.js';
import { OS_RELEASE_FILES, parseAlpineRelease, parseOsRelease } from './analyzers/os-release.js';
import type { FileAnalyzer } from './analyzers/types.js';
import { ImageFs, normalizePath, SymlinkLoopError, type FileNode } from './image-fs.js';
import { readLayer, type Compression, type LayerEntry } from './layer-reader.js';
import { finishPackage, sortPackages } from './purl.js';
import type { ImageProblem, ResolvedImage } from './types.js';

/** Small files kept in memory for the distro and the config checks. */
export const KEPT_FILES = new Set<string>([...OS_RELEASE_FILES, 'etc/shadow', 'etc/passwd', 'etc/group']);
const MAX_KEPT_BYTES = 1024 * 1024;

/** Default cap on any one file held in memory for an analyzer; bigger files are reported, not read. */
export const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;

export interface LayerInfo {
  index: number;
  digest?: string;
  diffId: string;
  mediaType?: string;
  size?: number;
  compression?: Compression;
  files: number;
  whiteouts: number;
  /** Set when the layer could not be read: its files are left out. */
  error?: string;
}

export interface ImageContents {
  fs: ImageFs;
  layers: LayerInfo[];
  distro?: Distro;
  packages: Package[];
  problems: ImageProblem[];
}

export interface ReadOptions {
  maxFileBytes?: number;
  /** Cap on one layer's uncompressed size (default DEFAULT_MAX_LAYER_BYTES). */
  maxLayerBytes?: number;
}

async function drain(body: Readable): Promise<void> {
  body.resume();
  await new Promise<void>((res, rej) => {
    body.once('end', res);
    body.once('error', rej);
  });
}

function collect(body: Readable): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const parts: Buffer[] = [];
    body.on('data', (c: Buffer) => parts.push(c));
    body.once('end', () => resolve(parts.length === 1 ? parts[0]! : Buffer.concat(parts)));
    body.once('error', reject);
  });
}

/**
 * Stream every layer of a resolved image in order, applying whiteouts, keeping only the files an analyzer
 * requires (one at a time, up to `maxFileBytes`) and a file index. Problems with one layer or one file are
 * collected; everything else is still read.
 */
export async function readImageContents(img: ResolvedImage, analyzers: readonly FileAnalyzer[], opts: ReadOptions = {}): Promise<ImageContents> {
  const maxFile = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const fs = new ImageFs();
  const problems: ImageProblem[] = [];
  const diffIds = img.config.rootfs?.diff_ids ?? [];
  const layers: LayerInfo[] = [];
  for (let i = 0; i < img.layers.length; i++) {
    const d = img.layers[i]!;
    const diffId = diffIds[i]!;
    const info: LayerInfo = { index: i, diffId, files: 0, whiteouts: 0 };
    if (d.digest) info.digest = d.digest;
    if (d.mediaType) info.mediaType = d.mediaType;
    if (d.size !== undefined) info.size = d.size;
    layers.push(info);
    fs.beginLayer(i);
    const fileProblems: ImageProblem[] = [];
    const onEntry = async (e: LayerEntry, body: Readable): Promise<void> => {
      const path = normalizePath(e.name);
      if (path === null || (e.type === 'link' && e.linkname !== undefined && normalizePath(e.linkname) === null)) {
        fileProblems.push({ scope: 'file', layer: diffId, path: e.name, message: `refused: ${path === null ? 'path' : 'hard link target'} escapes the image root` });
        return drain(body);
      }
      if (path === '') return drain(body);
      const node: FileNode = { path, type: e.type, mode: e.mode, size: e.size, uid: e.uid, gid: e.gid, layer: i };
      if (e.linkname !== undefined) node.linkname = e.type === 'link' ? (normalizePath(e.linkname) ?? '') : e.linkname;
      if (fs.add(node)) {
        info.whiteouts++;
        return drain(body);
      }
      info.files++;
      if (e.type !== 'file') return drain(body);
      const fi = { size: e.size, mode: e.mode };
      let wanted: FileAnalyzer[] | undefined;
      for (const a of analyzers) if (a.required(path, fi)) (wanted ??= []).push(a);
      const keep = KEPT_FILES.has(path) && e.size <= MAX_KEPT_BYTES;
      if (!wanted && !keep) return drain(body);
      if (e.size > maxFile) {
        fileProblems.push({ scope: 'file', layer: diffId, path, message: `not analyzed: ${e.size} bytes is over the ${maxFile}-byte limit for one file` });
        return drain(body);
      }
      const content = await collect(body);
      if (keep) node.content = content;
      for (const a of wanted ?? []) {
        try {
          const found = await a.analyze(path, content);
          if (found.length) {
            // One by one: a lockfile of a million packages would overflow the stack as spread arguments.
            const list = (node.packages ??= []);
            for (const p of found) list.push(p);
          }
        } catch (err) {
          fileProblems.push({ scope: 'file', layer: diffId, path, message: `${a.id}: ${(err as Error).message}` });
        }
      }
    };
    try {
      const raw = await img.blobs.openBlob(d);
      const expect = {
        diffId,
        ...(d.digest ? { digest: d.digest } : {}),
        ...(d.size !== undefined ? { size: d.size } : {}),
        ...(opts.maxLayerBytes !== undefined ? { maxBytes: opts.maxLayerBytes } : {}),
      };
      const r = await readLayer(raw, expect, onEntry);
      info.compression = r.compression;
      fs.commitLayer();
      for (const p of fileProblems) problems.push(p);
    } catch (err) {
      fs.abortLayer();
      info.error = (err as Error).message;
      // A corrupt stream is most often a blob that is not what its descriptor says: say so when it is.
      if (d.digest && !/digest mismatch/.test(info.error)) {
        const mismatch = await blobMismatch(img, d).catch(() => undefined);
        if (mismatch) info.error = mismatch;
      }
      problems.push({ scope: 'layer', layer: diffId, message: `layer ${i + 1} (${d.digest ?? diffId}) not scanned: ${info.error}` });
    }
  }
  const distro = findDistro(fs, problems);
  const found: Package[] = [];
  for (const n of fs.nodes.values()) {
    if (!n.packages) continue;
    for (const p of n.packages) found.push(finishPackage(p, `/${n.path}`, diffIds[n.layer], distro));
  }
  return { fs, layers, distro, packages: sortPackages(found), problems };
}

/** Hash a layer blob once more after a read error: a digest mismatch explains the error better. */
async function blobMismatch(img: ResolvedImage, d: ResolvedImage['layers'][number]): Promise<string | undefined> {
  const { algorithm } = parseDigest(d.digest!);
  const h = createHash(algorithm);
  let bytes = 0;
  for await (const c of await img.blobs.openBlob(d)) {
    h.update(c as Buffer);
    bytes += (c as Buffer).length;
    if (d.size !== undefined && bytes > d.size) return `layer blob is larger than its declared size of ${d.size} bytes: not the blob described`;
  }
  const got = `${algorithm}:${h.digest('hex')}`;
  if (got === d.digest) return undefined;
  return `layer digest mismatch: descriptor says ${d.digest}${d.size !== undefined && d.size !== bytes ? ` (${d.size} bytes)` : ''}, content is ${got} (${bytes} bytes)`;
}

/** The content of a kept file, following symlinks; loops are reported. */
export function keptContent(fs: ImageFs, path: string, problems: ImageProblem[]): Buffer | undefined {
  try {
    return fs.resolve(path)?.content;
  } catch (err) {
    if (err instanceof SymlinkLoopError) {
      problems.push({ scope: 'file', path: `/${path}`, message: err.message });
      return undefined;
    }
    throw err;
  }
}

function findDistro(fs: ImageFs, problems: ImageProblem[]): Distro | undefined {
  for (const f of OS_RELEASE_FILES) {
    const c = keptContent(fs, f, problems);
    if (!c) continue;
    const d = f === 'etc/alpine-release' ? parseAlpineRelease(c.toString('utf8')) : parseOsRelease(c.toString('utf8'));
    if (d) return d;
  }
  return undefined;
}
