// Pod Security Standards conformance: every fixture of the Pod Security Admission controller (copied to
// test/fixtures/pod-security, policy versions v1.0 … v1.37), judged at its level and version exactly as
// `kubeward scan --pss LEVEL:VERSION` judges it. A `pass` fixture must give no Pod Security finding; a
// `fail` fixture must give findings of exactly the control its file name names — resolved through PSA's
// own override rule at the restricted level (e.g. hostPathVolumes → restrictedVolumes, which replaces it),
// plus the second control a few fixtures break by construction (see coViolations).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runChecks } from '../../src/engine/run-checks.js';
import { CHECKS } from '../../src/checks/index.js';
import { overriddenBy, PSS_CONTROL_INFO, PSS_LATEST_MINOR, type PssLevel } from '../../src/frameworks/pss.js';
import { Inventory } from '../../src/model/inventory.js';
import { loadText, withIds } from '../../src/sources/manifests.js';

const root = fileURLToPath(new URL('../fixtures/pod-security/', import.meta.url));
const PSS_CHECKS = CHECKS.filter((c) => c.frameworks.pss);
const controlOf = new Map(PSS_CHECKS.map((c) => [c.id, c.frameworks.pss!.control]));
const byLowerName = new Map(Object.keys(PSS_CONTROL_INFO).map((c) => [c.toLowerCase(), c]));

function versions(level: string): number[] {
  assert.ok(existsSync(`${root}${level}`), `Pod Security Admission fixtures not found at ${root}${level}`);
  return readdirSync(`${root}${level}`).filter((v) => /^v1\.\d+$/.test(v)).map((v) => Number(v.slice(3))).sort((a, b) => a - b);
}

function files(level: string, minor: number, outcome: 'pass' | 'fail'): string[] {
  const dir = `${root}${level}/v1.${minor}/${outcome}`;
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort() : [];
}

/** The Pod Security controls whose checks report the fixture at level:v1.minor. */
function firingControls(level: PssLevel, minor: number, file: string): string[] {
  const { objects, problems } = loadText(readFileSync(file, 'utf8'), file);
  assert.deepEqual(problems, [], `${file} did not load`);
  const findings = runChecks(PSS_CHECKS, new Inventory(withIds(objects)), [], { pss: { level, minor, version: `v1.${minor}` } });
  assert.deepEqual(findings.filter((f) => f.checkId === 'internal-error'), [], file);
  return [...new Set(findings.map((f) => controlOf.get(f.checkId)!))].sort();
}

/**
 * Fixtures that break a second control by construction, so PSA rejects them for both. Each is a field the
 * API server requires or forbids beside the one under test, or a container the fixture left bare.
 */
function coViolations(level: PssLevel, minor: number, file: string, control: string): string[] {
  // HostProcess pods must use the host network (API validation).
  if (control === 'windowsHostProcess') return ['hostNamespaces'];
  const restrictedAt = (c: string) => level === 'restricted' && minor >= PSS_CONTROL_INFO[c]!.since;
  // privileged: true cannot be combined with allowPrivilegeEscalation: false (API validation).
  if (control === 'privileged' && restrictedAt('allowPrivilegeEscalation')) return ['allowPrivilegeEscalation'];
  // allowprivilegeescalation3 leaves container1 without any securityContext, so it drops no capability.
  if (file === 'allowprivilegeescalation3.yaml' && restrictedAt('capabilities_restricted')) return ['capabilities_restricted'];
  return [];
}

/** What PSA reports for a fail fixture named after `control`: that control, or at restricted the one that overrides it. */
function expectedControls(level: PssLevel, minor: number, file: string, control: string): string[] {
  const reported = level === 'restricted' ? overriddenBy(control, minor) ?? control : control;
  return [...new Set([reported, ...coViolations(level, minor, file, control)])].sort();
}

test('every Pod Security control has a check, and every check names a real control', () => {
  const covered = new Set(controlOf.values());
  assert.deepEqual(Object.keys(PSS_CONTROL_INFO).filter((c) => !covered.has(c)), []);
  for (const c of PSS_CHECKS) assert.ok(PSS_CONTROL_INFO[c.frameworks.pss!.control], `${c.id}: ${c.frameworks.pss!.control}`);
});

for (const level of ['baseline', 'restricted'] as const) {
  test(`Pod Security Admission fixtures, ${level}: 100% at every policy version`, () => {
    const all = versions(level);
    assert.equal(all.length, PSS_LATEST_MINOR + 1, `expected v1.0 … v1.${PSS_LATEST_MINOR}`);
    const lines: string[] = [];
    const failures: string[] = [];
    let total = 0;
    for (const minor of all) {
      let passOk = 0, failOk = 0;
      const pass = files(level, minor, 'pass');
      const fail = files(level, minor, 'fail');
      for (const f of pass) {
        const got = firingControls(level, minor, `${root}${level}/v1.${minor}/pass/${f}`);
        if (got.length === 0) passOk++;
        else failures.push(`${level}/v1.${minor}/pass/${f}: reported ${got.join(', ')}`);
      }
      for (const f of fail) {
        const named = byLowerName.get(f.replace(/\d+\.yaml$/, ''));
        assert.ok(named, `${f}: no Pod Security control of that name`);
        const want = expectedControls(level, minor, f, named);
        const got = firingControls(level, minor, `${root}${level}/v1.${minor}/fail/${f}`);
        if (JSON.stringify(got) === JSON.stringify(want)) failOk++;
        else failures.push(`${level}/v1.${minor}/fail/${f}: expected ${want.join(', ')}, got ${got.join(', ') || 'nothing'}`);
      }
      total += pass.length + fail.length;
      lines.push(`${level} v1.${minor}: pass ${passOk}/${pass.length}, fail ${failOk}/${fail.length}`);
    }
    console.log(lines.join('\n'));
    assert.deepEqual(failures, []);
    assert.ok(total > 1000, `only ${total} fixtures ran`);
  });
}

test('the default scan (every control at its own level) admits and rejects each restricted fixture as PSA does, at every version', () => {
  // Judged together, restricted checks leave to the baseline check they override what it reports:
  // the decision must still be PSA's, with no violation lost.
  const failures: string[] = [];
  for (const minor of versions('restricted')) {
    for (const outcome of ['pass', 'fail'] as const) {
      for (const f of files('restricted', minor, outcome)) {
        const file = `${root}restricted/v1.${minor}/${outcome}/${f}`;
        const { objects } = loadText(readFileSync(file, 'utf8'), file);
        const findings = runChecks(PSS_CHECKS, new Inventory(withIds(objects)), [], { pss: { level: 'all', minor, version: `v1.${minor}` } });
        if ((findings.length > 0) !== (outcome === 'fail')) failures.push(`v1.${minor}/${outcome}/${f}: ${findings.length} findings`);
      }
    }
  }
  assert.deepEqual(failures, []);
});
