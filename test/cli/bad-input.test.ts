// Bad input never crashes and never loses a result: each case sits beside a good manifest, and
// the scan must report the bad one with its location and still find the good one's problems.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CHECKS } from '../../src/checks/index.js';
import { analyse } from '../../src/engine/scan.js';
import type { Finding } from '../../src/model/finding.js';
import { readInputs } from '../../src/sources/read-inputs.js';

const GOOD = `apiVersion: v1
kind: Pod
metadata: {name: good}
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: {privileged: true}
`;

async function scanWith(name: string, content: string | Buffer): Promise<{ findings: Finding[]; dir: string; heapMb: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'kw-bad-'));
  await writeFile(join(dir, 'good.yaml'), GOOD);
  await writeFile(join(dir, name), content);
  const heap0 = process.memoryUsage().heapUsed;
  const read = await readInputs([dir]);
  const { findings } = analyse({ objects: read.loaded.objects, problems: read.loaded.problems, checks: CHECKS });
  const heapMb = (process.memoryUsage().heapUsed - heap0) / 1e6;
  const good = findings.filter((f) => f.object?.name === 'good' && f.checkId === 'privileged-container');
  assert.equal(good.length, 1, `the good manifest beside ${name} is still scanned`);
  return { findings, dir, heapMb };
}

function problemsIn(findings: Finding[], file: string, checkId = 'invalid-manifest'): Finding[] {
  return findings.filter((f) => f.checkId === checkId && f.location.file.endsWith(file));
}

test('YAML alias bomb: refused quickly with little memory, with its location', async () => {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
  const r = await scanWith('bomb.yaml', lines.join('\n') + '\n');
  const p = problemsIn(r.findings, 'bomb.yaml');
  assert.equal(p.length, 1);
  assert.match(p[0]!.message, /alias/i);
  assert.ok(p[0]!.location.line >= 1);
  assert.ok(r.heapMb < 200, `heap grew ${r.heapMb.toFixed(0)} MB`);
});

test('100-level nesting is read; 100,000-level nesting is a finding, not a stack overflow', async () => {
  let deep = 'x: 1';
  for (let i = 0; i < 100; i++) deep = `k${i}:\n` + deep.split('\n').map((l) => '  ' + l).join('\n');
  const ok = await scanWith('deep.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  nested: "yes"\nextra:\n${deep.split('\n').map((l) => '  ' + l).join('\n')}\n`);
  assert.deepEqual(problemsIn(ok.findings, 'deep.yaml'), []);
  const r = await scanWith('abyss.yaml', 'a: ' + '['.repeat(100_000) + ']'.repeat(100_000) + '\n');
  const p = problemsIn(r.findings, 'abyss.yaml');
  assert.equal(p.length, 1);
  assert.match(p[0]!.message, /nest|deep|depth/i);
});

test('a 50 MB document is scanned, and its findings are located', async () => {
  const items: string[] = [];
  for (let i = 0; i < 125_000; i++) items.push(`  key-${i}: "${'v'.repeat(400)}"`);
  const big = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n${items.join('\n')}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: after-big}\nspec:\n  hostPID: true\n  containers: [{name: a, image: "a:1"}]\n`;
  assert.ok(big.length > 50e6);
  const r = await scanWith('big.yaml', big);
  const hostPid = r.findings.find((f) => f.checkId === 'host-pid' && f.object?.name === 'after-big');
  assert.ok(hostPid);
  assert.equal(hostPid.location.line, 125_000 + 4 + 5 + 1);
});

test('a binary file is a finding at 1:1', async () => {
  const r = await scanWith('image.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe]));
  const p = problemsIn(r.findings, 'image.yaml');
  assert.equal(p.length, 1);
  assert.match(p[0]!.message, /binary/);
  assert.deepEqual([p[0]!.location.line, p[0]!.location.column], [1, 1]);
});

test('a non-UTF-8 file is a finding at the bad byte, and its objects are still scanned', async () => {
  const latin1 = Buffer.concat([Buffer.from('apiVersion: v1\nkind: Pod\nmetadata:\n  name: caf'), Buffer.from([0xe9]), Buffer.from('\nspec:\n  hostIPC: true\n  containers: [{name: a, image: "a:1"}]\n')]);
  const r = await scanWith('latin1.yaml', latin1);
  const p = problemsIn(r.findings, 'latin1.yaml');
  assert.equal(p.length, 1);
  assert.match(p[0]!.message, /UTF-8/);
  assert.deepEqual([p[0]!.location.line, p[0]!.location.column], [4, 12]);
  assert.ok(r.findings.some((f) => f.checkId === 'host-ipc' && f.location.file.endsWith('latin1.yaml')));
});

test('an empty file and a comments-only file give nothing, and no error', async () => {
  const r = await scanWith('empty.yaml', '');
  assert.deepEqual(r.findings.filter((f) => f.location.file.endsWith('empty.yaml')), []);
  const c = await scanWith('comments.yaml', '# nothing here\n---\n# still nothing\n');
  assert.deepEqual(c.findings.filter((f) => f.location.file.endsWith('comments.yaml')), []);
});

test('documents without kind or apiVersion, and documents that are not maps, are findings with their line', async () => {
  const r = await scanWith('nokind.yaml', 'apiVersion: v1\nmetadata: {name: x}\n---\n- just\n- a list\n---\nplain scalar\n');
  const p = problemsIn(r.findings, 'nokind.yaml');
  assert.deepEqual(p.map((f) => [f.location.line, f.location.document]), [[1, 0], [4, 1], [7, 2]]);
  assert.match(p[0]!.message, /missing kind/);
});

test('duplicate keys: a finding at the second key, the last value wins as in Kubernetes', async () => {
  const r = await scanWith('dup.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: dup}\nspec:\n  hostNetwork: false\n  hostNetwork: true\n  containers: [{name: a, image: "a:1"}]\n');
  const d = problemsIn(r.findings, 'dup.yaml', 'duplicate-key');
  assert.equal(d.length, 1);
  assert.equal(d[0]!.location.line, 6);
  assert.ok(r.findings.some((f) => f.checkId === 'host-network' && f.object?.name === 'dup'));
});

test('tabs used for indentation: a finding with the location; other documents of the file still scanned', async () => {
  const r = await scanWith('tabs.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: tabbed\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: fine}\nspec:\n  hostPID: true\n  containers: [{name: a, image: "a:1"}]\n');
  const p = problemsIn(r.findings, 'tabs.yaml');
  assert.equal(p.length, 1);
  assert.equal(p[0]!.location.line, 4);
  assert.ok(r.findings.some((f) => f.checkId === 'host-pid' && f.object?.name === 'fine'));
});

test('wrong types in fields do not crash any check', async () => {
  const r = await scanWith('types.yaml', `apiVersion: v1
kind: Pod
metadata: {name: weird, labels: [a, b], annotations: "x"}
spec:
  hostPID: "true"
  securityContext: [1, 2]
  volumes: {a: b}
  containers:
    - name: a
      image: 42
      securityContext: "privileged"
      ports: "80"
      resources: {limits: [1]}
    - 17
`);
  assert.deepEqual(r.findings.filter((f) => f.checkId === 'internal-error'), []);
  assert.ok(r.findings.some((f) => f.object?.name === 'weird'));
});
