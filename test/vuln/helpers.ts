import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importPaths } from '../../src/vuln/db/import.js';
import { AdvisoryDb } from '../../src/vuln/db/sqlite-store.js';
import type { Package, PackageType } from '../../src/vuln/types.js';

export const ADVISORIES = fileURLToPath(new URL('../fixtures/advisories', import.meta.url));

export function tempDir(): { dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kubeward-vuln-'));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A database with the whole fixture advisory set imported. */
export function fixtureDb(): { db: AdvisoryDb; done: () => void } {
  const t = tempDir();
  const db = AdvisoryDb.open(join(t.dir, 'db.sqlite'), { create: true });
  const r = importPaths(db, [ADVISORIES]);
  if (r.errors.length) throw new Error(`fixture import errors: ${JSON.stringify(r.errors)}`);
  return { db, done: () => (db.close(), t.done()) };
}

export const pkg = (type: PackageType, name: string, version: string, extra: Partial<Package> = {}): Package => ({
  type,
  name,
  version,
  purl: `pkg:${type}/${name}@${version}`,
  location: { path: 'test' },
  ...extra,
});
