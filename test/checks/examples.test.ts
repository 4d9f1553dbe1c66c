// "Docs are tests": every example in every check's metadata is run here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHECKS } from '../../src/checks/index.js';
import { isFixable } from '../../src/checks/define.js';
import { applyPatch } from '../../src/fix/apply-patch.js';
import { fixObject } from '../../src/fix/fix-object.js';
import { runChecks } from '../../src/analysis/run-checks.js';
import { Inventory } from '../../src/model/inventory.js';
import { exampleOptions, expectedFindings, expectedLineText, exampleText, scan, scanDockerfile } from './example-helpers.js';
import type { Check } from '../../src/checks/define.js';

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
      check.examples.fail.forEach((example, n) => {
        const text = exampleText(example);
        const where = `${check.id} fail example ${n}`;
        const options = exampleOptions(example);
        const { findings, objects } = scan([check], text, 'example.yaml', options);
        assert.deepEqual(findings.filter((f) => f.checkId === 'internal-error'), [], `${where}: a check threw`);
        const mine = findings.filter((f) => f.checkId === check.id);
        assert.equal(mine.length, expectedFindings(example), `${where}: findings ${JSON.stringify(mine.map((f) => f.message))}`);
        const lines = text.split('\n');
        for (const f of mine) {
          assert.ok(f.location.line >= 1 && f.location.line <= lines.length, `${where}: line ${f.location.line} is outside the example`);
          if (check.subject === 'load') continue;
          const object = objects.find((o) => o.name === f.object?.name && o.kind === f.object?.kind);
          assert.ok(object, `${where}: finding names an unknown object`);
          const token = expectedLineText(object.raw, f.path);
          assert.ok(token, `${where}: path ${f.path} names nothing in the object`);
          const line = lines[f.location.line - 1]!;
          assert.ok(line.includes(token), `${where}: line ${f.location.line} "${line.trim()}" should show "${token}" (path ${f.path})`);
        }
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
