/**
 * Vulnerability database benchmark, one run, ratios:
 *   1. import time ÷ raw read+JSON.parse time of the same advisory files (generated OSV npm files and Alpine
 *      secdb documents in the real formats, plus the real fixture set), from a directory and from a zip;
 *   2. matching time per package for a 1,000-package inventory (SQLite store and in-memory store) ÷ a
 *      lookup-free baseline (the same per-package work: ecosystem target + version parse, no lookup);
 *   3. the same matching against a database 10× larger: an indexed lookup stays flat.
 *
 *   node --import tsx bench/vuln.bench.ts [osv-advisories=10000]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { memoryStore, type Advisory } from '../src/vuln/advisory.js';
import { classify } from '../src/vuln/db/classify.js';
import { importPaths } from '../src/vuln/db/import.js';
import { AdvisoryDb } from '../src/vuln/db/sqlite-store.js';
import { targetFor } from '../src/vuln/ecosystem.js';
import { matchPackages } from '../src/vuln/match.js';
import { VERSION_ORDERS } from '../src/vuln/version/index.js';
import type { Distro, Package } from '../src/vuln/types.js';

const N = Number(process.argv[2] ?? 10000);
const PACKAGES = 1000;

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
function best(fn: () => unknown, runs = 3): number {
  fn();
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    min = Math.min(min, ms(t0));
  }
  return min;
}

/** `n` OSV npm advisories over n/4 package names (each name gets ~4 advisories, two ranges each). */
function writeOsv(dir: string, n: number, offset = 0, prefix = 'pkg'): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const name = `${prefix}-${i % Math.max(1, Math.floor(n / 4))}`;
    const major = i % 5;
    writeFileSync(
      join(dir, `GHSA-gen-${i + offset}.json`),
      JSON.stringify({
        schema_version: '1.6.0', id: `GHSA-gen-${i + offset}`, modified: '2024-01-01T00:00:00Z', aliases: [`CVE-2099-${i + offset}`],
        summary: `generated advisory ${i + offset}`,
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' }],
        affected: [{ package: { ecosystem: 'npm', name }, ranges: [{ type: 'SEMVER', events: [{ introduced: `${major}.0.0` }, { fixed: `${major}.${i % 7}.1` }] }, { type: 'SEMVER', events: [{ introduced: '10.0.0' }, { last_affected: '10.2.0' }] }] }],
        references: [{ type: 'ADVISORY', url: `https://example.invalid/${i}` }],
      }, null, 2),
    );
  }
}

/** Alpine secdb documents: 4 branches × `pkgs` packages × 5 fixes with 2 ids each. */
function writeSecdb(dir: string, pkgs: number): void {
  mkdirSync(dir, { recursive: true });
  for (const v of ['v3.16', 'v3.17', 'v3.18', 'v3.19']) {
    const packages = Array.from({ length: pkgs }, (_, p) => ({
      pkg: { name: `apk-${p}`, secfixes: Object.fromEntries(Array.from({ length: 5 }, (_, k) => [`1.${k}.0-r${p % 3}`, [`CVE-2098-${p * 10 + k * 2}`, `CVE-2098-${p * 10 + k * 2 + 1}`]])) },
    }));
    writeFileSync(join(dir, `${v}-main.json`), JSON.stringify({ distroversion: v, reponame: 'main', archs: ['x86_64'], urlprefix: 'x', apkurl: 'x', packages }, null, 1));
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => join(e.parentPath, e.name));
}

