import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadText } from '../../src/sources/manifests.js';
import { applyExceptions, parseIgnoreAnnotation } from '../../src/policy/exceptions.js';
import { objectLookup } from '../../src/policy/object-lookup.js';
import type { LookupObject } from '../../src/policy/exception-types.js';
import { CHECKS, finding } from './make-finding.js';

const NOW = new Date('2026-03-01T12:00:00Z');

function lookupWith(annotations: Record<string, string>): LookupObject {
  return () => ({ annotations, labels: {} });
}

describe('parseIgnoreAnnotation', () => {
  it('reads ids, aliases, * and a reason, tolerating whitespace', () => {
    assert.deepEqual(parseIgnoreAnnotation('privileged-container,run-as-root: needs host access'), {
      all: false,
      names: ['privileged-container', 'run-as-root'],
      reason: 'needs host access',
    });
    assert.deepEqual(parseIgnoreAnnotation('  C-0057 ,  KSV012  :   legacy  '), { all: false, names: ['C-0057', 'KSV012'], reason: 'legacy' });
    assert.deepEqual(parseIgnoreAnnotation('*'), { all: true, names: [] });
    assert.deepEqual(parseIgnoreAnnotation('host-pid: see https://example.com/ticket: 42'), { all: false, names: ['host-pid'], reason: 'see https://example.com/ticket: 42' });
  });

  it('rejects malformed values', () => {
    assert.deepEqual(parseIgnoreAnnotation(''), { error: 'names no check (expected "<check-id>,<check-id>: reason")' });
    assert.deepEqual(parseIgnoreAnnotation(': reason only'), { error: 'names no check (expected "<check-id>,<check-id>: reason")' });
    assert.deepEqual(parseIgnoreAnnotation('a,,b'), { error: 'has an empty check id between commas' });
    assert.deepEqual(parseIgnoreAnnotation('we accept the risk'), { error: '"we accept the risk" is not a check id (expected "<check-id>,<check-id>: reason")' });
  });
});

describe('annotation exceptions', () => {
  const web = { kind: 'Deployment', namespace: 'prod', name: 'web' };

  it('suppress the named checks by id or alias with the reason', () => {
    const fs = [finding('privileged-container', web), finding('run-as-root', web), finding('host-pid', web)];
    const r = applyExceptions(fs, lookupWith({ 'kubeward.io/ignore': 'KSV017, run-as-root: needs host access' }), [], NOW, CHECKS);
    assert.deepEqual(r.kept.map((f) => f.checkId), ['host-pid']);
    assert.deepEqual(
      r.suppressed.map((s) => [s.finding.checkId, s.by, s.reason]),
      [['privileged-container', 'annotation', 'needs host access'], ['run-as-root', 'annotation', 'needs host access']],
    );
    assert.deepEqual(r.warnings, []);
  });

  it('suppress every check with * and give a default reason', () => {
    const fs = [finding('privileged-container', web), finding('host-pid', web)];
    const r = applyExceptions(fs, lookupWith({ 'kubeward.io/ignore': '*' }), [], NOW, CHECKS);
    assert.equal(r.kept.length, 0);
    assert.deepEqual(r.suppressed.map((s) => s.reason), ['no reason given (annotation kubeward.io/ignore)', 'no reason given (annotation kubeward.io/ignore)']);
  });

  it('warn once per object for a malformed annotation and keep the findings', () => {
    const fs = [finding('privileged-container', web), finding('run-as-root', web)];
    const r = applyExceptions(fs, lookupWith({ 'kubeward.io/ignore': 'privileged container' }), [], NOW, CHECKS);
    assert.equal(r.kept.length, 2);
    assert.deepEqual(r.warnings, [
      'Deployment/prod/web: annotation kubeward.io/ignore="privileged container" is not applied: "privileged container" is not a check id (expected "<check-id>,<check-id>: reason")',
    ]);
  });

  it('warn about unknown check names and still apply the known ones', () => {
    const r = applyExceptions([finding('run-as-root', web)], lookupWith({ 'kubeward.io/ignore': 'run-as-root,run-as-rot' }), [], NOW, CHECKS);
    assert.equal(r.suppressed.length, 1);
    assert.deepEqual(r.warnings, ['Deployment/prod/web: annotation kubeward.io/ignore names unknown check "run-as-rot"']);
  });

  it('leave findings alone when the object is unknown or has no annotation', () => {
    const fs = [finding('run-as-root', web), finding('invalid-manifest', undefined)];
    assert.equal(applyExceptions(fs, () => undefined, [], NOW, CHECKS).kept.length, 2);
    assert.equal(applyExceptions(fs, lookupWith({ other: 'x' }), [], NOW, CHECKS).kept.length, 2);
  });

  it("count the object's own annotations, not the pod template's", () => {
    const yaml = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web, namespace: prod}',
      'spec:',
      '  template:',
      '    metadata:',
      '      annotations: {kubeward.io/ignore: "privileged-container: pod-level"}',
      '    spec: {containers: [{name: app, image: nginx}]}',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: api, namespace: prod, annotations: {kubeward.io/ignore: "privileged-container: object-level"}}',
      'spec: {template: {spec: {containers: [{name: app, image: nginx}]}}}',
    ].join('\n');
    const { objects } = loadText(yaml, 'deploy.yaml');
    const lookup = objectLookup(objects);
    const fs = [finding('privileged-container', web, { file: 'deploy.yaml' }), finding('privileged-container', { ...web, name: 'api' }, { file: 'deploy.yaml' })];
    const r = applyExceptions(fs, lookup, [], NOW, CHECKS);
    assert.deepEqual(r.kept.map((f) => f.object?.name), ['web']);
    assert.deepEqual(r.suppressed.map((s) => [s.finding.object?.name, s.reason]), [['api', 'object-level']]);
  });
});

describe('objectLookup', () => {
  it('tells apart objects with the same identity in different files by the finding location', () => {
    const a = loadText('apiVersion: v1\nkind: Pod\nmetadata: {name: p, annotations: {kubeward.io/ignore: "run-as-root: in a"}}\n', 'a.yaml').objects;
    const b = loadText('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n', 'b.yaml').objects;
    const lookup = objectLookup([...a, ...b]);
    const pod = { apiVersion: 'v1', kind: 'Pod', name: 'p' };
    const fs = [finding('run-as-root', pod, { file: 'a.yaml' }), finding('run-as-root', pod, { file: 'b.yaml' })];
    const r = applyExceptions(fs, lookup, [], NOW, CHECKS);
    assert.deepEqual(r.kept.map((f) => f.location.file), ['b.yaml']);
    assert.equal(lookup({ ...pod, kind: 'Service' }, fs[0]!.location), undefined);
    assert.equal(lookup({ ...pod, namespace: 'other' }, fs[0]!.location), undefined);
  });
});
