import { AdvisoryDb, DbError } from '../vuln/db/sqlite-store.js';
import { RequestError } from './errors.js';

/** Open the advisory database, turning its errors into RequestErrors (one clear line). */
export function openDb(path: string, create: boolean): AdvisoryDb {
  try {
    return AdvisoryDb.open(path, { create });
  } catch (err) {
    if (err instanceof DbError) throw new RequestError(err.message);
    throw err;
  }
}

export { importPaths } from '../vuln/db/import.js';
export type { ImportReport } from '../vuln/db/import.js';
export { defaultDbPath } from '../vuln/db/sqlite-store.js';
