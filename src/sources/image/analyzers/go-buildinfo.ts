import { CorruptFileError, type FileAnalyzer, type PackageDraft } from './types.js';

/** `\xff Go buildinf:`: the 14-byte magic that starts Go's build info (debug/buildinfo). */
const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');

interface Segment {
  vaddr: bigint;
  offset: number;
  size: number;
}

interface Elf {
  little: boolean;
  segments: Segment[];
  buildinfo?: { offset: number; size: number };
}

/** Just enough ELF: PT_LOAD segments (to map addresses to file offsets) and the .go.buildinfo section. */
function readElf(b: Buffer): Elf | undefined {
  if (b.length < 64 || b.readUInt32BE(0) !== 0x7f454c46) return undefined;
  const is64 = b[4] === 2;
  const little = b[5] === 1;
  const u16 = (o: number) => (little ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (o: number) => (little ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const addr = (o: number) => (is64 ? (little ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o)) : BigInt(u32(o)));
  const off = (o: number) => Number(addr(o));
  const phoff = off(is64 ? 32 : 28);
  const shoff = off(is64 ? 40 : 32);
  const phentsize = u16(is64 ? 54 : 42);
  const phnum = u16(is64 ? 56 : 44);
  const shentsize = u16(is64 ? 58 : 46);
  const shnum = u16(is64 ? 60 : 48);
  const shstrndx = u16(is64 ? 62 : 50);
  const segments: Segment[] = [];
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phentsize;
    if (p + phentsize > b.length) break;
    if (u32(p) !== 1) continue; // PT_LOAD
    if (is64) segments.push({ offset: off(p + 8), vaddr: addr(p + 16), size: off(p + 32) });
    else segments.push({ offset: u32(p + 4), vaddr: BigInt(u32(p + 8)), size: u32(p + 16) });
  }
  const elf: Elf = { little, segments };
  if (shoff > 0 && shstrndx < shnum && shoff + shnum * shentsize <= b.length) {
    const sec = (i: number) => {
      const s = shoff + i * shentsize;
      return { name: u32(s), offset: off(s + (is64 ? 24 : 16)), size: is64 ? off(s + 32) : u32(s + 20) };
    };
    const strtab = sec(shstrndx);
    for (let i = 0; i < shnum; i++) {
      const s = sec(i);
      const nameAt = strtab.offset + s.name;
      if (nameAt < b.length && b.toString('latin1', nameAt, b.indexOf(0, nameAt)) === '.go.buildinfo') elf.buildinfo = { offset: s.offset, size: s.size };
    }
  }
  return elf;
}

function uvarint(b: Buffer, at: number): [number, number] {
  let v = 0;
  let shift = 0;
  for (let i = at; i < b.length && i < at + 10; i++) {
    v += (b[i]! & 0x7f) * 2 ** shift;
    if (!(b[i]! & 0x80)) return [v, i + 1];
    shift += 7;
  }
  throw new CorruptFileError('bad varint in Go build info');
}

/** Find the build info header: in .go.buildinfo when there are section headers, else at any 16-byte-aligned offset. */
function findHeader(b: Buffer, elf: Elf | undefined): number {
  if (elf?.buildinfo) {
    const at = b.indexOf(MAGIC, elf.buildinfo.offset);
    if (at !== -1 && at < elf.buildinfo.offset + elf.buildinfo.size) return at;
  }
  for (let at = b.indexOf(MAGIC); at !== -1; at = b.indexOf(MAGIC, at + 1)) if (at % 16 === 0 || !elf) return at;
  return -1;
}

