import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { CATEGORIES, type Check } from '../../src/checks/define.js';
import { CHECKS, findCheck, namesOf, SELECTABLE_CHECKS } from '../../src/checks/index.js';
import { selectChecks } from '../../src/policy/select-checks.js';
import { unknownFrameworkRefs } from '../../src/frameworks/validate.js';
import { isSeverity } from '../../src/model/finding.js';
import { checkResolver } from '../../src/policy/check-resolver.js';

const checksDir = fileURLToPath(new URL('../../src/checks/', import.meta.url));
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Check files: src/checks/<category>/<id>.ts (helpers live in other folders). */
function checkFiles(): { category: string; id: string; file: string }[] {
  const out: { category: string; id: string; file: string }[] = [];
  for (const category of CATEGORIES) {
    const dir = `${checksDir}${category}`;
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) if (name.endsWith('.ts')) out.push({ category, id: name.slice(0, -3), file: `${dir}/${name}` });
  }
  return out;
}

test('every check file is registered in CHECKS, under its file name and folder', async () => {
  const files = checkFiles();
  assert.deepEqual(files.map((f) => f.id).sort(), CHECKS.map((c) => c.id).sort());
  for (const f of files) {
    // Loaded from the source file through tsx (npm test runs this file bundled, where CHECKS is the bundle's copy).
    const mod = (await tsImport(pathToFileURL(f.file).href, import.meta.url)) as { default: Check };
    assert.equal(mod.default.id, f.id, `${f.file} exports id ${mod.default.id}`);
    assert.equal(mod.default.category, f.category, `${f.id} lives in ${f.category}/ but says category ${mod.default.category}`);
    const held = CHECKS.find((c) => c.id === f.id);
    assert.ok(held, `${f.id} is not in CHECKS`);
    assert.deepEqual([held.category, held.severity, held.title, held.subject], [mod.default.category, mod.default.severity, mod.default.title, mod.default.subject], `${f.id}: CHECKS holds another definition`);
  }
});

test('one registry: manifest, load, Dockerfile, image and image-use rules are all in CHECKS', () => {
  const subjects = new Set(CHECKS.map((c) => c.subject));
  assert.deepEqual([...subjects].sort(), ['component', 'container', 'dockerfile', 'image', 'image-use', 'inventory', 'load', 'object', 'pod']);
  assert.deepEqual(CHECKS.filter((c) => c.subject === 'image').map((c) => c.id), ['image-env-secret', 'image-no-healthcheck', 'image-root-empty-password', 'image-runs-as-root', 'image-suid-files']);
  assert.deepEqual(CHECKS.filter((c) => c.subject === 'image-use').map((c) => c.id), ['image-not-scanned', 'image-not-signed', 'image-vulnerability']);
  // Trivy's Dockerfile ids name both the Dockerfile check and the image rule; explain shows the first.
  assert.equal(findCheck('DS002')?.id, 'dockerfile-root-user');
  assert.deepEqual(checkResolver(CHECKS).resolve('ds002'), ['dockerfile-root-user', 'image-runs-as-root']);
  assert.equal(findCheck('image-no-healthcheck')?.subject, 'image');
  // --checks / --skip-checks choose among the rest: naming an image rule there stays a usage error, as before.
  assert.equal(SELECTABLE_CHECKS.length, CHECKS.length - 8);
  assert.deepEqual(selectChecks(SELECTABLE_CHECKS, { checks: ['image-runs-as-root', 'DS002'] }), { selected: [findCheck('dockerfile-root-user')!], unknown: ['image-runs-as-root'], conflicts: [] });
});

test('CHECKS is sorted by id', () => {
  const ids = CHECKS.map((c) => c.id);
  assert.deepEqual(ids, [...ids].sort());
});

