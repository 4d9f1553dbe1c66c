/** `kubeward db import PATH...` and `kubeward db info`: the local advisory database. */
import type { Command } from 'commander';
import { importPaths, type ImportReport } from '../vuln/db/import.js';
import { AdvisoryDb, DbError } from '../vuln/db/sqlite-store.js';
import { terminalText } from '../report/terminal-text.js';
import { DB_OPTION_HELP, dbPathFrom } from './db-path.js';
import { UsageError } from './scan.js';

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

export function registerDb(program: Command, out: (s: string) => void, setCode: (c: number) => void): void {
  const db = program.command('db').description('the local advisory database (OSV, Alpine secdb, Debian security tracker)');
  db.command('import')
    .description('import advisories from files, directories (recursive) and zip files; re-importing updates in place')
    .argument('<paths...>', 'OSV JSON/YAML, Alpine secdb JSON/YAML, Debian tracker JSON; directories and .zip files of them')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--verbose', 'also list per-entry warnings (unusable ids in secdb, bad entries in OSV lists)')
    .addHelpText('after', `
Examples:
  kubeward db import test/fixtures/advisories
  kubeward db import ~/Downloads/npm-osv.zip ~/Downloads/secdb/v3.19 --db ./advisories.sqlite

Exit code: 0 when every file was read, 1 when some files had errors (the rest is imported), 2 on usage errors.`)
    .action((paths: string[], opts: { verbose?: boolean }, cmd: Command) => {
      const path = dbPathFrom(cmd);
      const store = openDb(path, true);
      try {
        const r = importPaths(store, paths);
        for (const e of r.errors) process.stderr.write(`kubeward: error: ${terminalText(e.path)}: ${terminalText(e.message)}\n`);
        if (opts.verbose) for (const w of r.warnings) process.stderr.write(`kubeward: warning: ${terminalText(w.path)}: ${terminalText(w.message)}\n`);
        out(importText(r, path));
        setCode(r.errors.length ? 1 : 0);
      } finally {
        store.close();
      }
    });
  db.command('info')
    .description('show what the advisory database holds')
    .option('--db <path>', DB_OPTION_HELP)
    .option('-o, --format <format>', 'table or json', 'table')
    .action((opts: { format: string }, cmd: Command) => {
      if (opts.format !== 'table' && opts.format !== 'json') throw new UsageError(`--format must be table or json (got "${opts.format}")`);
      const store = openDb(dbPathFrom(cmd), false);
      try {
        const info = store.info();
        if (opts.format === 'json') return out(JSON.stringify(info, null, 2));
        const total = info.sources.reduce((n, s) => n + s.advisories, 0);
        out(
          [
            `database:       ${info.path}`,
            `schema version: ${info.schemaVersion}`,
            `updated:        ${info.updatedAt ?? 'never'}`,
            `advisories:     ${total} (${info.affectedEntries} affected-package entries)`,
            ...info.sources.map((s) => `  ${s.source.padEnd(28)} ${String(s.advisories).padStart(7)}`),
          ].join('\n'),
        );
      } finally {
        store.close();
      }
    });
}

/** Open the database, turning its errors into usage errors (exit 2, one clear line). */
export function openDb(path: string, create: boolean): AdvisoryDb {
  try {
    return AdvisoryDb.open(path, { create });
  } catch (err) {
    if (err instanceof DbError) throw new UsageError(err.message);
    throw err;
  }
}
