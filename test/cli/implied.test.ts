// One volume, one finding (issues 11 and 20): what a more specific finding on the same volume or container implies
// is folded under it — shown as "also implies: …", counted once, kept in the JSON `implied` list with `impliedBy`.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import type { Finding } from '../../src/model/finding.js';
import { foldImplied } from '../../src/policy/fold-implied.js';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: root-mount
  namespace: ops
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile: {type: RuntimeDefault}
  containers:
    - name: app
      image: registry.example.com/app@sha256:${'a'.repeat(64)}
      securityContext:
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities: {drop: [ALL]}
      volumeMounts:
        - {name: host, mountPath: /host}
        - {name: data, mountPath: /data}
  volumes:
    - name: host
      hostPath: {path: /}
    - name: data
      hostPath: {path: /srv/data}
`;

interface F { checkId: string; severity: string; message: string; path: string; implies?: string[]; impliedBy?: string }

test('hostPath: / gives one finding, the most specific at the highest severity, naming what it implies', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kw-implied-'));
  await writeFile(join(dir, 'pod.yaml'), POD);
  const r = await runCli(['scan', 'pod.yaml', '-o', 'json', '--checks', 'runtime-socket-mounted,sensitive-host-path,host-path-volume,writable-host-path'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { findings: F[]; implied: F[]; summary: { findings: Record<string, number>; byCheck: { check: string; findings: number }[] } };
  const onRoot = doc.findings.filter((f) => f.path === '/spec/volumes/0/hostPath/path');
  assert.deepEqual(onRoot.map((f) => [f.checkId, f.severity, f.implies]), [['runtime-socket-mounted', 'critical', ['host-path-volume', 'sensitive-host-path']]]);
  assert.match(onRoot[0]!.message, /; also implies: host-path-volume \(high\), sensitive-host-path \(high\)$/);
  assert.deepEqual(doc.implied.map((f) => [f.checkId, f.path, f.impliedBy]), [
    ['sensitive-host-path', '/spec/volumes/0/hostPath/path', 'runtime-socket-mounted'],
    ['host-path-volume', '/spec/volumes/0/hostPath/path', 'runtime-socket-mounted'],
  ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
  // A plain data directory: nothing more specific, its own finding stays.
  assert.deepEqual(doc.findings.filter((f) => f.path === '/spec/volumes/1/hostPath/path').map((f) => f.checkId), ['host-path-volume']);
  // Counted once: the summary and the per-check lines count what is shown.
  const total = Object.values(doc.summary.findings).reduce((a, b) => a + b, 0);
  assert.equal(total, doc.findings.length);
  assert.equal(doc.summary.byCheck.find((c) => c.check === 'host-path-volume')!.findings, 1);

  const table = await runCli(['scan', 'pod.yaml', '--checks', 'runtime-socket-mounted,sensitive-host-path,host-path-volume'], { cwd: dir });
  const rows = table.stdout.split('\n').filter((l) => /^ {2}(CRITICAL|HIGH|MEDIUM)\s+\S+\s+\d+:\d+/.test(l));
  assert.deepEqual(rows.map((l) => l.trim().split(/\s+/).slice(0, 2).join(' ')), ['CRITICAL runtime-socket-mounted', 'HIGH host-path-volume']);
  assert.match(table.stdout.replace(/\s+/g, ' '), /also implies: host-path-volume \(high\), sensitive-host-path \(high\)/);
  // --fail-on sees the folded finding's severity through the one kept.
  const gate = await runCli(['scan', 'pod.yaml', '--checks', 'sensitive-host-path,host-path-volume', '--fail-on', 'high'], { cwd: dir });
  assert.equal(gate.code, 1);
});

test('every check a check implies exists, and nothing implies itself', async () => {
  const { CHECKS } = await import('../../src/checks/index.js');
  const ids = new Set(CHECKS.map((c) => c.id));
  const withImplies = CHECKS.filter((c) => c.implies?.length);
  assert.ok(withImplies.length >= 3);
  for (const c of withImplies) for (const x of c.implies!) assert.ok(ids.has(x) && x !== c.id, `${c.id} implies ${x}`);
});

const finding = (checkId: string, severity: Finding['severity'], path: string, name = 'agent'): Finding => ({
  checkId, severity, path, title: checkId, message: `${checkId} says`, category: 'workload', remediation: '', frameworks: {}, fingerprint: `${checkId}${path}${name}`,
  object: { apiVersion: 'v1', kind: 'Pod', name }, location: { file: 'p.yaml', line: 1, column: 1 },
});
const RULES = [
  { id: 'runtime-socket-mounted', implies: ['sensitive-host-path'] },
  { id: 'sensitive-host-path', implies: ['host-path-volume'] },
  { id: 'host-path-volume' },
];

test('implied findings on the same volume fold under the most specific one, transitively, taking the highest severity', () => {
  const v0 = '/spec/volumes/0/hostPath/path';
  const { shown, implied } = foldImplied([
    finding('host-path-volume', 'high', v0),
    finding('sensitive-host-path', 'medium', v0),
    finding('runtime-socket-mounted', 'critical', v0),
    // Another volume, another pod: nothing to fold.
    finding('host-path-volume', 'high', '/spec/volumes/1/hostPath/path'),
    finding('host-path-volume', 'high', v0, 'other'),
  ], RULES);
  assert.deepEqual(shown.map((f) => `${f.checkId} ${f.severity} ${f.object!.name} ${f.path}`), [
    `runtime-socket-mounted critical agent ${v0}`,
    'host-path-volume high agent /spec/volumes/1/hostPath/path',
    `host-path-volume high other ${v0}`,
  ]);
  assert.equal(shown[0]!.message, 'runtime-socket-mounted says; also implies: host-path-volume (high), sensitive-host-path (medium)');
  assert.deepEqual(shown[0]!.implies, ['host-path-volume', 'sensitive-host-path']);
  assert.deepEqual(implied.map((f) => `${f.checkId} ${f.impliedBy}`), ['host-path-volume runtime-socket-mounted', 'sensitive-host-path runtime-socket-mounted']);

  // A less severe specific finding takes the severity of what it folds: folding never lowers what --fail-on sees.
  const two = foldImplied([finding('sensitive-host-path', 'medium', v0), finding('host-path-volume', 'high', v0)], RULES);
  assert.deepEqual(two.shown.map((f) => `${f.checkId} ${f.severity}`), ['sensitive-host-path high']);
  // Nothing implied: the list is returned as it was.
  assert.deepEqual(foldImplied([finding('host-path-volume', 'high', v0)], RULES).implied, []);
});

const PRIVILEGED = `apiVersion: v1
kind: Pod
metadata:
  name: node-agent
  namespace: ops
