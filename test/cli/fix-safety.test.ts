// `kubeward fix` never destroys data: writes are atomic (temp file + rename, mode and owner kept),
// links out of the tree are not written through, one file that cannot be written does not stop the
// run, and a token the pod's service account needs is left mounted.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, chown, link, mkdir, mkdtemp, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli, type CliResult } from '../helpers/cli.js';

const POD = (name: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: c\n      image: registry.example.com/c:1.0.0\n      securityContext:\n        privileged: true\n`;

const ENTRY = fileURLToPath(new URL('../../src/cli/entry.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

/** The CLI under a file-size limit (`ulimit -f`, KiB): a write past it fails with EFBIG, as on a full disk. */
function runCliWithFileLimit(args: string[], cwd: string, kib: number): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const quoted = [process.execPath, '--import', TSX, ENTRY, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const child = spawn('bash', ['-c', `ulimit -f ${kib}; exec ${quoted}`], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

test('a write that fails (file-size limit, as a full disk) leaves the original intact; the other files are fixed and a summary names the skipped one', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kw-fix-safe-'));
  const big = POD('big') + `# ${'x'.repeat(98)}\n`.repeat(400); // ~40 KB: over the 16 KiB limit
  await writeFile(join(dir, 'a.yaml'), POD('a'));
  await writeFile(join(dir, 'big.yaml'), big);
  await writeFile(join(dir, 'c.yaml'), POD('c'));
  const r = await runCliWithFileLimit(['fix', '.', '--checks', 'privileged-container'], dir, 16);
  assert.equal(r.code, 2, r.stderr);
  assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/, 'no stack trace');
  assert.equal(await readFile(join(dir, 'big.yaml'), 'utf8'), big, 'the original is intact, not truncated');
  assert.match(await readFile(join(dir, 'a.yaml'), 'utf8'), /privileged: false/);
  assert.match(await readFile(join(dir, 'c.yaml'), 'utf8'), /privileged: false/);
  assert.match(r.stderr, /big\.yaml: not written: /);
  assert.match(r.stderr, /1 file not written \(see above\): big\.yaml/);
});

test('a fixed file keeps its mode and owner, and no temporary file is left behind', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kw-fix-safe-'));
  const file = join(dir, 'p.yaml');
  await writeFile(file, POD('p'));
  await chmod(file, 0o640);
  const canChown = process.getuid?.() === 0;
  if (canChown) await chown(file, 4321, 4322);
  const r = await runCli(['fix', 'p.yaml', '--checks', 'privileged-container'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const info = await stat(file);
  assert.equal(info.mode & 0o7777, 0o640);
  if (canChown) assert.deepEqual([info.uid, info.gid], [4321, 4322]);
  assert.match(await readFile(file, 'utf8'), /privileged: false/);
  const { readdir } = await import('node:fs/promises');
  assert.deepEqual(await readdir(dir), ['p.yaml']);
});

test('symlinks and hard links to files outside the tree are not written through (reported as skipped)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kw-fix-safe-'));
  await mkdir(join(dir, 'outside'));
  await mkdir(join(dir, 'tree'));
  await writeFile(join(dir, 'outside/sym-target.yaml'), POD('sym'));
  await writeFile(join(dir, 'outside/hard-target.yaml'), POD('hard'));
  await symlink(join(dir, 'outside/sym-target.yaml'), join(dir, 'tree/sym.yaml'));
  await link(join(dir, 'outside/hard-target.yaml'), join(dir, 'tree/hard.yaml'));
  await writeFile(join(dir, 'tree/own.yaml'), POD('own'));
  const clean = POD('clean').replace('privileged: true', 'privileged: false');
  await writeFile(join(dir, 'outside/clean.yaml'), clean);
  await symlink(join(dir, 'outside/clean.yaml'), join(dir, 'tree/clean-link.yaml'));
  await writeFile(join(dir, 'tree/inner-target.yaml'), POD('inner'));
  const r = await runCli(['fix', 'tree', '--checks', 'privileged-container'], { cwd: dir });
  assert.equal(r.code, 2, r.stderr);
  assert.equal(await readFile(join(dir, 'outside/sym-target.yaml'), 'utf8'), POD('sym'));
  assert.equal(await readFile(join(dir, 'outside/hard-target.yaml'), 'utf8'), POD('hard'));
  assert.equal(await readFile(join(dir, 'tree/hard.yaml'), 'utf8'), POD('hard'));
  assert.match(r.stderr, /tree\/sym\.yaml: not written: a symbolic link to .*outside\/sym-target\.yaml, outside the tree being fixed/);
  assert.match(r.stderr, /tree\/hard\.yaml: not written: it has 2 hard links and 1 of them is outside the tree being fixed/);
  assert.match(await readFile(join(dir, 'tree/own.yaml'), 'utf8'), /privileged: false/);
  assert.match(r.stderr, /2 files not written \(see above\): tree\/hard\.yaml, tree\/sym\.yaml$/m, 'a link to a file that needs no fix is not an error');
  assert.equal(await readFile(join(dir, 'outside/clean.yaml'), 'utf8'), clean);
});

test('an explicit automountServiceAccountToken: true is kept when the service account holds RBAC permissions, and fix says why', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kw-fix-safe-'));
  const yaml = `apiVersion: v1
kind: ServiceAccount
metadata: {name: operator, namespace: shop}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pods, namespace: shop}
rules:
  - {apiGroups: [""], resources: [pods], verbs: [list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: operator-pods, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pods}
subjects:
  - {kind: ServiceAccount, name: operator}
---
apiVersion: v1
kind: Pod
metadata: {name: operator, namespace: shop}
spec:
  serviceAccountName: operator
  automountServiceAccountToken: true
  containers:
    - {name: c, image: registry.example.com/c:1.0.0}
---
apiVersion: v1
kind: Pod
metadata: {name: idle, namespace: shop}
spec:
  automountServiceAccountToken: true
  containers:
    - {name: c, image: registry.example.com/c:1.0.0}
`;
  await writeFile(join(dir, 'app.yaml'), yaml);
  const r = await runCli(['fix', 'app.yaml', '--checks', 'automount-service-account-token'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const after = await readFile(join(dir, 'app.yaml'), 'utf8');
  const docs = after.split('---');
  assert.match(docs[3]!, /automountServiceAccountToken: true/, 'the operator keeps its token');
  assert.match(docs[4]!, /automountServiceAccountToken: false/, 'a pod whose account holds nothing loses it');
  assert.match(r.stderr, /automount-service-account-token: Pod\/shop\/operator left as is: it sets automountServiceAccountToken: true and ServiceAccount shop\/operator holds RBAC permissions/);
});
