/** `kubeward db import PATH...` and `kubeward db info`: the local advisory database. */
import type { Command } from 'commander';
import { defaultDbPath, importPaths, openDb, type ImportReport } from '../engine/advisory-db.js';
import { terminalText } from '../report/terminal-text.js';
import { jsonDocument } from '../report/json-document.js';
import type { Ctx } from './io.js';
import { optionValues } from './options.js';

function importText(r: ImportReport, path: string): string {
  const lines: string[] = [];
  const kinds = Object.entries(r.sources);
  for (const [kind, c] of kinds)
    lines.push(`${kind.padEnd(15)} ${String(c.files).padStart(6)} files ${String(c.advisories).padStart(7)} advisories (${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged)`);
  if (kinds.length === 0) lines.push('no advisories found');
  if (r.skipped.length) lines.push(`skipped         ${String(r.skipped.length).padStart(6)} files (${[...new Set(r.skipped.map((s) => s.reason))].join('; ')})`);
  if (r.warnings.length) lines.push(`warnings        ${String(r.warnings.length).padStart(6)} (entries left out of otherwise good files; see --verbose)`);
  if (r.errors.length) lines.push(`errors          ${String(r.errors.length).padStart(6)} files (listed on stderr)`);
  lines.push(`database: ${path}`);
  return lines.join('\n');
}

/** `kubeward db import PATH...`. */
export async function runDbImport(paths: string[], cmd: Command, ctx: Ctx): Promise<number> {
  const { values: o } = optionValues(cmd, ['db', 'verbose'], ctx.io.env);
  const path = o.db ?? defaultDbPath(ctx.io.env);
  const store = openDb(path, true);
  try {
    const r = importPaths(store, paths);
    for (const e of r.errors) ctx.note(`error: ${terminalText(e.path)}: ${terminalText(e.message)}`);
    if (o.verbose) for (const w of r.warnings) ctx.warn(`${terminalText(w.path)}: ${terminalText(w.message)}`);
    ctx.out(importText(r, path));
    return r.errors.length ? 1 : 0;
  } finally {
    store.close();
  }
}

/** `kubeward db info`. */
export async function runDbInfo(cmd: Command, ctx: Ctx): Promise<number> {
  const { values: o } = optionValues(cmd, ['db', 'textFormat'], ctx.io.env);
  const store = openDb(o.db ?? defaultDbPath(ctx.io.env), false);
  try {
    const info = store.info();
    if (o.textFormat === 'json') {
      // The database's own schema version (SQLite user_version) is `databaseSchemaVersion`: `schemaVersion` is the document's.
      const { path, schemaVersion, ...rest } = info;
      ctx.out(jsonDocument('AdvisoryDbInfo', { path, databaseSchemaVersion: schemaVersion, ...rest }));
    } else {
      const total = info.sources.reduce((n, s) => n + s.advisories, 0);
      ctx.out(
        [
          `database:       ${info.path}`,
          `schema version: ${info.schemaVersion}`,
          `updated:        ${info.updatedAt ?? 'never'}`,
          `advisories:     ${total} (${info.affectedEntries} affected-package entries)`,
          ...info.sources.map((s) => `  ${s.source.padEnd(28)} ${String(s.advisories).padStart(7)}`),
        ].join('\n'),
      );
    }
    return 0;
  } finally {
    store.close();
  }
}
