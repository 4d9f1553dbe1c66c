import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { goBinaryAnalyzer, goPackagesFromModinfo, parseGoBinary, readBuildInfo } from '../../../src/sources/image/analyzers/go-buildinfo.js';

const fx = (p: string) => readFileSync(new URL(`../../fixtures/pkgdb/go/${p}`, import.meta.url));

/** The fixture text files hold `go\tVERSION` then the module info lines. */
function infoText(name: string): { goVersion: string; modinfo: string } {
  const lines = fx(name).toString('utf8').split('\n');
  return { goVersion: lines[0]!.split('\t')[1]!, modinfo: lines.slice(1).join('\n') };
}

const SENTINEL = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');

/** A minimal little-endian ELF64 with one PT_LOAD segment and a .go.buildinfo section, in either format. */
function elfWithBuildInfo(goVersion: string, modinfo: string, inline: boolean): Buffer {
  const b = Buffer.alloc(0x1000 + modinfo.length + 64);
  const base = 0x400000n;
  b.writeUInt32BE(0x7f454c46, 0);
  b[4] = 2; b[5] = 1; b[6] = 1;
  b.writeUInt16LE(2, 16); b.writeUInt16LE(62, 18); b.writeUInt32LE(1, 20);
  b.writeBigUInt64LE(64n, 32); // phoff
  const shoff = 0x800;
  b.writeBigUInt64LE(BigInt(shoff), 40);
  b.writeUInt16LE(64, 52); b.writeUInt16LE(56, 54); b.writeUInt16LE(1, 56); b.writeUInt16LE(64, 58); b.writeUInt16LE(3, 60); b.writeUInt16LE(2, 62);
  // PT_LOAD covering the whole file at vaddr base
  b.writeUInt32LE(1, 64); b.writeUInt32LE(5, 68); b.writeBigUInt64LE(0n, 72); b.writeBigUInt64LE(base, 80); b.writeBigUInt64LE(base, 88);
  b.writeBigUInt64LE(BigInt(b.length), 96); b.writeBigUInt64LE(BigInt(b.length), 104);
  const hdr = 0x100;
  b.write('\xff Go buildinf:', hdr, 'latin1');
  b[hdr + 14] = 8;
  b[hdr + 15] = inline ? 2 : 0;
  const mod = Buffer.concat([SENTINEL, Buffer.from(modinfo), SENTINEL]);
  const ver = Buffer.from(goVersion);
  if (inline) {
    let p = hdr + 32;
    const varint = (n: number) => { while (n >= 0x80) { b[p++] = (n & 0x7f) | 0x80; n >>>= 7; } b[p++] = n; };
    varint(ver.length); ver.copy(b, p); p += ver.length;
    varint(mod.length); mod.copy(b, p);
  } else {
    const sh = 0x140; // two Go string headers
    const data = 0x1000;
    b.writeBigUInt64LE(base + BigInt(sh), hdr + 16);
    b.writeBigUInt64LE(base + BigInt(sh + 16), hdr + 24);
    ver.copy(b, 0x180);
    mod.copy(b, data);
    b.writeBigUInt64LE(base + 0x180n, sh); b.writeBigUInt64LE(BigInt(ver.length), sh + 8);
    b.writeBigUInt64LE(base + BigInt(data), sh + 16); b.writeBigUInt64LE(BigInt(mod.length), sh + 24);
  }
  const strtab = 0x900;
  b.write('\0.go.buildinfo\0.shstrtab\0', strtab, 'latin1');
  const sec = (i: number, name: number, off: number, size: number) => {
    const s = shoff + i * 64;
    b.writeUInt32LE(name, s); b.writeUInt32LE(1, s + 4); b.writeBigUInt64LE(BigInt(off), s + 24); b.writeBigUInt64LE(BigInt(size), s + 32);
  };
  sec(1, 1, hdr, 0x40);
  sec(2, 15, strtab, 26);
  return b;
}

describe('Go build info', () => {
  it('reads the inline (Go ≥ 1.18) form cut from Debian 12 umoci and docker-registry: stdlib only', () => {
    for (const [bin, txt] of [['umoci-debian12.buildinfo.bin', 'buildinfo.debian12-umoci.txt'], ['docker-registry-debian12.buildinfo.bin', 'buildinfo.debian12-docker-registry.txt']] as const) {
      const info = readBuildInfo(fx(bin))!;
      const want = infoText(txt);
      assert.equal(info.goVersion, want.goVersion);
      assert.equal(info.modinfo.trim(), want.modinfo.trim());
      assert.deepEqual(parseGoBinary(fx(bin)), [{ type: 'golang', name: 'stdlib', version: 'v1.19.8' }]);
    }
  });
  it('reads the pointer (Go < 1.18) form through the ELF segments: trivy test.elf module info', () => {
    const want = infoText('buildinfo.trivy-testdata-test.elf.txt');
    const elf = elfWithBuildInfo(want.goVersion, want.modinfo, false);
    const info = readBuildInfo(elf)!;
    assert.equal(info.goVersion, 'go1.15.2');
    const ps = parseGoBinary(elf).map((p) => `${p.name}@${p.version}`);
    assert.deepEqual(ps, [
      'stdlib@v1.15.2',
      'github.com/aquasecurity/go-pep440-version@v0.0.0-20210121094942-22b2f8951d46',
      'github.com/aquasecurity/go-version@v0.0.0-20210121072130-637058cfe492',
      'golang.org/x/xerrors@v0.0.0-20200804184101-5ec99f83aff1',
    ]);
  });
  it('reads the inline form inside an ELF with deps and the main module version', () => {
    const want = infoText('buildinfo.trivy-testdata-main-version-via-ldflags.elf.txt');
    const ps = parseGoBinary(elfWithBuildInfo(want.goVersion, want.modinfo, true));
    assert.equal(ps[0]!.name, 'stdlib');
    const expectedDeps = want.modinfo.split('\n').filter((l) => l.startsWith('dep\t')).length;
    assert.equal(ps.filter((p) => p.name !== 'stdlib').length, expectedDeps + (/^mod\t\S+\tv/m.test(want.modinfo) ? 1 : 0));
  });
  it('applies => replacements and drops local-directory ones', () => {
    const ps = goPackagesFromModinfo('go1.21.0', 'path\tx\nmod\texample.com/app\t(devel)\t\ndep\texample.com/a\tv1.0.0\th1:x\n=>\texample.com/b\tv1.1.0\th1:y\ndep\texample.com/c\tv0.1.0\n=>\t../c\t\t\n');
    assert.deepEqual(ps.map((p) => `${p.name}@${p.version}`), ['stdlib@v1.21.0', 'example.com/b@v1.1.0']);
  });
  it('ignores non-Go files and filters executables only', () => {
    assert.deepEqual(parseGoBinary(Buffer.from('\x7fELF not go at all'.padEnd(4096, '\0'))), []);
    assert.ok(goBinaryAnalyzer.required('usr/bin/app', { size: 2_000_000, mode: 0o755 }));
    assert.ok(!goBinaryAnalyzer.required('etc/app.conf', { size: 2_000_000, mode: 0o644 }));
  });
  it('reads a whole real Go binary when Debian umoci is installed (CI installs it)', (t) => {
    if (!existsSync('/usr/bin/umoci')) {
      if (process.env.CI === 'true') assert.fail('/usr/bin/umoci missing under CI (the umoci package is installed by .ci/run)');
      t.skip('umoci not installed');
      return;
    }
    assert.deepEqual(parseGoBinary(readFileSync('/usr/bin/umoci')), [{ type: 'golang', name: 'stdlib', version: 'v1.19.8' }]);
  });
});
