// "Docs are tests": every example in every check's metadata is run here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHECKS } from '../../src/checks/index.js';
import { isFixable } from '../../src/checks/define.js';
import { applyPatch } from '../../src/fix/apply-patch.js';
import { fixObject } from '../../src/fix/fix-object.js';
import { runChecks } from '../../src/engine/run-checks.js';
import { Inventory } from '../../src/model/inventory.js';
import { exampleOptions, expectedFindings, expectedLineText, expectedPlace, exampleText, scan, scanDockerfile, scanImageExample, scanImageUseExample, EXAMPLE_IMAGE } from './example-helpers.js';
import type { Check, Example, ImageExample, ImageUseExample } from '../../src/checks/define.js';
import type { Finding } from '../../src/model/finding.js';
import type { K8sObject } from '../../src/model/object.js';

/** What an example states about its first finding (path, line, column), as ESLint's RuleTester asserts it. */
function assertPlace(where: string, example: Example, mine: readonly Finding[]): void {
  const want = expectedPlace(example);
  if (Object.keys(want).length === 0) return;
  const f = mine[0]!;
  const got: typeof want = {};
  if (want.path !== undefined) got.path = f.path;
  if (want.line !== undefined) got.line = f.location.line;
  if (want.column !== undefined) got.column = f.location.column;
  assert.deepEqual(got, want, `${where}: the first finding is not where the example says`);
}

/** Each finding's line shows the field its path names (the last existing key, or the sequence item). */
function assertLines(where: string, text: string, objects: readonly K8sObject[], mine: readonly Finding[]): void {
  const lines = text.split('\n');
  for (const f of mine) {
    assert.ok(f.location.line >= 1 && f.location.line <= lines.length, `${where}: line ${f.location.line} is outside the example`);
    const object = objects.find((o) => o.name === f.object?.name && o.kind === f.object?.kind);
    assert.ok(object, `${where}: finding names an unknown object`);
    const token = expectedLineText(object.raw, f.path);
    assert.ok(token, `${where}: path ${f.path} names nothing in the object`);
    const line = lines[f.location.line - 1]!;
    assert.ok(line.includes(token), `${where}: line ${f.location.line} "${line.trim()}" should show "${token}" (path ${f.path})`);
  }
}

/** Image rules: examples are image configs and files; findings are located in the image (REF, or REF!/file at a line). */
function imageExamples(check: Check): void {
  check.examples.fail.forEach((example, n) => {
    const where = `${check.id} fail example ${n}`;
    const findings = scanImageExample([check], example as ImageExample);
    assert.deepEqual(findings.filter((f) => f.checkId === 'internal-error'), [], `${where}: a check threw`);
    const mine = findings.filter((f) => f.checkId === check.id);
    assert.equal(mine.length, expectedFindings(example), `${where}: findings ${JSON.stringify(mine.map((f) => f.message))}`);
    for (const f of mine) assert.ok(f.location.file === EXAMPLE_IMAGE || f.location.file.startsWith(`${EXAMPLE_IMAGE}!/`), `${where}: located in ${f.location.file}`);
    assertPlace(where, example, mine);
  });
  check.examples.pass.forEach((example, n) => {
    assert.deepEqual(scanImageExample([check], example as ImageExample).map((f) => `${f.checkId}: ${f.message}`), [], `${check.id} pass example ${n}`);
  });
}

/** Image-use rules: examples are a workload manifest and what reading its image gave; findings are at the image fields. */
function imageUseExamples(check: Check): void {
  check.examples.fail.forEach((example, n) => {
    const where = `${check.id} fail example ${n}`;
    const { findings, objects } = scanImageUseExample([check], example as ImageUseExample);
    assert.deepEqual(findings.filter((f) => f.checkId === 'internal-error'), [], `${where}: a check threw`);
    const mine = findings.filter((f) => f.checkId === check.id);
    assert.equal(mine.length, expectedFindings(example), `${where}: findings ${JSON.stringify(mine.map((f) => f.message))}`);
    assertLines(where, exampleText(example), objects, mine);
    assertPlace(where, example, mine);
  });
  check.examples.pass.forEach((example, n) => {
    assert.deepEqual(scanImageUseExample([check], example as ImageUseExample).findings.map((f) => `${f.checkId}: ${f.message}`), [], `${check.id} pass example ${n}`);
  });
}

