// `kubeward node --root DIR` on fixture trees (test/fixtures/node): a hardened control-plane node and a weak worker.
// Git keeps only 644/755, so each test copies its tree and sets the modes CIS asks for (or weak ones). Owners:
// the copy belongs to whoever runs the test; the expectations follow from process.getuid(), so the test is
// deterministic as root and as any other user.
import assert from 'node:assert/strict';
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../helpers/cli.js';

interface JsonFinding { checkId: string; message: string; path: string; location: { file: string; line: number }; object?: { kind: string; name: string } }
interface Control { id: string; status: string; reason?: string; checks: string[] }
interface JsonReport { findings: JsonFinding[]; warnings: string[]; compliance?: { controls: Control[] }[] }

const uid = process.getuid?.() ?? 0;
const gid = process.getgid?.() ?? 0;
const FIXTURES = new URL('../fixtures/node/', import.meta.url).pathname;
const ENCRYPTION_KEY = 'Zml4dHVyZS1vbmx5LWtleS1ub3QtYS1yZWFsLXNlY3I=';

/** chmod every file under dir to `file`, every directory to `directory`. */
function chmodTree(dir: string, file: number, directory: number): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      chmodTree(p, file, directory);
      chmodSync(p, directory);
    } else chmodSync(p, file);
  }
}

const control = (r: JsonReport, id: string) => r.compliance![0]!.controls.find((c) => c.id === id)!;

