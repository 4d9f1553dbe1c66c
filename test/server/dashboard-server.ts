// The real kubeward server for the dashboard's browser test: an empty SQLite store in `dir`, an admin token created
// through the store, the dashboard served from `uiDir`, listening on a free loopback port.
import { join } from 'node:path';
import { buildServer } from '../../src/server/app.js';
import { openStore } from '../../src/server/store/kysely-store.js';

export interface DashboardServer {
  url: string;
  adminToken: string;
  close(): Promise<void>;
}

export async function startDashboardServer({ dir, uiDir }: { dir: string; uiDir: string }): Promise<DashboardServer> {
  const store = await openStore({ dialect: 'sqlite', location: join(dir, 'kubeward.db') });
  const { token } = await store.createToken('admin', null);
  const app = await buildServer({ store, uiDir });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    adminToken: token,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}
