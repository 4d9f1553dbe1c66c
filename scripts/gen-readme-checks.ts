// Renders the check table from the checks' metadata into README.md, between
// <!-- checks:start --> and <!-- checks:end -->. Run: npm run docs
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHECKS } from '../src/checks/index.js';
import { renderCheckTable, withCheckTable } from '../src/checks/table.js';

const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));
const before = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : '';
const after = withCheckTable(before, renderCheckTable(CHECKS));
if (after === before) {
  console.log('README.md check table is up to date');
} else {
  writeFileSync(readmePath, after);
  console.log(`README.md check table updated (${CHECKS.length} checks)`);
}
