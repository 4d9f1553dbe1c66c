import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiSuite } from './api-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'kubeward-sqlite-'));
apiSuite('sqlite', async () => `sqlite:${join(dir, 'kubeward.db')}`, async () => rmSync(dir, { recursive: true, force: true }));
