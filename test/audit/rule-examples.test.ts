// "Docs are tests" for the audit rules: every rule's failing and passing examples run here, on a fresh engine each.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { AUDIT_RULES, exampleSequence, type AuditExample, type AuditRule } from '../../src/audit/index.js';
import { createAuditEngine } from '../../src/engine/audit.js';
import { MITRE_TECHNIQUES } from '../../src/frameworks/mitre.js';
import type { AuditAlert } from '../../src/model/audit.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { README_PATH, renderReadme } from '../../scripts/gen-audit-rules.js';

function run(rule: AuditRule, example: AuditExample): AuditAlert[] {
  const seq = exampleSequence(example);
  const engine = createAuditEngine(seq.options ?? {}, [rule]);
  const alerts = seq.events.flatMap((e) => engine.process(e));
  assert.equal(engine.ruleErrors, 0, `${rule.id}: the rule threw`);
  return alerts;
}

/** Every string value under requestObject.data: none may appear in an alert. */
function dataValues(example: AuditExample): string[] {
  return exampleSequence(example).events.flatMap((e) => Object.values(((e.requestObject as { data?: Record<string, unknown> } | undefined)?.data) ?? {}).filter((v): v is string => typeof v === 'string' && v.length > 8));
}

test('audit rules: ids are unique file names, metadata complete, MITRE techniques known', () => {
  const ids = AUDIT_RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'duplicate rule id');
  assert.ok(AUDIT_RULES.length >= 18);
  for (const r of AUDIT_RULES) {
    assert.match(r.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(existsSync(join(REPO_ROOT, 'src/audit/rules', `${r.id}.ts`)), `${r.id}: src/audit/rules/${r.id}.ts`);
    assert.ok(r.title && r.description.length > 60 && r.response, `${r.id}: title, description and response`);
    assert.ok(r.mitre.length > 0, `${r.id}: a MITRE technique`);
    for (const t of r.mitre) assert.ok(MITRE_TECHNIQUES[t], `${r.id}: unknown MITRE technique ${t}`);
    assert.ok(r.examples.fail.length > 0 && r.examples.pass.length > 0, `${r.id}: failing and passing examples`);
  }
});

for (const rule of AUDIT_RULES) {
  test(`audit rule ${rule.id}: examples`, () => {
    rule.examples.fail.forEach((example, n) => {
      const alerts = run(rule, example);
      const seq = exampleSequence(example);
      const want = seq.alerts ?? 1;
      assert.equal(alerts.length, want, `fail example ${n}: ${JSON.stringify(alerts.map((a) => a.message))}`);
      const last = alerts.at(-1)!;
      assert.equal(last.rule, rule.id);
      if (seq.severity) assert.equal(last.severity, seq.severity, `fail example ${n}: severity`);
      assert.ok(last.auditID && last.time && last.verb && last.message, `fail example ${n}: the alert's fields`);
      for (const v of dataValues(example)) for (const a of alerts) assert.ok(!a.message.includes(v), `fail example ${n}: the alert quotes a value of the request body`);
    });
    rule.examples.pass.forEach((example, n) => {
      const want = exampleSequence(example).alerts ?? 0;
      assert.equal(run(rule, example).length, want, `pass example ${n}`);
    });
  });
}

test("README's audit rules table is generated from the rules' metadata (node --import tsx scripts/gen-audit-rules.ts)", () => {
  const readme = readFileSync(README_PATH, 'utf8');
  assert.equal(readme, renderReadme(readme), 'README.md audit rules table is stale: run node --import tsx scripts/gen-audit-rules.ts');
});
