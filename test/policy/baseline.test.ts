import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyBaseline, parseBaseline } from '../../src/policy/baseline.js';
import { emptySeverityCounts, REPORT_SCHEMA_VERSION, type Report } from '../../src/report/report.js';
import type { Finding } from '../../src/model/finding.js';
import { finding } from './make-finding.js';

function report(findings: Finding[], suppressed: Report['suppressed'] = []): string {
  const r: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'kubeward', version: '0.1.0' },
    scannedAt: '2026-01-01T00:00:00.000Z',
    summary: { files: 1, objects: 1, findings: emptySeverityCounts(), suppressed: suppressed.length },
    findings,
    suppressed,
    checks: [],
    objects: [],
    warnings: [],
  };
  return JSON.stringify(r);
}

describe('baseline', () => {
  it('suppresses findings by fingerprint even when their line moved', () => {
    const old = finding('run-as-root', { name: 'web' }, { line: 10 });
    const parsed = parseBaseline(report([old]));
    assert.ok('fingerprints' in parsed);
    const moved = finding('run-as-root', { name: 'web' }, { line: 42, file: 'moved/web.yaml' });
    const fresh = finding('run-as-root', { name: 'api' }, { line: 10 });
    const r = applyBaseline([moved, fresh], parsed.fingerprints);
    assert.deepEqual(r.kept, [fresh]);
    assert.deepEqual(r.suppressed, [{ finding: moved, by: 'baseline', reason: 'present in the baseline report' }]);
  });

  it('carries over what the baseline report itself set aside as baseline, not what exceptions set aside', () => {
    const a = finding('run-as-root', { name: 'a' });
    const b = finding('run-as-root', { name: 'b' });
    const c = finding('run-as-root', { name: 'c' });
    const parsed = parseBaseline(report([a], [
      { finding: b, by: 'baseline', reason: 'present in the baseline report' },
      { finding: c, by: 'exceptions-file', reason: 'temporary', owner: 'o' },
    ]));
    assert.ok('fingerprints' in parsed);
    assert.deepEqual([...parsed.fingerprints].sort(), [a.fingerprint, b.fingerprint].sort());
  });

  it('rejects files that are not kubeward JSON reports with a clear error', () => {
    assert.match((parseBaseline('{not json') as { error: string }).error, /^baseline is not JSON \(.+\); expected a report written by kubeward --format json$/);
    assert.deepEqual(parseBaseline(JSON.stringify({ version: '2.1.0', runs: [] })), {
      error: 'baseline is not a kubeward JSON report (tool.name is not "kubeward"); write one with kubeward scan --format json',
    });
    assert.deepEqual(parseBaseline(JSON.stringify({ schemaVersion: '2.0', tool: { name: 'kubeward' }, findings: [] })), {
      error: 'baseline report has schemaVersion "2.0"; this kubeward reads 1.x: write it again with this version',
    });
    assert.deepEqual(parseBaseline(JSON.stringify({ schemaVersion: '1.3', tool: { name: 'kubeward' } })), { error: 'baseline report has no "findings" list' });
    assert.deepEqual(parseBaseline(JSON.stringify({ schemaVersion: '1.0', tool: { name: 'kubeward' }, findings: [{ checkId: 'x' }] })), {
      error: 'baseline report: findings[0] has no fingerprint',
    });
    assert.deepEqual(parseBaseline('null'), { error: 'baseline is not a kubeward JSON report (tool.name is not "kubeward"); write one with kubeward scan --format json' });
  });

  it('accepts a later 1.x minor version', () => {
    const parsed = parseBaseline(JSON.stringify({ schemaVersion: '1.7', tool: { name: 'kubeward', version: '9' }, findings: [{ fingerprint: 'abc' }] }));
    assert.deepEqual(parsed, { fingerprints: new Set(['abc']) });
  });
});