const work = mkdtempSync(join(tmpdir(), 'kubeward-vuln-bench-'));
try {
  const data = join(work, 'data');
  writeOsv(join(data, 'osv'), N);
  writeSecdb(join(data, 'secdb'), 500);
  const files = filesUnder(data);
  const bytes = files.reduce((n, f) => n + readFileSync(f).length, 0);

  // 1. import ÷ raw parse. Rounds alternate the two so machine load hits both alike; best of each.
  let advisories = 0;
  const importFresh = (paths: string[]) => {
    const p = join(work, `db-${Math.random()}.sqlite`);
    const db = AdvisoryDb.open(p, { create: true });
    const t0 = process.hrtime.bigint();
    const r = importPaths(db, paths);
    const t = ms(t0);
    advisories = Object.values(r.sources).reduce((n, c) => n + c.advisories, 0);
    db.close();
    rmSync(p, { force: true });
    return t;
  };
  let raw = Infinity;
  let rawClassify = Infinity;
  let imp = Infinity;
  for (let round = 0; round < 3; round++) {
    raw = Math.min(raw, best(() => { for (const f of files) JSON.parse(readFileSync(f, 'utf8')); }, 1));
    rawClassify = Math.min(rawClassify, best(() => { for (const f of files) classify(JSON.parse(readFileSync(f, 'utf8'))); }, 1));
    imp = Math.min(imp, importFresh([data]));
  }
  const imported = advisories;
  const dbPath = join(work, 'main.sqlite');
  const main = AdvisoryDb.open(dbPath, { create: true });
  importPaths(main, [data]);
  const reimport = best(() => importPaths(main, [data]), 2);
  const zipFile = join(work, 'all.zip');
  writeFileSync(zipFile, zipSync(Object.fromEntries(files.map((f) => [f.slice(data.length + 1), readFileSync(f)]))));
  const impZip = importFresh([zipFile]);
  if (advisories !== imported) throw new Error(`zip import read ${advisories} advisories, the directory ${imported}`);

  console.log(`advisory files: ${files.length} (${(bytes / 1e6).toFixed(1)} MB JSON), ${imported} advisories`);
  console.log(`raw read + JSON.parse:           ${raw.toFixed(0)} ms`);
  console.log(`  + classify/normalise (no DB):  ${rawClassify.toFixed(0)} ms  (${(rawClassify / raw).toFixed(2)}×)`);
  console.log(`import into a new SQLite file:   ${imp.toFixed(0)} ms  → import ÷ raw parse = ${(imp / raw).toFixed(2)}×`);
  console.log(`re-import (all unchanged):       ${reimport.toFixed(0)} ms  (${(reimport / raw).toFixed(2)}×)`);
  console.log(`import from one zip:             ${impZip.toFixed(0)} ms  (${(impZip / raw).toFixed(2)}×)`);

  // 2. matching, 1,000 packages: half npm (names that have advisories, versions inside and outside ranges), half apk on 3.18
  const inventory: Package[] = Array.from({ length: PACKAGES }, (_, i) =>
    i % 2 === 0
      ? { type: 'npm', name: `pkg-${i % Math.floor(N / 4)}`, version: `${i % 6}.${i % 9}.0`, purl: '', location: { path: 'bench' } }
      : { type: 'apk', name: `apk-${i % 500}-libs`, sourceName: `apk-${i % 500}`, version: `1.${i % 6}.0-r1`, purl: '', location: { path: 'bench' } },
  );
  const distro: Distro = { id: 'alpine', versionId: '3.18.4' };
  const baseline = best(() => {
    let n = 0;
    for (const p of inventory) {
      const t = targetFor(p, distro);
      if (!('skip' in t) && VERSION_ORDERS[t.scheme].valid(t.version) && VERSION_ORDERS[t.scheme].compare(t.version, '1.0.0') > 0) n++;
    }
    return n;
  }, 5);
  let found = 0;
  const sqliteMatch = best(() => (found = matchPackages(main, inventory, distro).length), 5);
  const docs: Advisory[] = files.flatMap((f) => {
    const v = classify(JSON.parse(readFileSync(f, 'utf8')));
    return 'advisories' in v ? v.advisories : [];
  });
  const mem = memoryStore(docs);
  const memMatch = best(() => matchPackages(mem, inventory, distro), 5);
  const per = (t: number) => `${((t / PACKAGES) * 1000).toFixed(1)} µs/package`;
  console.log(`\nmatching ${PACKAGES} packages (${found} matches):`);
  console.log(`baseline, no lookup:             ${per(baseline)}`);
  console.log(`SQLite store:                    ${per(sqliteMatch)}  → ÷ baseline = ${(sqliteMatch / baseline).toFixed(1)}×`);
  console.log(`in-memory store:                 ${per(memMatch)}  → ÷ baseline = ${(memMatch / baseline).toFixed(1)}×`);

  // 3. 10× more advisories for other packages, in a second file: the per-package time must stay flat
  // (indexed lookup). Runs alternate between the two stores so machine load hits both alike.
  const more = join(work, 'more');
  writeOsv(more, N * 9, N * 10, 'other');
  const big = AdvisoryDb.open(join(work, 'big.sqlite'), { create: true });
  importPaths(big, [data, more]);
  let small = Infinity;
  let large = Infinity;
  for (let i = 0; i < 7; i++) {
    small = Math.min(small, best(() => matchPackages(main, inventory, distro), 1));
    large = Math.min(large, best(() => matchPackages(big, inventory, distro), 1));
  }
  const lookups = inventory.length;
  const plan = (big as unknown as { db: { prepare(s: string): { all(...a: unknown[]): Array<{ detail: string }> } } }).db
    .prepare('EXPLAIN QUERY PLAN SELECT f.advisory, a.info, f.entry FROM affected f JOIN advisories a ON a.rowid = f.advisory WHERE f.ecosystem = ? AND f.name = ?')
    .all('npm', 'x')
    .map((r) => r.detail);
  console.log(`query plan (${lookups} lookups per run): ${plan.join('; ')}`);
  const bigCount = big.info().sources.reduce((n, s) => n + s.advisories, 0);
  console.log(`alternating runs: ${imported} advisories ${per(small)}, ${bigCount} advisories ${per(large)}  → ratio ${(large / small).toFixed(2)}×`);
  big.close();
  main.close();
} finally {
  rmSync(work, { recursive: true, force: true });
}
