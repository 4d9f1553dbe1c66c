// Adding a check is one file plus `npm run gen:checks`: these fail when what that command writes is stale.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CHECKS } from '../../src/checks/index.js';
import { COUNTS_END, COUNTS_START, readmeWithChecks, renderCheckCounts, withCheckCounts } from '../../src/checks/table.js';
import { checkFiles, INDEX_PATH, README_PATH, renderIndex } from '../../scripts/gen-check-index.js';

test('src/checks/index.ts is what `npm run gen:checks` writes for the check files', () => {
  const index = readFileSync(INDEX_PATH, 'utf8');
  assert.ok(renderIndex(index, checkFiles()) === index, 'src/checks/index.ts is stale: run `npm run gen:checks`');
});

test("README.md's check counts and table are what `npm run gen:checks` writes", () => {
  const readme = readFileSync(README_PATH, 'utf8');
  assert.ok(readme.includes(COUNTS_START) && readme.includes(COUNTS_END), 'README.md lost its checks:counts markers');
  assert.ok(readmeWithChecks(readme, CHECKS) === readme, 'README.md check counts or table are stale: run `npm run gen:checks`');
});

test('a new check file is imported and listed in id order; a removed one disappears', () => {
  const index = readFileSync(INDEX_PATH, 'utf8');
  const files = checkFiles();
  const added = renderIndex(index, [...files, { id: 'aaa-new-check', file: './workload/aaa-new-check.js' }].sort((a, b) => (a.id < b.id ? -1 : 1)));
  assert.match(added, /^import aaaNewCheck from '\.\/workload\/aaa-new-check\.js';$/m);
  assert.match(added, /\/\/ checks:list:start\n {2}aaaNewCheck,\n {2}allowPrivilegeEscalation,/);
  assert.equal(renderIndex(added, files), index);
  assert.throws(() => renderIndex('export const CHECKS = [];', files), /markers/);
});

test('the counts sentence says the total and each category, most first, and replaces only its markers', () => {
  const counts = renderCheckCounts(CHECKS);
  assert.match(counts, new RegExp(`^${CHECKS.length} checks in [a-z]+ categories: \\*\\*workload\\*\\* \\d+ \\(`));
  const stated = [...counts.matchAll(/\*\*([a-z-]+)\*\*\s+(\d+)/g)].map((m) => [m[1]!, Number(m[2])] as const);
  assert.equal(stated.reduce((n, [, c]) => n + c, 0), CHECKS.length);
  assert.deepEqual(stated.map(([, c]) => c), stated.map(([, c]) => c).sort((a, b) => b - a));
  assert.ok(counts.split('\n').every((l) => l.length <= 115), 'lines are wrapped');
  const stale = `# x\n\n${COUNTS_START}\n3 checks in one category.\n${COUNTS_END}\nafter\n`;
  assert.equal(withCheckCounts(stale, 'new\n'), `# x\n\n${COUNTS_START}\nnew\n${COUNTS_END}\nafter\n`);
  assert.equal(withCheckCounts('no markers', 'new\n'), 'no markers');
});
