// A per-check summary heads the table and is in the JSON (issue 11); --fail-on and --severity take any case.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

test('the table starts with one line per check (severity, findings, objects); JSON has the same in summary.byCheck', async () => {
  const table = await runCli(['scan', 'examples/insecure-app.yaml', '--severity', 'CRITICAL,High'], { cwd: REPO_ROOT });
  assert.equal(table.code, 0, table.stderr);
  const head = table.stdout.split('\n\n')[0]!.split('\n');
  assert.match(head[0]!, /^ {2}SEVERITY {2}CHECK +FINDINGS {2}OBJECTS$/);
  assert.match(head[1]!, /^ {2}CRITICAL {2}privileged-container +1 +1$/);
  assert.ok(head.slice(2).every((l) => /^ {2}HIGH {6}[a-z-]+ +\d+ +\d+$/.test(l)), head.join('\n'));

  const json = await runCli(['scan', 'examples/insecure-app.yaml', '-o', 'json', '--severity', 'critical,HIGH,Medium'], { cwd: REPO_ROOT });
  const doc = JSON.parse(json.stdout) as { schemaVersion: string; summary: { byCheck: { check: string; severity: string; findings: number; objects: number }[] }; findings: { checkId: string; object?: { name: string } }[] };
  assert.equal(doc.schemaVersion, '1.3');
  const byCheck = doc.summary.byCheck;
  // Every finding is counted once under its check; the lines are most severe first.
  assert.equal(byCheck.reduce((n, c) => n + c.findings, 0), doc.findings.length);
  for (const c of byCheck) {
    const mine = doc.findings.filter((f) => f.checkId === c.check);
    assert.equal(c.findings, mine.length, c.check);
    assert.equal(c.objects, new Set(mine.map((f) => f.object?.name)).size, c.check);
  }
  const order = ['critical', 'high', 'medium', 'low', 'info'];
  assert.deepEqual(byCheck.map((c) => order.indexOf(c.severity)), byCheck.map((c) => order.indexOf(c.severity)).sort());
});

test('--fail-on and --severity accept any case', async () => {
  for (const failOn of ['HIGH', 'High', 'high']) {
    const r = await runCli(['scan', 'examples/insecure-app.yaml', '--fail-on', failOn, '--severity', 'CRITICAL,hIgH'], { cwd: REPO_ROOT });
    assert.equal(r.code, 1, `${failOn}: ${r.stderr}`);
    assert.match(r.stdout, /hidden by --severity/);
  }
  const clean = await runCli(['scan', 'examples/hardened-app.yaml', '--fail-on', 'CRITICAL'], { cwd: REPO_ROOT });
  assert.equal(clean.code, 0, clean.stdout + clean.stderr);
});
