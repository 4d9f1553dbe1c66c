// Every check with a fix, through the fix command's own code path (fixFiles: scan, fix, rewrite the
// text, rescan): its failing examples come out passing, and fixing again changes nothing. Fixes
// added to any check later are covered without touching this file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHECKS } from '../../src/checks/index.js';
import { isFixable } from '../../src/checks/define.js';
import { fixFiles } from '../../src/fix/fix-files.js';
import { runChecks } from '../../src/engine/run-checks.js';
import { exampleText, scan } from '../checks/example-helpers.js';

const FIXABLE = CHECKS.filter(isFixable);

test('there are fixable checks to test', () => {
  assert.ok(FIXABLE.length >= 5, `only ${FIXABLE.length}`);
});

for (const check of FIXABLE) {
  test(`fix of ${check.id}: every failing example passes after kubeward fix, and a second fix is a no-op`, () => {
    check.examples.fail.forEach((example, n) => {
      const where = `${check.id} fail example ${n}`;
      const text = exampleText(example);
      const [r] = fixFiles([{ path: 'example.yaml', text, json: false }], { checks: [check], runChecks });
      if (typeof example === 'object' && 'fixLeftAsIs' in example && example.fixLeftAsIs) {
        // Left as is on purpose (a token the workload uses): nothing written, and the reason given.
        assert.equal(r!.changed, false, `${where}: rewritten, but it should be left as is`);
        assert.equal(r!.skipped.filter((s) => s.startsWith(`${check.id}: `) && s.includes(' left as is: ')).length, 1, `${where}: ${r!.skipped.join('; ')}`);
        return;
      }
      assert.ok(r!.changed, `${where}: nothing was rewritten (${r!.skipped.join('; ')})`);
      assert.deepEqual(r!.skipped, [], `${where}: ${r!.skipped.join('; ')}`);
      const mine = r!.fixed.find((f) => f.checkId === check.id);
      assert.ok(mine && mine.before > 0, `${where}: the example did not fail before the fix`);
      assert.equal(mine.after, 0, `${where}: still failing after the fix`);
      // The rewritten text, read as a scan reads it, passes the check.
      const rescan = scan([check], r!.text).findings.filter((f) => f.checkId === check.id);
      assert.deepEqual(rescan.map((f) => f.message), [], `${where}: rescan of the written text`);
      const [again] = fixFiles([{ path: 'example.yaml', text: r!.text, json: false }], { checks: [check], runChecks });
      assert.equal(again!.changed, false, `${where}: a second fix changed the text`);
    });
  });
}