/** Dockerfile checks: examples are Dockerfiles; each finding is on a line of the instruction its path names. */
function dockerfileExamples(check: Check): void {
  check.examples.fail.forEach((example, n) => {
    const where = `${check.id} fail example ${n}`;
    const { findings, dockerfile } = scanDockerfile([check], exampleText(example));
    assert.deepEqual(dockerfile.problems, [], `${where}: the example does not parse`);
    assert.deepEqual(findings.filter((f) => f.checkId === 'internal-error'), [], `${where}: a check threw`);
    const mine = findings.filter((f) => f.checkId === check.id);
    assert.equal(mine.length, expectedFindings(example), `${where}: findings ${JSON.stringify(mine.map((f) => f.message))}`);
    for (const f of mine) {
      const m = /^\/instructions\/(\d+)/.exec(f.path);
      const ins = m ? dockerfile.instructions[Number(m[1])] : undefined;
      assert.ok(ins, `${where}: path ${f.path} names no instruction`);
      assert.ok(f.location.line >= ins.position.line && f.location.line <= ins.endLine, `${where}: line ${f.location.line} is outside ${ins.keyword} at lines ${ins.position.line}-${ins.endLine}`);
      const line = exampleText(example).split('\n')[f.location.line - 1]!;
      assert.ok(f.location.column >= 1 && f.location.column <= line.length, `${where}: column ${f.location.column} is outside line ${f.location.line}`);
    }
    assertPlace(where, example, mine);
  });
  check.examples.pass.forEach((example, n) => {
    const { findings, dockerfile } = scanDockerfile([check], exampleText(example));
    assert.deepEqual(dockerfile.problems, [], `${check.id} pass example ${n} does not parse`);
    assert.deepEqual(findings.map((f) => `${f.checkId}: ${f.message}`), [], `${check.id} pass example ${n}`);
  });
}

test('every check example gives exactly the findings it documents, at the right lines, and fixes pass', async (t) => {
  for (const check of CHECKS) {
    await t.test(check.id, () => {
      if (check.subject === 'dockerfile') return dockerfileExamples(check);
      if (check.subject === 'image') return imageExamples(check);
      if (check.subject === 'image-use') return imageUseExamples(check);
      check.examples.fail.forEach((example, n) => {
        const text = exampleText(example);
        const where = `${check.id} fail example ${n}`;
        const options = exampleOptions(example);
        const { findings, objects } = scan([check], text, 'example.yaml', options);
        assert.deepEqual(findings.filter((f) => f.checkId === 'internal-error'), [], `${where}: a check threw`);
        const mine = findings.filter((f) => f.checkId === check.id);
        assert.equal(mine.length, expectedFindings(example), `${where}: findings ${JSON.stringify(mine.map((f) => f.message))}`);
        if (check.subject === 'load') {
          const lines = text.split('\n').length;
          for (const f of mine) assert.ok(f.location.line >= 1 && f.location.line <= lines, `${where}: line ${f.location.line} is outside the example`);
        } else assertLines(where, text, objects, mine);
        assertPlace(where, example, mine);
        if (!isFixable(check)) return;
        let fixedAny = false;
        const fixed = objects.map((o) => {
          const result = fixObject(check, o, options);
          if (result.ops.length === 0) return o;
          fixedAny = true;
          assert.deepEqual(applyPatch(o.raw, result.ops), result.raw, `${where}: the ops do not reproduce the fix`);
          return { ...o, raw: result.raw };
        });
        assert.ok(fixedAny, `${where}: the fix produced no operations`);
        const after = runChecks([check], new Inventory(fixed), [], { checkOptions: { [check.id]: options } }).filter((f) => f.checkId === check.id);
        assert.deepEqual(after.map((f) => f.message), [], `${where}: still failing after the fix`);
        for (const o of fixed) assert.deepEqual(fixObject(check, o, options).ops, [], `${where}: the fix is not idempotent`);
      });
      check.examples.pass.forEach((example, n) => {
        const { findings } = scan([check], exampleText(example), 'example.yaml', exampleOptions(example));
        assert.deepEqual(findings.map((f) => `${f.checkId}: ${f.message}`), [], `${check.id} pass example ${n}`);
      });
    });
  }
});

test('an example that states the wrong count, field, line or column fails, as RuleTester does', () => {
  const check = CHECKS.find((c) => c.id === 'privileged-container')!;
  const example = check.examples.fail[0]!;
  assert.ok(typeof example !== 'string' && 'yaml' in example && example.line === 10, 'privileged-container states where its first example fails');
  const { findings } = scan([check], exampleText(example));
  assertPlace('ok', example, findings);
  for (const wrong of [{ line: 9 }, { column: 1 }, { path: '/spec/containers/0/securityContext' }]) {
    assert.throws(() => assertPlace('wrong', { ...example, ...wrong }, findings), /not where the example says/, JSON.stringify(wrong));
  }
  assert.equal(expectedFindings({ ...example, findings: 2 }), 2);
  assert.equal(expectedFindings(example), 1);
});
