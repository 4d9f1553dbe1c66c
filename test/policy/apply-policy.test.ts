import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyPolicy } from '../../src/policy/apply-policy.js';
import { parseBaseline } from '../../src/policy/baseline.js';
import type { LookupObject, PolicyException } from '../../src/policy/exceptions.js';
import { parseExceptions } from '../../src/policy/exceptions.js';
import { exitCodeFor } from '../../src/policy/fail-on.js';
import { objectLookup } from '../../src/policy/object-lookup.js';
import type { Finding } from '../../src/model/finding.js';
import { CHECKS, finding } from './make-finding.js';

const NOW = new Date('2026-03-01T00:00:00Z');

describe('applyPolicy', () => {
  it('applies severity overrides, annotations, the exceptions file and the baseline in that order', () => {
    const byAnnotation = finding('run-as-root', { name: 'annotated' });
    const byBoth = finding('privileged-container', { name: 'annotated' });
    const byFile = finding('host-pid', { name: 'web' });
    const byBaseline = finding('host-network', { name: 'web' });
    const kept = finding('missing-limits', { name: 'web' }, { severity: 'medium' });
    const { exceptions } = parseExceptions(
      'exceptions:\n  - {check: [host-pid, privileged-container], reason: file reason, owner: o}\n',
      'ex.yaml',
    );
    const lookup: LookupObject = (ref) => (ref.name === 'annotated' ? { annotations: { 'kubeward.io/ignore': 'run-as-root, C-0057: tuned' }, labels: {} } : undefined);
    const r = applyPolicy([byAnnotation, byBoth, byFile, byBaseline, kept], {
      checks: CHECKS,
      severityOverrides: { 'missing-limits': 'critical', 'run-as-root': 'info' },
      exceptions,
      baseline: new Set([byBaseline.fingerprint, byFile.fingerprint]),
      lookupObject: lookup,
      now: NOW,
    });
    assert.deepEqual(r.findings.map((f) => [f.checkId, f.severity]), [['missing-limits', 'critical']]);
    assert.deepEqual(r.suppressed.map((s) => [s.finding.checkId, s.by, s.finding.severity]), [
      ['run-as-root', 'annotation', 'info'],
      ['privileged-container', 'annotation', 'high'],
      ['host-pid', 'exceptions-file', 'high'],
      ['host-network', 'baseline', 'high'],
    ]);
    assert.deepEqual(r.warnings, []);
    assert.equal(exitCodeFor(r.findings, 'critical'), 1);
  });

  it('works with nothing but findings and a date', () => {
    const fs = [finding('run-as-root', {})];
    assert.deepEqual(applyPolicy(fs, { now: NOW }), { findings: fs, suppressed: [], warnings: [] });
  });

  it('keeps unused-exception warnings to checks that ran when told which ran', () => {
    const { exceptions } = parseExceptions('exceptions:\n  - {check: host-pid, reason: r, owner: o}\n  - {check: run-as-root, reason: r2, owner: o}\n', 'ex.yaml');
    const r = applyPolicy([], { checks: CHECKS, ran: CHECKS.filter((c) => c.id === 'run-as-root'), exceptions, now: NOW });
    assert.deepEqual(r.warnings, ['exception #2 matched no finding (owner o: "r2"); remove it or fix its selector']);
  });

  it('handles 100,000 findings and 1,000 exceptions with a linear number of object lookups (counted, not timed)', () => {
    const checkIds = CHECKS.map((c) => c.id);
    const objects = Array.from({ length: 20_000 }, (_, i) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: `ns-${i % 50}`,
      name: `app-${i}`,
      labels: { team: `team-${i % 100}` },
      annotations: (i % 1000 === 1 ? { 'kubeward.io/ignore': 'run-as-root: annotated' } : {}) as Record<string, string>,
      source: { file: `deploy/app-${i}.yaml`, document: 0 },
    }));
    const findings: Finding[] = [];
    for (let i = 0; i < 100_000; i++) {
      const o = objects[i % objects.length]!;
      findings.push(finding(checkIds[i % checkIds.length]!, o, { file: o.source.file, path: `/spec/template/spec/containers/${Math.floor(i / objects.length)}/x` }));
    }
    const exceptions: PolicyException[] = [];
    for (let n = 1; n <= 1000; n++) {
      const e: PolicyException = { number: n, checks: [checkIds[n % checkIds.length]!], reason: `r${n}`, owner: 'o' };
      if (n % 100 === 0) e.file = `deploy/app-${n}?.yaml`;
      else if (n % 20 === 0) e.object = { name: `app-${n}*`, namespace: 'ns-*' };
      else if (n % 10 === 0) e.object = { labels: { team: `team-${n % 100}` }, name: `app-${n * 3}` };
      else e.object = { kind: 'Deployment', name: `app-${n * 7}`, namespace: `ns-${(n * 7) % 50}` };
      exceptions.push(e);
    }
    const baseline = new Set(findings.filter((_, i) => i % 7 === 0).map((f) => f.fingerprint));
    // Linear, counted not timed: a findings × exceptions loop would look objects up ~100 million times.
    const lookup = objectLookup(objects);
    let lookups = 0;
    const input = {
      checks: CHECKS,
      severityOverrides: { 'missing-limits': 'low' as const },
      exceptions,
      baseline,
      lookupObject: ((...args: Parameters<typeof lookup>) => (lookups++, lookup(...args))) as typeof lookup,
      now: NOW,
    };
    const r = applyPolicy(findings, input);
    assert.ok(lookups <= 2 * findings.length, `${lookups} object lookups for ${findings.length} findings`);
    assert.equal(r.findings.length + r.suppressed.length, 100_000);
    assert.ok(r.suppressed.some((s) => s.by === 'annotation'));
    assert.ok(r.suppressed.some((s) => s.by === 'exceptions-file'));
    assert.ok(r.suppressed.some((s) => s.by === 'baseline'));
  });
});

describe('baseline with exceptions', () => {
  it('a finding set aside by an expired exception comes back even though a baseline report saw it as suppressed', () => {
    const f = finding('run-as-root', { name: 'web' });
    const baselineText = JSON.stringify({
      schemaVersion: '1.0',
      tool: { name: 'kubeward', version: '0.1.0' },
      findings: [],
      suppressed: [{ finding: f, by: 'exceptions-file', reason: 'temporary', owner: 'alice' }],
    });
    const parsed = parseBaseline(baselineText);
    assert.ok('fingerprints' in parsed);
    const { exceptions } = parseExceptions('exceptions: [{check: run-as-root, reason: temporary, owner: alice, expires: 2026-01-31}]', 'ex.yaml');
    const r = applyPolicy([f], { checks: CHECKS, exceptions, baseline: parsed.fingerprints, now: NOW });
    assert.deepEqual(r.findings, [f]);
    assert.deepEqual(r.warnings, ['exception #1 (owner alice: "temporary") expired on 2026-01-31 and no longer applies']);
    assert.equal(exitCodeFor(r.findings, 'high'), 1);
  });
});