describe('kubeward node', () => {
  let tmp: string;
  let hardened: string;
  let worker: string;
  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'kubeward-node-'));
    hardened = join(tmp, 'control-plane');
    worker = join(tmp, 'worker');
    cpSync(join(FIXTURES, 'control-plane'), hardened, { recursive: true });
    cpSync(join(FIXTURES, 'worker'), worker, { recursive: true });
    // Hardened: 600 files, 755 directories, a 700 etcd data directory owned by the "etcd" user.
    chmodTree(join(hardened, 'etc'), 0o600, 0o755);
    chmodTree(join(hardened, 'var'), 0o600, 0o755);
    const data = join(hardened, 'var/lib/etcd');
    mkdirSync(join(data, 'member'), { recursive: true });
    chmodSync(data, 0o700);
    const etcdId = uid === 0 ? 998 : uid;
    if (uid === 0) chownSync(data, etcdId, etcdId);
    writeFileSync(join(hardened, 'etc/passwd'), `root:x:0:0:root:/root:/bin/sh\netcd:x:${etcdId}:${uid === 0 ? 998 : gid}::/var/lib/etcd:/usr/sbin/nologin\n`);
    writeFileSync(join(hardened, 'etc/group'), `root:x:0:\netcd:x:${uid === 0 ? 998 : gid}:\n`);
    // Weak: 644/666 files; as root, one file owned by an ordinary user.
    chmodTree(join(worker, 'etc'), 0o644, 0o755);
    chmodSync(join(worker, 'etc/kubernetes/kubelet.conf'), 0o666);
    if (uid === 0) chownSync(join(worker, 'etc/kubernetes/kubelet.conf'), 1000, 1000);
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  test('a hardened control-plane node passes every control-plane and node check it can judge', async () => {
    const r = await runCli(['node', '--root', hardened, '-o', 'json', '--framework', 'cis', '--fail-on', 'low']);
    const report = JSON.parse(r.stdout) as JsonReport;
    const owners = report.findings.filter((f) => f.checkId.endsWith('-file-ownership'));
    // Only the owners can differ from CIS, and only when the test does not run as root (the copy is the runner's).
    assert.deepEqual(report.findings.filter((f) => !f.checkId.endsWith('-file-ownership')).map((f) => `${f.checkId} ${f.location.file}`), []);
    if (uid === 0) assert.equal(owners.length, 0, owners.map((f) => f.message).join('\n'));
    else {
      assert.ok(owners.length > 10);
      for (const f of owners) assert.match(f.message, new RegExp(`\\(uid ${uid}, gid ${gid}\\), not root:root`));
    }
    assert.equal(r.code, uid === 0 ? 0 : 1, r.stderr);
    assert.deepEqual(report.warnings, []);
    // Judged, not skipped: the API server from its process, the others from their static pods, the files by mode.
    for (const id of ['1.2.1', '1.2.6', '1.2.14', '1.2.27', '1.2.28', '1.3.7', '1.4.1', '2.2', '4.2.1', '4.2.4', '1.1.1', '1.1.11', '1.1.21', '4.1.9']) {
      assert.equal(control(report, id).status, 'passed', `${id}: ${JSON.stringify(control(report, id))}`);
    }
    assert.equal(control(report, '1.1.9').status, 'not-evaluated');
    assert.ok(!r.stdout.includes(ENCRYPTION_KEY), 'the encryption key is never printed');
  });

  test('what the node runs is judged: a weaker API server process and identity-first encryption are found', async () => {
    const cmdline = join(hardened, 'proc/1201/cmdline');
    const original = readFileSync(cmdline);
    const enc = join(hardened, 'etc/kubernetes/enc/encryption-config.yaml');
    const encText = readFileSync(enc, 'utf8');
    try {
      writeFileSync(cmdline, original.toString().replace('--anonymous-auth=false\0', '').replace('--authorization-mode=Node,RBAC', '--authorization-mode=RBAC'));
      writeFileSync(enc, encText.replace(/ {6}- aescbc:[\s\S]*?(?= {6}- identity)/, '').replace('      - identity: {}\n', '      - identity: {}\n      - aesgcm:\n          keys:\n            - name: k\n              secret: ' + ENCRYPTION_KEY + '\n'));
      const r = await runCli(['node', '--root', hardened, '-o', 'json', '--checks', 'apiserver-anonymous-auth,apiserver-authorization-mode,encryption-config-weak-provider']);
      const report = JSON.parse(r.stdout) as JsonReport;
      const got = report.findings.map((f) => `${f.checkId} ${f.location.file}:${f.location.line} ${f.path}`).sort();
      assert.deepEqual(got, [
        'apiserver-anonymous-auth /proc/1201/cmdline:1 /spec/args',
        'apiserver-authorization-mode /proc/1201/cmdline:1 /spec/args/3',
        'encryption-config-weak-provider /etc/kubernetes/enc/encryption-config.yaml:7 /resources/0/providers/0',
      ]);
      assert.match(report.findings.find((f) => f.checkId === 'apiserver-authorization-mode')!.message, /lack Node/);
      assert.ok(!r.stdout.includes(ENCRYPTION_KEY));
    } finally {
      writeFileSync(cmdline, original);
      writeFileSync(enc, encText);
    }
  });

  test('a weak worker: kubelet flags win over its config file, file modes and owners are reported', async () => {
    const r = await runCli(['node', '--root', worker, '-o', 'json', '--fail-on', 'high']);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    const where = (id: string) => report.findings.filter((f) => f.checkId === id).map((f) => `${f.location.file}:${f.location.line} ${f.path}`);
    // The config file says anonymous auth is off, the running kubelet's flag turns it on.
    assert.deepEqual(where('kubelet-anonymous-auth'), ['/proc/812/cmdline:1 /spec/args/3']);
    assert.deepEqual(where('kubelet-read-only-port'), ['/proc/812/cmdline:1 /spec/args/5']);
    assert.deepEqual(where('kubelet-authorization-mode'), ['/var/lib/kubelet/config.yaml:9 /authorization/mode']);
    assert.deepEqual(where('kubelet-streaming-idle-timeout'), ['/var/lib/kubelet/config.yaml:11 /streamingConnectionIdleTimeout']);
    assert.deepEqual(where('kubelet-certificate-rotation').sort(), ['/proc/812/cmdline:1 /spec/args/6', '/var/lib/kubelet/config.yaml:14 /rotateCertificates']);
    for (const id of ['kubelet-client-ca-file', 'kubelet-iptables-util-chains', 'kubelet-event-qps', 'kubelet-tls-ciphers', 'kubelet-protect-kernel-defaults']) assert.equal(where(id).length, 1, id);
    assert.deepEqual(where('kubelet-file-permissions').sort(), [
      '/etc/kubernetes/kubelet.conf:1 /spec/mode', '/etc/kubernetes/pki/ca.crt:1 /spec/mode', '/lib/systemd/system/kubelet.service:1 /spec/mode', '/var/lib/kubelet/config.yaml:1 /spec/mode',
    ]);
    assert.match(report.findings.find((f) => f.checkId === 'kubelet-file-permissions' && f.location.file.endsWith('kubelet.conf'))!.message, /mode 666: more than 600/);
    const owner = report.findings.find((f) => f.checkId === 'kubelet-file-ownership' && f.location.file === '/etc/kubernetes/kubelet.conf');
    assert.ok(owner, 'kubelet.conf is not owned by root');
    assert.match(owner.message, new RegExp(`uid ${uid === 0 ? 1000 : uid}\\b`));
    // No control-plane component on a worker: its controls are not evaluated, never passed.
    assert.equal(report.findings.filter((f) => f.checkId.startsWith('apiserver-') || f.checkId.startsWith('control-plane-')).length, 0);
    const cis = JSON.parse((await runCli(['node', '--root', worker, '-o', 'json', '--framework', 'cis'])).stdout) as JsonReport;
    assert.equal(control(cis, '1.2.1').status, 'not-evaluated');
    assert.match(control(cis, '1.2.1').reason!, /no kube-apiserver in the input/);
    assert.equal(control(cis, '4.2.1').status, 'failed');
    // File controls judge the files of their role only: no etcd data directory or kube-proxy kubeconfig here.
    assert.equal(control(cis, '4.1.5').status, 'failed');
    assert.equal(control(cis, '4.1.3').status, 'not-evaluated');
    assert.equal(control(cis, '1.1.11').status, 'not-evaluated');
    // SARIF and the table name the host files.
    const sarif = JSON.parse((await runCli(['node', '--root', worker, '-o', 'sarif'])).stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    const uris = sarif.runs[0]!.results.map((x) => `${x.locations[0]!.physicalLocation.artifactLocation.uri}:${x.locations[0]!.physicalLocation.region.startLine}`);
    assert.ok(uris.some((u) => /var\/lib\/kubelet\/config\.yaml:9$/.test(u)), uris.join(' '));
    const table = await runCli(['node', '--root', worker, '--no-color']);
    assert.match(table.stdout, /kubelet-anonymous-auth/);
  });

  test('a root that is not there is an error; a tree with nothing of Kubernetes is an error too (nothing judged is no pass)', async () => {
    const missing = await runCli(['node', '--root', join(tmp, 'nope')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--root .*nope: no such file or directory/);
    const empty = join(tmp, 'empty');
    mkdirSync(empty);
    const r = await runCli(['node', '--root', empty, '-o', 'json']);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /no kubelet or control-plane component found under .*empty .*nothing to judge/);
    assert.ok(statSync(empty).isDirectory());
  });
});

