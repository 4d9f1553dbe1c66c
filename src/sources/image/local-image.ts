/**
 * `kubeward image scan ./app.tar` without a transport prefix: what kind of local image a path holds, judged by
 * its content — a tar with `manifest.json` (docker save, skopeo docker-archive; docker ≥ 25 also writes an OCI
 * layout beside it), a tar with `oci-layout` and `index.json` (OCI archive), a directory with `oci-layout`
 * (OCI image layout) or with `manifest.json` (an unpacked docker save). Anything else is a clear error.
 */
import { closeSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openRegular, RefusedFileError } from '../regular-file.js';
import type { ImageRef } from './reference.js';
import { TarFile, TarIndexError } from './tar-index.js';
import { ImageError } from './types.js';

type LocalRef = Extract<ImageRef, { path: string }>;

function kindOf(p: string): 'file' | 'dir' | 'other' | undefined {
  try {
    const s = statSync(p);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other';
  } catch {
    return undefined;
  }
}

/** A path as the user would type one: absolute, ./ or ../ relative, ~/, or named like an archive. */
const PATH_LIKE = /^(?:\/|\.{1,2}\/|~\/)|\.(?:tar|tar\.gz|tgz|tar\.zst|oci)(?::[^/]*)?$/i;

/** `PATH[:TAG]`: the whole input when it exists, else the shortest prefix before a colon that exists. */
function splitPath(input: string): { path: string; tag?: string } | undefined {
  if (kindOf(input)) return { path: input };
  for (let i = input.indexOf(':'); i !== -1; i = input.indexOf(':', i + 1)) {
    const p = input.slice(0, i);
    if (p && kindOf(p)) return { path: p, tag: input.slice(i + 1) };
  }
  return undefined;
}

function head(path: string, n: number): Buffer {
  const { fd } = openRegular(path);
  try {
    const b = Buffer.alloc(n);
    return b.subarray(0, readSync(fd, b, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

const EXPECTED = 'expected a docker save / docker-archive tar, an OCI archive (tar with oci-layout and index.json), or an OCI layout directory';

function describeBytes(b: Buffer): string {
  if (b.length === 0) return 'an empty file';
  if (b[0] === 0x1f && b[1] === 0x8b) return 'gzip-compressed data (decompress it first: gunzip)';
  if (b.length >= 4 && b.readUInt32LE(0) === 0xfd2fb528) return 'zstd-compressed data (decompress it first: zstd -d)';
  if (b[0] === 0x7b) return 'a JSON file, not an image archive (an SBOM is scanned with --sbom FILE)';
  return 'not a tar archive';
}

/** Is this a tar header block (a valid checksum)? */
function isTarHeader(b: Buffer): boolean {
  if (b.length < 512) return false;
  const stored = parseInt(b.toString('latin1', 148, 156).replace(/\0.*$/s, '').trim(), 8);
  if (!Number.isFinite(stored)) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : b[i]!;
  return sum === stored;
}

function archiveKind(path: string): 'docker-archive' | 'oci-archive' {
  let first: Buffer;
  try {
    first = head(path, 512);
  } catch (err) {
    if (err instanceof RefusedFileError) throw new ImageError(err.message);
    throw new ImageError(`${path}: ${(err as Error).message}`);
  }
  if (!isTarHeader(first)) throw new ImageError(`${path} is ${describeBytes(first)}: ${EXPECTED} (docker://NAME names a registry image)`);
  let tar: TarFile;
  try {
    tar = TarFile.open(path);
  } catch (err) {
    if (err instanceof TarIndexError) throw new ImageError(`${path} is a broken tar archive (${err.message}): ${EXPECTED}`);
    throw err;
  }
  if (tar.resolve('manifest.json')) return 'docker-archive';
  if (tar.resolve('oci-layout') && tar.resolve('index.json')) return 'oci-archive';
  throw new ImageError(`${path} is a tar archive without manifest.json (docker) or oci-layout and index.json (OCI): ${EXPECTED}`);
}

function dirKind(path: string): 'oci-layout' | 'docker-archive' {
  if (kindOf(join(path, 'oci-layout')) === 'file' && kindOf(join(path, 'index.json')) === 'file') return 'oci-layout';
  if (kindOf(join(path, 'manifest.json')) === 'file') return 'docker-archive';
  throw new ImageError(`${path} is a directory without oci-layout and index.json (OCI layout) or manifest.json (docker save): ${EXPECTED}`);
}

/** Has the directory a marker of a local image (so a bare `name` that is also a directory still can be one)? */
function isImageDir(path: string): boolean {
  return ['oci-layout', 'index.json', 'manifest.json'].some((f) => kindOf(join(path, f)) === 'file');
}

/**
 * The local image a prefix-less input names, or undefined when it is not a local path (then it is a registry
 * reference). A path that looks like one (`./app.tar`, `/x/layout`) but does not exist is an error, not a pull.
 */
export function detectLocalImage(input: string): LocalRef | undefined {
  const split = splitPath(input);
  if (!split) {
    if (PATH_LIKE.test(input)) throw new ImageError(`${input}: no such file or directory`);
    return undefined;
  }
  const k = kindOf(split.path);
  // A bare name (`nginx`) that is also a directory without an image marker is a registry reference; a bare
  // name that is a file is read as one (`docker://nginx` names the registry image).
  if (!PATH_LIKE.test(input) && k === 'dir' && !isImageDir(split.path)) return undefined;
  if (k === 'other') throw new ImageError(`${split.path} is not a regular file or a directory: ${EXPECTED}`);
  const kind = k === 'dir' ? dirKind(split.path) : archiveKind(split.path);
  return split.tag ? { kind, path: split.path, tag: split.tag } : { kind, path: split.path };
}
