import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CHECKS } from '../../../src/checks/index.js';

test("README's check section states the real number of checks, in total and per category", () => {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const intro = readme.slice(readme.indexOf('## Checks\n'), readme.indexOf('<!-- checks:start -->'));
  assert.match(intro, new RegExp(`^${CHECKS.length} checks in `, 'm'));
  const counts = new Map<string, number>();
  for (const c of CHECKS) counts.set(c.category, (counts.get(c.category) ?? 0) + 1);
  const stated = new Map([...intro.matchAll(/\*\*([a-z-]+)\*\*\s+(\d+)/g)].map((m) => [m[1]!, Number(m[2])]));
  assert.deepEqual(Object.fromEntries([...stated].sort()), Object.fromEntries([...counts].sort()));
});