describe('scan of static pod manifests', () => {
  test('control-plane checks judge the components of static pod files; CIS says what was not evaluated', async () => {
    const r = await runCli(['scan', 'test/fixtures/node/static-pods/kube-apiserver.yaml', '-o', 'json', '--framework', 'cis']);
    const report = JSON.parse(r.stdout) as JsonReport;
    const got = report.findings.filter((f) => /^(apiserver|etcd)-/.test(f.checkId)).map((f) => `${f.checkId} ${f.location.line}`).sort();
    assert.deepEqual(got, [
      'apiserver-admission-plugins 20', 'apiserver-admission-plugins 20', 'apiserver-anonymous-auth 16', 'apiserver-audit-log 16', 'apiserver-audit-log 16',
      'apiserver-authorization-mode 19', 'apiserver-encryption-provider 16', 'apiserver-etcd-tls 16', 'apiserver-etcd-tls 16', 'apiserver-etcd-tls 16',
      'apiserver-profiling 16', 'apiserver-tls-ciphers 25', 'apiserver-token-auth-file 28',
      'etcd-client-tls 47', 'etcd-peer-tls 47', 'etcd-peer-tls 47', 'etcd-peer-tls 52',
    ]);
    assert.equal(report.findings.find((f) => f.checkId === 'apiserver-authorization-mode')!.path, '/spec/containers/0/command/2');
    assert.equal(report.findings.find((f) => f.checkId === 'apiserver-token-auth-file')!.path, '/spec/containers/0/args/0');
    assert.equal(control(report, '1.2.6').status, 'failed');
    assert.equal(control(report, '1.2.4').status, 'passed');
    // One check covers 1.2.10-1.2.14: each control fails only on its own issue.
    assert.deepEqual(['1.2.10', '1.2.12', '1.2.13', '1.2.14'].map((id) => control(report, id).status), ['failed', 'passed', 'passed', 'failed']);
    assert.equal(control(report, '1.3.2').status, 'not-evaluated');
    assert.match(control(report, '1.3.2').reason!, /no kube-controller-manager in the input/);
    assert.match(control(report, '1.1.1').reason!, /needs node input/);
    // A workload scan has no control plane: its controls are not evaluated (never passed).
    const app = JSON.parse((await runCli(['scan', 'examples/hardened-app.yaml', '-o', 'json', '--framework', 'cis'])).stdout) as JsonReport;
    assert.ok(['1.2.1', '1.2.28', '2.1', '4.2.1'].every((id) => control(app, id).status === 'not-evaluated'));
  });
});

