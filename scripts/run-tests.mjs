#!/usr/bin/env node
// Runs every test/**/*.test.ts with Node's test runner (Node 20 has no --test glob support).
// Usage: npm test [-- substring ...]   (only test files whose path contains one of the substrings)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const filters = process.argv.slice(2);
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'fixtures' && name !== 'node_modules') walk(p);
    } else if (name.endsWith('.test.ts')) files.push(relative(root, p));
  }
};
walk(join(root, 'test'));
const selected = filters.length ? files.filter((f) => filters.some((s) => f.includes(s))) : files;
if (selected.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...selected], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
