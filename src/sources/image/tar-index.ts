import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { openRegular } from '../regular-file.js';
import { Readable } from 'node:stream';

/** One member of a tar file: where its data sits, without reading it. */
export interface TarMember {
  name: string;
  type: 'file' | 'directory' | 'symlink' | 'link' | 'other';
  linkname?: string;
  offset: number;
  size: number;
}

/** Error in the structure of a tarball (truncated, bad header). */
export class TarIndexError extends Error {}

function octal(buf: Buffer, start: number, len: number): number {
  // GNU base-256 for big sizes
  if (buf[start]! & 0x80) {
    let v = 0;
    for (let i = start + 1; i < start + len; i++) v = v * 256 + buf[i]!;
    return v;
  }
  const s = buf.toString('latin1', start, start + len).replace(/\0.*$/s, '').trim();
  if (s === '') return 0;
  if (!/^[0-7]+$/.test(s)) throw new TarIndexError(`bad number field "${s}" in tar header`);
  return parseInt(s, 8);
}

function cstr(buf: Buffer, start: number, len: number): string {
  const end = buf.indexOf(0, start);
  return buf.toString('utf8', start, end === -1 || end > start + len ? start + len : end);
}

function paxRecords(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < data.length) {
    const sp = data.indexOf(0x20, i);
    if (sp === -1) break;
    const len = parseInt(data.toString('latin1', i, sp), 10);
    if (!(len > 0)) break;
    const rec = data.toString('utf8', sp + 1, i + len - 1);
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    i += len;
  }
  return out;
}

/**
 * Index a tar file by reading only its 512-byte headers (and pax / GNU long-name records), so members can be
 * streamed later by offset. Used for docker-archive and oci-archive tarballs: nothing is extracted.
 */
export class TarFile {
  readonly members = new Map<string, TarMember>();
  private constructor(readonly path: string, private readonly fileSize: number) {}

  static open(path: string): TarFile {
    // A FIFO or a device is refused at once (a symlink to /dev/zero would be read forever).
    const { fd, size } = openRegular(path);
    try {
      const t = new TarFile(path, size);
      t.scan(fd);
      return t;
    } finally {
      closeSync(fd);
    }
  }

  private scan(fd: number): void {
    const header = Buffer.alloc(512);
    let pos = 0;
    let pax: Record<string, string> = {};
    let longName: string | undefined;
    let longLink: string | undefined;
    for (;;) {
      const n = readSync(fd, header, 0, 512, pos);
      if (n === 0) return; // end without the two zero blocks: tolerated, as tar does
      if (n < 512) throw new TarIndexError(`tar truncated: partial header at byte ${pos}`);
      if (header.every((b) => b === 0)) return;
      let sum = 0;
      for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
      if (sum !== octal(header, 148, 8)) throw new TarIndexError(`tar header checksum mismatch at byte ${pos}`);
      const size = octal(header, 124, 12);
      const flag = String.fromCharCode(header[156]!);
      const dataAt = pos + 512;
      if (dataAt + size > this.fileSize) throw new TarIndexError(`tar truncated: member at byte ${pos} needs ${size} bytes, file ends at ${this.fileSize}`);
      pos = dataAt + Math.ceil(size / 512) * 512;
      if (flag === 'x' || flag === 'L' || flag === 'K') {
        const data = Buffer.alloc(size);
        readSync(fd, data, 0, size, dataAt);
        if (flag === 'x') pax = paxRecords(data);
        else if (flag === 'L') longName = data.toString('utf8').replace(/\0+$/, '');
        else longLink = data.toString('utf8').replace(/\0+$/, '');
        continue;
      }
      if (flag === 'g') continue;
      const prefix = header.toString('latin1', 257, 263) === 'ustar\u0000' || header.toString('latin1', 257, 262) === 'ustar' ? cstr(header, 345, 155) : '';
      let name = pax.path ?? longName ?? (prefix ? `${prefix}/${cstr(header, 0, 100)}` : cstr(header, 0, 100));
      const linkname = pax.linkpath ?? longLink ?? cstr(header, 157, 100);
      pax = {};
      longName = longLink = undefined;
      name = name.replace(/^\.\//, '').replace(/\/+$/, '');
      const type = flag === '0' || flag === '\0' || flag === '7' ? 'file' : flag === '5' ? 'directory' : flag === '2' ? 'symlink' : flag === '1' ? 'link' : 'other';
      this.members.set(name, { name, type, linkname: type === 'symlink' || type === 'link' ? linkname : undefined, offset: dataAt, size });
    }
  }

  /** The member at `name`, following symlinks and hard links inside the tarball (bounded). */
  resolve(name: string): TarMember | undefined {
    let cur = name.replace(/^\.\//, '');
    for (let hops = 0; hops < 16; hops++) {
      const m = this.members.get(cur);
      if (!m) return undefined;
      if (m.type === 'file') return m;
      if (m.type === 'link' && m.linkname) cur = m.linkname.replace(/^\.\//, '');
      else if (m.type === 'symlink' && m.linkname) cur = joinTarPath(cur, m.linkname);
      else return undefined;
    }
    return undefined;
  }

  stream(m: TarMember): Readable {
    if (m.size === 0) return Readable.from([]);
    return createReadStream(this.path, { start: m.offset, end: m.offset + m.size - 1, highWaterMark: 256 * 1024 });
  }

  read(m: TarMember): Buffer {
    const fd = openSync(this.path, 'r');
    try {
      const b = Buffer.alloc(m.size);
      readSync(fd, b, 0, m.size, m.offset);
      return b;
    } finally {
      closeSync(fd);
    }
  }
}

function joinTarPath(from: string, link: string): string {
  const parts = link.startsWith('/') ? [] : from.split('/').slice(0, -1);
  for (const p of link.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return parts.join('/');
}
