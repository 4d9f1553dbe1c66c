import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defineCheck } from '../../src/checks/define.js';
import { runChecks } from '../../src/engine/run-checks.js';
import { Inventory } from '../../src/model/inventory.js';
import { loadText, withIds } from '../../src/sources/manifests.js';

const pod = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ns}
spec:
  containers:
    - name: a
      image: x:1
    - name: b
      image: y:1
`;

const meta = {
  title: 't', severity: 'low' as const, category: 'workload' as const, description: 'd', remediation: 'r', frameworks: {},
  examples: { fail: [], pass: [] },
};

test('a check that throws becomes an internal-error finding; other checks and subjects still run', () => {
  const loaded = loadText(pod, 'pod.yaml');
  const inv = new Inventory(withIds(loaded.objects));
  const boom = defineCheck({ ...meta, id: 'boom', subject: 'container', run: ({ container }) => { if (container.name === 'a') throw new Error('bad shape'); return []; } });
  const names = defineCheck({ ...meta, id: 'names', subject: 'container', run: ({ container, at }) => [at('name', `saw ${container.name}`)] });
  const findings = runChecks([boom, names], inv, loaded.problems);
  const internal = findings.filter((f) => f.checkId === 'internal-error');
  assert.equal(internal.length, 1);
  assert.match(internal[0]!.message, /check boom failed on this object: bad shape/);
  assert.deepEqual(findings.filter((f) => f.checkId === 'names').map((f) => [f.message, f.path, f.location.line]), [
    ['saw a', '/spec/containers/0/name', 6],
    ['saw b', '/spec/containers/1/name', 8],
  ]);
});

test('check options reach each check by id, and object checks run only on their kinds', () => {
  const loaded = loadText(pod + '---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n', 'two.yaml');
  const inv = new Inventory(withIds(loaded.objects));
  const seen: string[] = [];
  const svc = defineCheck({ ...meta, id: 'svc', subject: 'object', kinds: ['Service'], run: ({ object, options }) => { seen.push(`${object.kind}:${String(options.x)}`); return []; } });
  runChecks([svc], inv, [], { checkOptions: { svc: { x: 42 } } });
  assert.deepEqual(seen, ['Service:42']);
});

test('load problems go to the load check that claims their code, else to invalid-manifest', async () => {
  const { CHECKS } = await import('../../src/checks/index.js');
  const problems = [
    { code: 'duplicate-key', message: 'dup', file: 'a.yaml', line: 3, column: 1 },
    { code: 'tag-mismatch', message: 'tag', file: 'a.yaml', line: 4, column: 1 },
    { code: 'something-new', message: 'new', file: 'a.yaml', line: 5, column: 1 },
  ];
  const findings = runChecks(CHECKS, new Inventory([]), problems);
  assert.deepEqual(findings.map((f) => [f.checkId, f.location.line]), [['duplicate-key', 3], ['invalid-manifest', 4], ['invalid-manifest', 5]]);
});

test('a manifest run over the whole registry never evaluates Dockerfile or image rules (their commands do)', async () => {
  const { CHECKS } = await import('../../src/checks/index.js');
  const loaded = loadText(pod.replace('image: x:1', 'image: nginx:latest'), 'pod.yaml');
  const findings = runChecks(CHECKS, new Inventory(withIds(loaded.objects)), loaded.problems);
  const bySubject = new Map(CHECKS.map((c) => [c.id, c.subject]));
  assert.ok(findings.some((f) => f.checkId === 'image-tag-latest'), 'manifest checks ran');
  assert.deepEqual(findings.filter((f) => ['dockerfile', 'image', 'image-use'].includes(bySubject.get(f.checkId) ?? '')).map((f) => f.checkId), []);
});