spec:
  containers:
    - name: agent
      image: registry.example.com/agent@sha256:${'b'.repeat(64)}
      securityContext:
        privileged: true
        procMount: Unmasked
        capabilities: {add: [SYS_ADMIN, NET_RAW]}
    - name: sidecar
      image: registry.example.com/sidecar@sha256:${'c'.repeat(64)}
`;

test('a privileged container: the settings privileged makes moot fold under it; the user and the root filesystem do not', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kw-implied-'));
  await writeFile(join(dir, 'pod.yaml'), PRIVILEGED);
  const r = await runCli(['scan', 'pod.yaml', '-o', 'json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { findings: F[]; implied: F[] };
  const onAgent = (fs: F[]) => [...new Set(fs.filter((f) => f.path.startsWith('/spec/containers/0/')).map((f) => f.checkId))].sort();
  // procMount: Unmasked is reported once, by the baseline check (proc-mount-unmasked), at the default --pss.
  const folded = ['allow-privilege-escalation', 'capabilities-added', 'capabilities-drop-all', 'dangerous-capabilities', 'net-raw-not-dropped', 'proc-mount-unmasked', 'seccomp-profile-unset'];
  assert.deepEqual(onAgent(doc.implied), folded);
  assert.ok(doc.implied.filter((f) => f.path.startsWith('/spec/containers/0/')).every((f) => f.impliedBy === 'privileged-container'));
  const shown = onAgent(doc.findings);
  for (const id of ['privileged-container', 'run-as-non-root', 'read-only-root-filesystem']) assert.ok(shown.includes(id), `${id} shown: ${shown.join(' ')}`);
  for (const id of folded) assert.ok(!shown.includes(id), `${id} folded`);
  const priv = doc.findings.find((f) => f.checkId === 'privileged-container')!;
  assert.equal(priv.severity, 'critical');
  // Each folded check named once, though two capabilities are added.
  assert.deepEqual([...priv.implies!].sort(), folded);
  assert.equal(priv.message.match(/capabilities-added/g)?.length, 1);
  // The other container of the pod is not privileged: its own findings stay.
  assert.ok(doc.findings.some((f) => f.checkId === 'capabilities-drop-all' && f.path.startsWith('/spec/containers/1/')));
  assert.ok(doc.findings.some((f) => f.checkId === 'seccomp-profile-unset' && f.path.startsWith('/spec/containers/1/')));
});

// runAsUser: 0 on the pod: the containers that inherit it run as root, so their "may run as root" folds under it;
// a container with a UID of its own keeps its finding. On a container: that container's finding folds.
const ROOT_USER = `apiVersion: v1
kind: Pod
metadata: {name: root-user, namespace: ops}
spec:
  securityContext: {runAsUser: 0}
  containers:
    - {name: inherits, image: registry.example.com/a:1.0.0}
    - {name: own-uid, image: registry.example.com/b:1.0.0, securityContext: {runAsUser: 1000}}
---
apiVersion: v1
kind: Pod
metadata: {name: container-root, namespace: ops}
spec:
  containers:
    - {name: root, image: registry.example.com/c:1.0.0, securityContext: {runAsUser: 0}}
`;

test('runAsUser: 0 folds run-as-non-root of the containers it applies to, on the pod or the container', async () => {
  const r = await runCli(['scan', '-', '-o', 'json', '--checks', 'run-as-user-root,run-as-non-root'], { input: ROOT_USER });
  const doc = JSON.parse(r.stdout) as { findings: F[]; implied?: F[] };
  const rows = (fs: F[]) => fs.map((f) => `${f.checkId} ${f.path}${f.impliedBy ? ` < ${f.impliedBy}` : ''}`).sort();
  assert.deepEqual(rows(doc.findings), [
    'run-as-non-root /spec/containers/1/securityContext/runAsNonRoot',
    'run-as-user-root /spec/containers/0/securityContext/runAsUser',
    'run-as-user-root /spec/securityContext/runAsUser',
  ]);
  assert.deepEqual(rows(doc.implied ?? []), [
    'run-as-non-root /spec/containers/0/securityContext/runAsNonRoot < run-as-user-root',
    'run-as-non-root /spec/containers/0/securityContext/runAsNonRoot < run-as-user-root',
  ]);
  assert.match(doc.findings.find((f) => f.path === '/spec/securityContext/runAsUser')!.message, /also implies: run-as-non-root \(medium\)/);
});
