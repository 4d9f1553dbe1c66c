import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyPolicy } from '../../src/policy/apply-policy.js';
import { exitCodeFor } from '../../src/policy/fail-on.js';
import { applySeverityOverrides, resolveSeverityOverrides } from '../../src/policy/severity.js';
import { CHECKS, finding } from './make-finding.js';

describe('severity overrides', () => {
  it('resolve ids and aliases to check ids and report unknown names', () => {
    const r = resolveSeverityOverrides({ 'run-as-root': 'low', 'c-0057': 'medium', 'host-namespaces': 'info', bogus: 'high' }, CHECKS);
    assert.deepEqual([...r.byId], [['run-as-root', 'low'], ['privileged-container', 'medium'], ['host-network', 'info'], ['host-pid', 'info']]);
    assert.deepEqual(r.unknown, ['bogus']);
  });

  it('return new findings and leave the input untouched', () => {
    const input = [finding('run-as-root', {}, { severity: 'high' }), finding('host-pid', {}, { severity: 'high' })];
    const out = applySeverityOverrides(input, new Map([['run-as-root', 'low' as const]]));
    assert.equal(out[0]!.severity, 'low');
    assert.equal(input[0]!.severity, 'high');
    assert.notEqual(out[0], input[0]);
    assert.equal(out[1], input[1]);
  });

  it('change the fail-on outcome', () => {
    const findings = [finding('privileged-container', {}, { severity: 'critical' }), finding('missing-limits', {}, { severity: 'medium' })];
    assert.equal(exitCodeFor(findings, 'high'), 1);
    const lowered = applyPolicy(findings, { checks: CHECKS, severityOverrides: { KSV017: 'medium' }, now: new Date() });
    assert.deepEqual(lowered.findings.map((f) => f.severity), ['medium', 'medium']);
    assert.equal(exitCodeFor(lowered.findings, 'high'), 0);
    const raised = applyPolicy(findings, { checks: CHECKS, severityOverrides: { 'missing-limits': 'high', 'privileged-container': 'low' }, now: new Date() });
    assert.equal(exitCodeFor(raised.findings, 'high'), 1);
    assert.deepEqual(raised.findings.map((f) => f.severity), ['low', 'high']);
  });

  it('warn about unknown ids in applyPolicy with a suggestion', () => {
    const r = applyPolicy([], { checks: CHECKS, severityOverrides: { 'run-as-rot': 'low' }, now: new Date() });
    assert.deepEqual(r.warnings, ['severity: unknown check "run-as-rot" (did you mean "run-as-root"?); override ignored']);
  });
});

describe('exitCodeFor', () => {
  const fs = [finding('a', {}, { severity: 'medium' }), finding('b', {}, { severity: 'low' })];
  it('is 1 at or above the threshold, else 0', () => {
    assert.equal(exitCodeFor(fs, 'medium'), 1);
    assert.equal(exitCodeFor(fs, 'low'), 1);
    assert.equal(exitCodeFor(fs, 'high'), 0);
    assert.equal(exitCodeFor(fs, 'critical'), 0);
  });
  it('is 0 without a threshold or without findings', () => {
    assert.equal(exitCodeFor(fs), 0);
    assert.equal(exitCodeFor([], 'info'), 0);
  });
});
