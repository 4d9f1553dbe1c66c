import assert from 'node:assert/strict';
import { test } from 'node:test';
import { frameworkCompliance } from '../../src/checks/compliance.js';
import { runChecks } from '../../src/engine/run-checks.js';
import { CHECKS } from '../../src/checks/index.js';
import { buildReport } from '../../src/engine/build-report.js';
import { findFramework } from '../../src/frameworks/catalog.js';
import { Inventory } from '../../src/model/inventory.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderTable } from '../../src/report/table.js';
import { loadText, withIds } from '../../src/sources/manifests.js';

function report() {
  const { objects } = loadText('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: true\n  containers: [{name: c, image: "a:1"}]\n', 'p.yaml');
  const inventory = new Inventory(withIds(objects));
  const findings = runChecks(CHECKS, inventory, []);
  const compliance = ['cis', 'pss-baseline'].map((id) => frameworkCompliance(findFramework(id)!, { inventory, allChecks: CHECKS, ran: CHECKS, findings, inputs: ['manifests'] }));
  return buildReport({ version: '0', scannedAt: new Date(0), files: 1, inventory, checks: CHECKS, findings, suppressed: [], warnings: [], compliance });
}

test('table: a compliance block per framework with its score, failed controls first', () => {
  const text = renderTable(report());
  const cis = text.slice(text.indexOf('Compliance: CIS'));
  assert.match(cis, /compliance \d+\.\d% over \d+ evaluated controls \(\d+ passed, \d+ failed\), \d+ not evaluated/);
  assert.ok(cis.indexOf('5.2.3   FAILED') < cis.indexOf('5.2.4   passed'), 'failed before passed');
  assert.ok(cis.indexOf('5.2.4   passed') < cis.indexOf('5.2.1   not evaluated'), 'passed before not evaluated');
  assert.match(text, /Compliance: Pod Security Standards: baseline/);
});

test('markdown and html: the same section as a table', () => {
  const r = report();
  // Markdown escapes punctuation with backslashes (rendered away by GitHub); compare without them.
  const md = renderMarkdown(r).replace(/\\/g, '');
  assert.match(md, /\*\*Compliance: CIS Kubernetes Benchmark\*\* — compliance /);
  assert.match(md, /\| 5\.2\.3 Minimize the admission of containers wishing to share the host process ID namespace \| FAILED \| 0\/1 resources pass \|/);
  const html = renderHtml(r);
  assert.match(html, /<section class="compliance"><h2>Compliance: CIS Kubernetes Benchmark<\/h2>/);
  // The shared ControlsTable component (src/report/components/FrameworkControls.tsx): id, name, status, result.
  assert.match(html, /<td>5\.2\.1<\/td><td>Ensure that the cluster has at least one active policy control mechanism in place<\/td><td class="status">not evaluated<\/td><td>needs cluster input/);
});
