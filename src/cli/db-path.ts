import type { Command } from 'commander';
import { defaultDbPath } from '../vuln/db/sqlite-store.js';

/** The advisory database path: `--db`, else $KUBEWARD_DB, else the user cache dir. */
export function dbPathFrom(cmd: Command): string {
  const flag = cmd.opts().db as string | undefined;
  return flag ?? (process.env.KUBEWARD_DB || defaultDbPath());
}

export const DB_OPTION_HELP = 'advisory database file [env KUBEWARD_DB; default $XDG_CACHE_HOME/kubeward/db.sqlite or ~/.cache/kubeward/db.sqlite]';
