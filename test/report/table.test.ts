import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderTable } from '../../src/report/table.js';
import { wrapText } from '../../src/report/wrap-text.js';
import { bigReport, cleanReport, fixtureReport } from './fixture-report.js';

const ANSI = /\u001b\[[0-9;]*m/;
const strip = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

test('no ANSI codes at all when color is false (or not given)', () => {
  for (const out of [renderTable(fixtureReport(), { color: false }), renderTable(fixtureReport())]) {
    assert.equal(out.includes('\u001b'), false);
  }
});

test('ANSI colours when color is true, same text underneath', () => {
  const coloured = renderTable(fixtureReport(), { color: true });
  assert.match(coloured, ANSI);
  assert.match(coloured, /\u001b\[31mHIGH/);
  assert.equal(strip(coloured), renderTable(fixtureReport(), { color: false }));
});

test('findings are grouped under an object header with file, each line with severity, check, line:col, message', () => {
  const lines = renderTable(fixtureReport()).split('\n');
  const header = lines.indexOf('Deployment prod/web  manifests/web app.yaml');
  assert.ok(header >= 0);
  assert.equal(lines[header + 1], '  CRITICAL  privileged-container  21:13  Container "app" runs privileged');
  assert.equal(lines[header + 2], '  MEDIUM    run-as-root           18:9   Container "app" may run as root');
  assert.ok(lines.includes('ClusterRole admin-all  rbac/cluster role.yaml'));
  assert.ok(lines.includes('broken.yaml'), 'load problems are grouped by file');
});

test('warnings then a summary line', () => {
  const out = renderTable(fixtureReport());
  const lines = out.trimEnd().split('\n');
  assert.equal(lines.at(-1), '9 findings: 2 critical, 3 high, 2 medium, 1 low, 1 info in 6 objects from 6 files; 1 suppressed');
  assert.equal(lines.at(-2), 'Scanned 6 objects in 6 files.');
  assert.ok(out.indexOf('Warnings') < out.indexOf('Scanned 6 objects'));
  assert.match(out, /  ! exception for run-as-root on CronJob dev\/x expired on 2024-01-01/);
});

test('terminal control sequences from manifests are neutralised even in colour mode', () => {
  for (const color of [false, true]) {
    const out = strip(renderTable(fixtureReport(), { color }));
    assert.equal(/[\u0000-\u0008\u000B-\u001F\u007F]/.test(out), false, 'no control characters besides newline');
    assert.match(out, /Container "x\uFFFD\[31mred\uFFFD" may run as root/);
  }
});

test('lines fit in 100 columns (long messages wrap under the message column)', () => {
  const report = fixtureReport();
  report.findings[1]!.message = 'word '.repeat(60).trim();
  const lines = renderTable(report).split('\n');
  for (const l of lines) assert.ok(l.length <= 100, `${l.length}: ${l}`);
  const i = lines.findIndex((l) => l.startsWith('  CRITICAL  privileged-container  21:13  word'));
  assert.ok(lines[i + 1]!.startsWith(' '.repeat(41) + 'word'));
});

test('a clean scan prints a clear no-findings line', () => {
  assert.equal(renderTable(cleanReport()), 'No findings in 6 objects from 6 files\n');
});

test('wrapText cuts words longer than a line', () => {
  assert.deepEqual(wrapText('a '.repeat(3) + 'x'.repeat(40), 20), ['a a a xxxxxxxxxxxxxx', 'x'.repeat(20), 'x'.repeat(6)]);
  assert.deepEqual(wrapText('short', 20), ['short']);
});

test('100,000 findings render, with the summary counting them all', () => {
  const report = bigReport(100_000);
  const out = renderTable(report);
  assert.match(out, /100000 findings: 20000 critical/);
});
