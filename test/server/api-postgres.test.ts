import { apiSuite } from './api-suite.js';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.js';

// The same suite as api-sqlite.test.ts against a throwaway PostgreSQL cluster. Without PostgreSQL installed the
// suite is skipped with the reason printed, except under CI=true, where it fails.
let pg: TestPostgres | undefined;
apiSuite('postgres', async () => {
  const missing = postgresMissing();
  if (missing) {
    if (process.env.CI === 'true') throw new Error(`PostgreSQL is required under CI: ${missing}`);
    console.log(`# skipping the PostgreSQL suite: ${missing}`);
    return undefined;
  }
  pg = await startPostgres();
  return pg.url;
}, async () => pg?.stop());