test('ids and aliases are unique, case-insensitively, across all checks', () => {
  const seen = new Map<string, Check>();
  for (const check of CHECKS) {
    // Another tool may use our very id (kube-linter's host-pid): that is the same check, not a clash.
    for (const key of new Set(namesOf(check).map((n) => n.toLowerCase()))) {
      const other = seen.get(key);
      // One control of another tool judged twice, at build time and on the built image (Trivy's DS002 "root
      // user" is dockerfile-root-user and image-runs-as-root): an exception by that id covers both.
      const buildAndImage = other && new Set([other.subject, check.subject]).size === 2 && [other, check].every((c) => c.subject === 'dockerfile' || c.subject === 'image') && key !== other.id && key !== check.id;
      assert.ok(!other || buildAndImage, `${key} is claimed by both ${other?.id} and ${check.id}`);
      if (!other) seen.set(key, check);
    }
  }
});

test('metadata is complete and valid', () => {
  for (const check of CHECKS) {
    assert.match(check.id, KEBAB, `${check.id} is not kebab-case`);
    assert.ok(check.title.trim().length > 0, `${check.id}: empty title`);
    assert.ok(check.description.trim().length > 40, `${check.id}: description too short`);
    assert.ok(check.remediation.trim().length > 10, `${check.id}: remediation too short`);
    assert.ok(isSeverity(check.severity), `${check.id}: bad severity ${check.severity}`);
    assert.ok((CATEGORIES as readonly string[]).includes(check.category), `${check.id}: bad category`);
    assert.ok(check.examples.fail.length >= 1, `${check.id}: no failing example`);
    assert.ok(check.examples.pass.length >= 1, `${check.id}: no passing example`);
    for (const e of check.examples.fail) if (typeof e !== 'string' && e.findings !== undefined) assert.ok(Number.isInteger(e.findings) && e.findings > 0, `${check.id}: bad findings count`);
    for (const e of [...check.examples.fail, ...check.examples.pass]) {
      // The example's shape is its subject's: an image config, a workload and an image outcome, or a text.
      const kind = typeof e === 'string' ? 'text' : 'image' in e ? 'image' : 'outcome' in e ? 'image-use' : 'text';
      assert.equal(kind, check.subject === 'image' || check.subject === 'image-use' ? check.subject : 'text', `${check.id}: an example of the wrong shape for subject ${check.subject}`);
    }
    assert.deepEqual(unknownFrameworkRefs(check.frameworks), [], `${check.id}: framework references not in src/frameworks`);
    if (check.subject === 'load') assert.ok(check.codes.length > 0, `${check.id}: a load check needs codes`);
  }
});

test('unknownFrameworkRefs reports ids the catalogs do not hold', () => {
  assert.deepEqual(
    unknownFrameworkRefs({ cis: ['5.2.2', '5.7.2'], nsa: ['pod-security/non-root', 'nope'], mitre: ['T1611', 'T9999'], owasp: ['K01', 'K11'], pss: { level: 'baseline', control: 'runAsNonRoot' } }),
    ['cis:5.7.2', 'nsa:nope', 'mitre:T9999', 'owasp:K11', 'pss:baseline/runAsNonRoot'],
  );
  assert.deepEqual(unknownFrameworkRefs({ pss: { level: 'restricted', control: 'privileged' } }), []);
});

test('findCheck finds a check by id or by any alias, case-insensitively', () => {
  assert.equal(findCheck('privileged-container')?.id, 'privileged-container');
  assert.equal(findCheck('C-0057')?.id, 'privileged-container');
  assert.equal(findCheck('c-0057')?.id, 'privileged-container');
  assert.equal(findCheck('KSV017')?.id, 'privileged-container');
  assert.equal(findCheck('ksv012')?.id, 'run-as-non-root');
  assert.equal(findCheck('CKV_K8S_31')?.id, 'seccomp-profile-unset');
  assert.equal(findCheck('latest-tag')?.id, 'image-tag-latest');
  assert.equal(findCheck('memoryLimitsMissing')?.id, 'resource-limits');
  assert.equal(findCheck(' Host-PID ')?.id, 'host-pid');
  assert.equal(findCheck('no-such-check'), undefined);
  assert.equal(findCheck(''), undefined);
});
