/**
 * `kubeward db import`: read OSV files (JSON/YAML), Alpine secdb (JSON/YAML) and Debian tracker JSON from
 * files, directories (recursively) and zip files, and write them into the advisory database. A file that
 * cannot be read or parsed, or that is not an advisory, is a per-file error; the import goes on.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { classify, type SourceKind } from './classify.js';
import type { AdvisoryDb, UpsertResult } from './sqlite-store.js';
import { openZip, type ZipArchive } from './zip.js';

export interface SourceCounts {
  files: number;
  advisories: number;
  added: number;
  updated: number;
  unchanged: number;
}

export interface ImportReport {
  sources: Partial<Record<SourceKind, SourceCounts>>;
  /** Files read that are not advisories but were understood (package indexes, distributions.json). */
  skipped: Array<{ path: string; reason: string }>;
  errors: Array<{ path: string; message: string }>;
  warnings: Array<{ path: string; message: string }>;
}

const WANTED = /\.(json|ya?ml)$/i;

function parseText(path: string, text: string): unknown {
  return /\.ya?ml$/i.test(path) ? parseYaml(text, { schema: 'failsafe' }) : JSON.parse(text);
}

export function importPaths(db: AdvisoryDb, paths: string[]): ImportReport {
  const report: ImportReport = { sources: {}, skipped: [], errors: [], warnings: [] };
  const handle = (path: string, bytes: Uint8Array) => {
    let doc: unknown;
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
      doc = parseText(path, text);
    } catch (err) {
      report.errors.push({ path, message: `cannot parse: ${err instanceof Error ? err.message : String(err)}` });
      return;
    }
    const v = classify(doc);
    if (v.kind === 'error') report.errors.push({ path, message: v.error });
    else if (v.kind === 'skip') report.skipped.push({ path, reason: v.reason });
    else if (v.kind === 'debian-releases') {
      const prev = JSON.parse(db.getMeta('debian_releases') ?? '{}') as Record<string, string>;
      db.setMeta('debian_releases', JSON.stringify({ ...prev, ...v.releases }));
      report.skipped.push({ path, reason: 'Debian release list (codenames stored)' });
    } else {
      const c = (report.sources[v.kind] ??= { files: 0, advisories: 0, added: 0, updated: 0, unchanged: 0 });
      c.files++;
      for (const w of v.warnings) report.warnings.push({ path, message: w });
      for (const a of v.advisories) {
        const r: UpsertResult = db.upsert(a);
        c.advisories++;
        c[r]++;
      }
    }
  };
  const readZip = (path: string) => {
    let zip: ZipArchive;
    try {
      zip = openZip(readFileSync(path));
    } catch (err) {
      report.errors.push({ path, message: `bad zip file: ${err instanceof Error ? err.message : String(err)}` });
      return;
    }
    for (const e of zip.entries((n) => WANTED.test(n))) {
      const name = `${path}!${e.name}`;
      if ('error' in e) {
        report.errors.push({ path: name, message: `bad zip entry: ${e.error.message}` });
        continue;
      }
      handle(name, e.data);
    }
  };
  const visit = (path: string, top: boolean) => {
    let st;
    try {
      st = statSync(path);
    } catch (err) {
      report.errors.push({ path, message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
      return;
    }
    if (st.isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(path).sort();
      } catch (err) {
        report.errors.push({ path, message: `cannot read directory: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
        return;
      }
      for (const n of names) if (!n.startsWith('.')) visit(join(path, n), false);
      return;
    }
    if (/\.zip$/i.test(path)) return readZip(path);
    if (!WANTED.test(path)) {
      if (top) report.errors.push({ path, message: 'not a .json, .yaml, .yml or .zip file' });
      return;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (err) {
      report.errors.push({ path, message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
      return;
    }
    handle(path, bytes);
  };
  for (const p of paths) db.transaction(() => visit(p, true));
  db.setMeta('updated_at', new Date().toISOString());
  return report;
}