describe('deploy/node-daemonset.yaml', () => {
  test('kubeward scan deploy/ is clean above low; what the node scanner needs is excepted with a reason each', async () => {
    const r = await runCli(['scan', 'deploy/', '-o', 'json', '--fail-on', 'medium']);
    assert.equal(r.code, 0, r.stdout.slice(0, 2000));
    const report = JSON.parse(r.stdout) as JsonReport & { suppressed: { finding: JsonFinding; by: string; reason: string }[] };
    assert.deepEqual(report.findings.filter((f) => !['low', 'info'].includes((f as unknown as { severity: string }).severity)).map((f) => f.checkId), []);
    assert.deepEqual(report.suppressed.map((s) => s.finding.checkId).sort(), ['host-path-volume', 'host-pid', 'runtime-socket-mounted', 'sensitive-host-path']);
    for (const s of report.suppressed) {
      assert.equal(s.by, 'exceptions-file');
      assert.ok(s.reason.length > 40, s.reason);
    }
    // Hardened apart from those: no token, read-only mount and root file system, no capabilities, seccomp, limits.
    const yaml = readFileSync('deploy/node-daemonset.yaml', 'utf8');
    for (const line of ['automountServiceAccountToken: false', 'readOnly: true', 'readOnlyRootFilesystem: true', 'drop: [ALL]', 'type: RuntimeDefault', 'allowPrivilegeEscalation: false', 'args: [node, --root, /host']) {
      assert.ok(yaml.includes(line), line);
    }
    assert.doesNotMatch(yaml, /\badd:|privileged: true|hostNetwork: true/);
    // Without the exceptions the same scan fails: the exceptions, not the checks, make it pass.
    const bare = mkdtempSync(join(tmpdir(), 'kubeward-deploy-'));
    try {
      writeFileSync(join(bare, 'node-daemonset.yaml'), yaml);
      const raw = await runCli(['scan', bare, '-o', 'json', '--fail-on', 'medium']);
      assert.equal(raw.code, 1);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});

describe('kubeward node on a broken tree', () => {
  test('bad files are findings with their location, a symlink loop is skipped, everything else is still reported', async () => {
    const { symlinkSync } = await import('node:fs');
    const tmp = mkdtempSync(join(tmpdir(), 'kubeward-node-bad-'));
    try {
      const root = join(tmp, 'node');
      cpSync(join(FIXTURES, 'worker'), root, { recursive: true });
      writeFileSync(join(root, 'var/lib/kubelet/config.yaml'), 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nreadOnlyPort: [unclosed\n');
      mkdirSync(join(root, 'etc/kubernetes/manifests'), { recursive: true });
      writeFileSync(join(root, 'etc/kubernetes/manifests/kube-scheduler.yaml'), Buffer.from([0, 1, 2, 3, 255]));
      symlinkSync('kubelet.conf.loop', join(root, 'etc/kubernetes/kubelet.conf.loop'));
      rmSync(join(root, 'etc/kubernetes/kubelet.conf'));
      symlinkSync('kubelet.conf.loop', join(root, 'etc/kubernetes/kubelet.conf'));
      writeFileSync(join(root, 'proc/812/cmdline'), Buffer.concat([Buffer.from('/usr/bin/kubelet\0--config=/var/lib/kubelet/config.yaml\0--anonymous-auth=maybe\0'), Buffer.from([0xff, 0xfe, 0])]));
      const r = await runCli(['node', '--root', root, '-o', 'json']);
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout) as JsonReport;
      const invalid = report.findings.filter((f) => f.checkId === 'invalid-manifest').map((f) => f.location.file).sort();
      assert.deepEqual(invalid, ['/etc/kubernetes/manifests/kube-scheduler.yaml', '/var/lib/kubelet/config.yaml']);
      // The flag that is not a boolean is judged as not "false"; the kubelet's other files are still judged.
      assert.ok(report.findings.some((f) => f.checkId === 'kubelet-anonymous-auth' && f.location.file === '/proc/812/cmdline'));
      assert.ok(report.findings.some((f) => f.checkId === 'kubelet-file-permissions' && f.location.file === '/lib/systemd/system/kubelet.service'));
      assert.ok(!report.findings.some((f) => f.location.file === '/etc/kubernetes/kubelet.conf'), 'a symlink loop is nothing to judge');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