/** The version and module info strings of a Go binary, or undefined when it is not one. */
export function readBuildInfo(b: Buffer): { goVersion: string; modinfo: string } | undefined {
  if (b.indexOf(MAGIC) === -1) return undefined;
  let elf: Elf | undefined;
  try {
    elf = readElf(b);
  } catch {
    throw new CorruptFileError('Go build info in a malformed ELF file');
  }
  const at = findHeader(b, elf);
  if (at === -1 || at + 32 > b.length) return undefined;
  const ptrSize = b[at + 14]!;
  const flags = b[at + 15]!;
  let goVersion: string;
  let modinfo: string;
  if (flags & 2) {
    // Go >= 1.18: two varint-prefixed strings inline after the 32-byte header.
    let [n, p] = uvarint(b, at + 32);
    goVersion = b.toString('utf8', p, p + n);
    [n, p] = uvarint(b, p + n);
    modinfo = b.toString('utf8', p, p + n);
  } else {
    // Older: two pointers to Go string headers {data pointer, length}.
    if (!elf) throw new CorruptFileError('Go build info with pointers outside an ELF file');
    if (ptrSize !== 4 && ptrSize !== 8) throw new CorruptFileError(`Go build info pointer size ${ptrSize}`);
    const big = (flags & 1) === 1;
    const ptr = (o: number): bigint => (ptrSize === 8 ? (big ? b.readBigUInt64BE(o) : b.readBigUInt64LE(o)) : BigInt(big ? b.readUInt32BE(o) : b.readUInt32LE(o)));
    const fileOff = (va: bigint): number => {
      const s = elf.segments.find((g) => va >= g.vaddr && va < g.vaddr + BigInt(g.size));
      if (!s) throw new CorruptFileError(`Go build info address 0x${va.toString(16)} is outside every segment`);
      return s.offset + Number(va - s.vaddr);
    };
    const goString = (va: bigint): string => {
      const h = fileOff(va);
      const data = ptr(h);
      const len = Number(ptr(h + ptrSize));
      if (len === 0) return '';
      const o = fileOff(data);
      if (o + len > b.length) throw new CorruptFileError('Go build info string runs past the end of the file');
      return b.toString('utf8', o, o + len);
    };
    goVersion = goString(ptr(at + 16));
    modinfo = goString(ptr(at + 16 + ptrSize));
  }
  // The module info is framed by 16 sentinel bytes on each side.
  if (modinfo.length >= 33 && modinfo[modinfo.length - 17] === '\n') modinfo = modinfo.slice(16, -16);
  return { goVersion, modinfo };
}

/** Go's version string as a module-style version: go1.19.8 → v1.19.8 (experiments and suffixes dropped). */
function stdlibVersion(v: string): string | undefined {
  const m = /^go(\d+(?:\.\d+){0,2})((?:rc|beta)\d+)?/.exec(v);
  if (!m) return undefined;
  const parts = m[1]!.split('.');
  while (parts.length < 3) parts.push('0');
  return `v${parts.join('.')}${m[2] ? `-${m[2]}` : ''}`;
}

/**
 * Packages of a Go binary: the standard library (`stdlib` at the toolchain version), the main module when it
 * has a real version, and every `dep` (a `=>` line replaces the dep before it, as `go version -m` shows).
 */
export function parseGoBinary(b: Buffer): PackageDraft[] {
  const info = readBuildInfo(b);
  if (!info) return [];
  return goPackagesFromModinfo(info.goVersion, info.modinfo);
}

export function goPackagesFromModinfo(goVersion: string, modinfo: string): PackageDraft[] {
  const out: PackageDraft[] = [];
  const std = stdlibVersion(goVersion);
  if (std) out.push({ type: 'golang', name: 'stdlib', version: std });
  let last: PackageDraft | undefined;
  for (const line of modinfo.split('\n')) {
    const f = line.split('\t');
    if (f[0] === 'mod' && f[1] && f[2] && f[2] !== '(devel)') out.push({ type: 'golang', name: f[1], version: f[2] });
    else if (f[0] === 'dep' && f[1] && f[2]) {
      last = { type: 'golang', name: f[1], version: f[2] };
      out.push(last);
    } else if (f[0] === '=>' && f[1] && last) {
      if (f[2]) {
        last.name = f[1];
        last.version = f[2];
      } else out.splice(out.indexOf(last), 1); // replaced by a local directory: no registry version
      last = undefined;
    }
  }
  return out;
}

export const goBinaryAnalyzer: FileAnalyzer = {
  id: 'go-binary',
  version: 1,
  // Executables only; the content check (ELF with Go build info) happens in analyze.
  required: (path, info) => (info.mode & 0o111) !== 0 && info.size > 1024 && !/\.(?:so(?:\.\d+)*|sh|py|pl|rb|js)$/.test(path),
  analyze: (_path, content) => parseGoBinary(content),
};
