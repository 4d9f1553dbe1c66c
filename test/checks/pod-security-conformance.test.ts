// Our checks that map to a Pod Security Standards control decide like the Pod Security Admission
// controller on its own fixtures (copied to test/fixtures/pod-security, newest policy version):
// every fail fixture of the control is found, and every pod admitted at a level that contains the
// control passes.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Check } from '../../src/checks/define.js';
import { CHECKS } from '../../src/checks/index.js';
import { isPssControl } from '../../src/frameworks/pss.js';
import { scan } from './example-helpers.js';

// Copied from ../shared/conformance/pod-security with its LICENSE and SOURCE.md.
const root = fileURLToPath(new URL('../fixtures/pod-security/', import.meta.url));

function newestVersion(level: string): string {
  assert.ok(existsSync(`${root}${level}`), `Pod Security Admission fixtures not found at ${root}`);
  const versions = readdirSync(`${root}${level}`).filter((v) => /^v1\.\d+$/.test(v));
  return versions.sort((a, b) => Number(a.slice(3)) - Number(b.slice(3))).at(-1)!;
}

function fixtures(level: string, outcome: 'pass' | 'fail'): { name: string; yaml: string }[] {
  const dir = `${root}${level}/${newestVersion(level)}/${outcome}`;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ name: `${level}/${outcome}/${f}`, yaml: readFileSync(`${dir}/${f}`, 'utf8') }));
}

/** Checks grouped by the PSA control they implement ("hostNamespaces" has three). */
function byControl(): Map<string, { level: string; checks: Check[] }> {
  const m = new Map<string, { level: string; checks: Check[] }>();
  for (const c of CHECKS) {
    const pss = c.frameworks.pss;
    if (!pss) continue;
    const entry = m.get(pss.control) ?? { level: pss.level, checks: [] };
    entry.checks.push(c);
    m.set(pss.control, entry);
  }
  return m;
}

test('PSS-mapped checks find every fail fixture of their control', () => {
  let cases = 0;
  for (const [control, { level, checks }] of byControl()) {
    const prefix = control.toLowerCase();
    const failing = fixtures(level, 'fail').filter((f) => f.name.slice(f.name.lastIndexOf('/') + 1).replace(/\d+\.yaml$/, '') === prefix);
    assert.ok(failing.length > 0, `no fail fixtures for ${control}`);
    for (const f of failing) {
      const { findings } = scan(checks, f.yaml, f.name);
      assert.ok(findings.some((x) => checks.some((c) => c.id === x.checkId)), `${f.name}: none of ${checks.map((c) => c.id)} reported it`);
      cases++;
    }
  }
  assert.ok(cases >= 20, `only ${cases} fixtures ran`);
});

test('PSS-mapped checks pass every pod the controller admits at a level containing their control', () => {
  for (const level of ['baseline', 'restricted'] as const) {
    const checks = CHECKS.filter((c) => c.frameworks.pss && isPssControl(level, c.frameworks.pss.control));
    for (const f of fixtures(level, 'pass')) {
      const { findings } = scan(checks, f.yaml, f.name);
      assert.deepEqual(findings.map((x) => `${x.checkId} ${x.path}`), [], f.name);
    }
  }
});
