import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CHECKS } from '../../src/checks/index.js';
import { frameworksShort, renderCheckTable, tableInReadme, withCheckTable } from '../../src/checks/table.js';

const readmePath = fileURLToPath(new URL('../../README.md', import.meta.url));

test('README.md check table matches the checks (run `npm run docs` to regenerate)', () => {
  assert.ok(existsSync(readmePath), 'README.md is missing: run `npm run docs`');
  const table = tableInReadme(readFileSync(readmePath, 'utf8'));
  assert.ok(table !== undefined, 'README.md has no <!-- checks:start --> / <!-- checks:end --> markers: run `npm run docs`');
  assert.ok(table === renderCheckTable(CHECKS), 'README.md check table is out of date: run `npm run docs`');
});

test('renderCheckTable shows one row per check with frameworks and fixability', () => {
  const table = renderCheckTable(CHECKS);
  const lines = table.trimEnd().split('\n');
  assert.equal(lines.length, CHECKS.length + 2);
  assert.ok(lines.includes('| `privileged-container` | critical | workload | Container runs privileged | CIS 5.2.2 · PSS baseline/privileged · NSA · ATT&CK T1611, T1610 · OWASP K01 | yes |'));
  assert.ok(lines.includes('| `duplicate-key` | low | manifest | Manifest repeats a key | — |  |'));
  assert.equal(frameworksShort({}), '');
});

test('withCheckTable replaces only the text between the markers, or appends a Checks section', () => {
  const readme = '# kubeward\n\nIntro.\n\n## Checks\n\n<!-- checks:start -->\nold\n<!-- checks:end -->\n\n## More\n';
  assert.equal(withCheckTable(readme, 'new\n'), '# kubeward\n\nIntro.\n\n## Checks\n\n<!-- checks:start -->\nnew\n<!-- checks:end -->\n\n## More\n');
  assert.equal(withCheckTable('', 't\n'), '## Checks\n\n<!-- checks:start -->\nt\n<!-- checks:end -->\n');
  assert.equal(withCheckTable('# x\n', 't\n'), '# x\n\n## Checks\n\n<!-- checks:start -->\nt\n<!-- checks:end -->\n');
  assert.equal(tableInReadme(withCheckTable('# x', 't\n')), 't\n');
  assert.equal(tableInReadme('no markers'), undefined);
});
