/**
 * A real Kubernetes API server for tests: etcd and kube-apiserver (and, when asked, kube-controller-manager)
 * built by scripts/install-apiserver.sh into .tools/bin, started on loopback with spare ports, generated
 * certificates, a static token file for test users, the Node and RBAC authorizers, the PodSecurity and
 * ValidatingAdmissionPolicy admission plugins, and an audit policy with the log backend.
 *
 *   import { apiServerSkip, startApiServer } from '../helpers/apiserver.js';
 *   describe('live', { skip: apiServerSkip }, () => {
 *     let api: ApiServer;
 *     before(async () => (api = await startApiServer()));
 *     after(() => api?.stop());
 *     ...
 *   });
 *
 * Start it once per test file: it takes seconds, and most tests can share it (use a namespace each).
 * Under CI=true a missing binary is not a reason to skip: `apiServerSkip` is false and `startApiServer`
 * throws, so the test fails. Elsewhere `apiServerSkip` is the reason, printed once.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { REPO_ROOT } from './cli.js';

export const APISERVER_BINARIES = ['etcd', 'kube-apiserver', 'kube-controller-manager'] as const;
export type ApiServerBinary = (typeof APISERVER_BINARIES)[number];

/** A user of the static token file. */
export interface TestUser {
  name: string;
  uid: string;
  groups: string[];
  token: string;
}

/** The users every test server knows: an admin in system:masters and ordinary users without any RBAC grant. */
export const DEFAULT_USERS: readonly Omit<TestUser, 'token'>[] = [
  { name: 'admin', uid: 'uid-admin', groups: ['system:masters'] },
  { name: 'alice', uid: 'uid-alice', groups: ['dev'] },
  { name: 'bob', uid: 'uid-bob', groups: ['ops'] },
  { name: 'carol', uid: 'uid-carol', groups: ['dev', 'ops'] },
  { name: 'dave', uid: 'uid-dave', groups: [] },
];

export interface StartOptions {
  /** Extra users of the token file (an admin, alice, bob, carol and dave are always there). */
  users?: Omit<TestUser, 'token'>[];
  /** Run kube-controller-manager with these controllers (e.g. ["clusterrole-aggregation"]); none when unset. */
  controllers?: string[];
  /** Extra kube-apiserver flags ("--name=value"), appended last so they win. */
  apiServerFlags?: string[];
  /** Audit policy YAML (default: Metadata for every request, RequestReceived omitted). */
  auditPolicy?: string;
  /** How long to wait for /readyz (default 120 s: a cold start on a busy 2-core machine is slow). */
  readyTimeoutMs?: number;
  /** Also send audit events to a webhook backend (e.g. `kubeward audit serve`), besides the log backend. */
  auditWebhook?: AuditWebhookOptions;
}

/**
 * The audit webhook backend (--audit-webhook-config-file, a kubeconfig naming the receiver), in batch mode.
 * The API server authenticates to it with a client certificate or a bearer token.
 */
export interface AuditWebhookOptions {
  /** https://HOST:PORT/PATH of the receiver. */
  url: string;
  /** The CA that signed the receiver's serving certificate (PEM file). */
  caFile: string;
  clientCertFile?: string;
  clientKeyFile?: string;
  token?: string;
  /** --audit-webhook-batch-max-wait (default here 1s, so tests see events quickly; the API server's default is 30s). */
  batchMaxWait?: string;
  /** --audit-webhook-initial-backoff: the wait before retrying a batch the receiver did not take (API server default 10s). */
  initialBackoff?: string;
}

function auditWebhookKubeconfig(w: AuditWebhookOptions): string {
  const q = (s: string) => JSON.stringify(s);
  const user = w.token !== undefined ? `{token: ${q(w.token)}}` : `{client-certificate: ${q(w.clientCertFile ?? '')}, client-key: ${q(w.clientKeyFile ?? '')}}`;
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `  - name: audit-sink`,
    `    cluster: {server: ${q(w.url)}, certificate-authority: ${q(w.caFile)}}`,
    'users:',
    `  - name: kube-apiserver`,
    `    user: ${user}`,
    'contexts:',
    `  - name: audit-sink`,
    `    context: {cluster: audit-sink, user: kube-apiserver}`,
    'current-context: audit-sink',
    '',
  ].join('\n');
}

function auditWebhookFlags(dir: string, w: AuditWebhookOptions | undefined): string[] {
  if (!w) return [];
  const file = join(dir, 'audit-webhook.kubeconfig');
  writeFileSync(file, auditWebhookKubeconfig(w));
  return [
    `--audit-webhook-config-file=${file}`, '--audit-webhook-mode=batch', '--audit-webhook-version=audit.k8s.io/v1',
    `--audit-webhook-batch-max-wait=${w.batchMaxWait ?? '1s'}`, `--audit-webhook-initial-backoff=${w.initialBackoff ?? '1s'}`,
    '--audit-webhook-batch-throttle-enable=false',
  ];
}

export interface RequestOptions {
  user?: string;
  token?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  text: string;
  /** The response headers (`warning` holds admission webhooks' warnings, as kubectl prints them). */
  headers: import('node:http').IncomingHttpHeaders;
}

export interface ApiServer {
  /** https://127.0.0.1:PORT */
  url: string;
  /** A kubeconfig with the server, its CA, a user and a context per test user; current context: admin. */
  kubeconfig: string;
  /** Bearer token by user name. */
  tokens: Record<string, string>;
  users: TestUser[];
  /** The CA that signed the serving certificate (PEM) and its file. */
  ca: string;
  caFile: string;
  /** The audit log (JSON lines, one event per line). */
  auditLog: string;
  /** The temp directory holding everything above, and each process's log (etcd.log, kube-apiserver.log, ...). */
  dir: string;
  /**
   * A request as `user` (default admin), or with a raw bearer `token` (a wrong one to fail authentication), with
   * extra `headers` (Impersonate-User): JSON body in and out. Never throws on an HTTP status.
   */
  request<T = unknown>(method: string, path: string, body?: unknown, opts?: RequestOptions): Promise<ApiResponse<T>>;
  /** Stop every process and remove the directory (kept when KUBEWARD_KEEP_APISERVER=1). */
  stop(): Promise<void>;
}

/** Where the binaries are looked for: KUBEWARD_APISERVER_BIN, then .tools/bin, then PATH. */
export function findBinary(name: ApiServerBinary): string | undefined {
  const dirs = [process.env.KUBEWARD_APISERVER_BIN, join(REPO_ROOT, '.tools', 'bin'), ...(process.env.PATH ?? '').split(delimiter)].filter((d): d is string => !!d);
  for (const d of dirs) {
    const p = join(d, name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/** Why a test server cannot start here (a missing binary or openssl), or undefined when it can. */
export function apiServerUnavailable(binaries: readonly ApiServerBinary[] = ['etcd', 'kube-apiserver']): string | undefined {
  const missing = binaries.filter((b) => !findBinary(b));
  if (missing.length) return `${missing.join(', ')} not built (run scripts/install-apiserver.sh)`;
  if (spawnSync('openssl', ['version']).status !== 0) return 'openssl is not installed';
  return undefined;
}

let printed = false;
/**
 * The `skip` option for tests that need the server: the reason (printed once) when it cannot start and
 * CI is not true; false otherwise, so that under CI a missing binary makes the test fail, not skip.
 */
export function apiServerSkipFor(binaries: readonly ApiServerBinary[] = ['etcd', 'kube-apiserver']): string | false {
  const reason = apiServerUnavailable(binaries);
  if (!reason || process.env.CI === 'true') return false;
  if (!printed) (printed = true, console.log(`# skipping the API-server tests: ${reason}`));
  return `API server unavailable: ${reason}`;
}

export const apiServerSkip: string | false = apiServerSkipFor();

/** A free TCP port on 127.0.0.1 (free when asked: start the server soon). */
export async function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function openssl(dir: string, args: string[]): void {
  const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr || r.error?.message}`);
}

/** A CA, a serving certificate for 127.0.0.1/localhost signed by it, and a service-account signing key. */
function makeCertificates(dir: string): void {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(dir, ['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=kubeward-test-ca', '-days', '7',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  openssl(dir, ['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=kube-apiserver']);
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n');
  openssl(dir, ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '7', '-extfile', 'server.ext']);
  // SEC1 ("EC PRIVATE KEY") and its public key: the API server reads neither PKCS#8 private keys nor certificates here.
  openssl(dir, ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'sa.key']);
  openssl(dir, ['ec', '-in', 'sa.key', '-pubout', '-out', 'sa.pub']);
}

const DEFAULT_AUDIT_POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
  - level: Metadata
`;

function token(): string {
  return [...crypto.getRandomValues(new Uint8Array(24))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function kubeconfigYaml(url: string, caFile: string, users: TestUser[]): string {
  const q = (s: string) => JSON.stringify(s);
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `  - name: test`,
    `    cluster: {server: ${q(url)}, certificate-authority: ${q(caFile)}}`,
    'users:',
    ...users.flatMap((u) => [`  - name: ${q(u.name)}`, `    user: {token: ${q(u.token)}}`]),
    'contexts:',
    ...users.flatMap((u) => [`  - name: ${q(u.name)}`, `    context: {cluster: test, user: ${q(u.name)}}`]),
    'current-context: admin',
    '',
  ].join('\n');
}

interface Proc {
  name: string;
  child: ChildProcess;
  log: string;
  exited: Promise<number | null>;
  code?: number | null;
}

const running = new Set<Proc>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A test that crashes must not leave servers behind.
  process.on('exit', () => {
    for (const p of running) if (p.code === undefined) p.child.kill('SIGKILL');
  });
}

function startProcess(name: string, bin: string, args: string[], dir: string): Proc {
  const log = join(dir, `${name}.log`);
  const fd = openSync(log, 'a');
  const child = spawn(bin, args, { cwd: dir, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const p: Proc = { name, child, log, exited: Promise.resolve(null) };
  p.exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => ((p.code = code ?? (signal ? -1 : null)), running.delete(p), resolve(p.code)));
    child.on('error', () => ((p.code = -1), running.delete(p), resolve(-1)));
  });
  running.add(p);
  installExitHook();
  return p;
}

/** The error lines of a log (klog E/F lines, JSON "error" entries) and its last lines. */
function tail(file: string, lines = 15): string {
  try {
    const all = readFileSync(file, 'utf8').trimEnd().split('\n');
    const errors = all.filter((l) => /^[EF]\d{4} /.test(l) || l.includes('"level":"fatal"')).slice(-10);
    return [...errors, '...', ...all.slice(-lines)].join('\n');
  } catch {
    return '(no log)';
  }
}

async function stopProcess(p: Proc): Promise<void> {
  if (p.code !== undefined) return;
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 10_000);
  await p.exited;
  clearTimeout(timer);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Start etcd, kube-apiserver (and kube-controller-manager when `controllers` is given), and wait until ready. */
export async function startApiServer(opts: StartOptions = {}): Promise<ApiServer> {
  const needed: ApiServerBinary[] = ['etcd', 'kube-apiserver', ...(opts.controllers?.length ? (['kube-controller-manager'] as const) : [])];
  const reason = apiServerUnavailable(needed);
  if (reason) throw new Error(`cannot start the test API server: ${reason}`);
  const bin = (n: ApiServerBinary) => findBinary(n)!;

  const dir = mkdtempSync(join(tmpdir(), 'kubeward-apiserver-'));
  const procs: Proc[] = [];
  const stop = async () => {
    for (const p of [...procs].reverse()) await stopProcess(p);
    agent.destroy();
    if (process.env.KUBEWARD_KEEP_APISERVER !== '1') rmSync(dir, { recursive: true, force: true });
  };
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  try {
    makeCertificates(dir);
    const users: TestUser[] = [...DEFAULT_USERS, ...(opts.users ?? [])].map((u) => ({ ...u, token: token() }));
    writeFileSync(join(dir, 'tokens.csv'), users.map((u) => `${u.token},${u.name},${u.uid}${u.groups.length ? `,"${u.groups.join(',')}"` : ''}`).join('\n') + '\n');
    writeFileSync(join(dir, 'audit-policy.yaml'), opts.auditPolicy ?? DEFAULT_AUDIT_POLICY);
    const auditLog = join(dir, 'audit.log');
    const caFile = join(dir, 'ca.crt');
    const ca = readFileSync(caFile, 'utf8');

    const [etcdClient, etcdPeer, securePort] = [await sparePort(), await sparePort(), await sparePort()];
    const etcdUrl = `http://127.0.0.1:${etcdClient}`;
    const peerUrl = `http://127.0.0.1:${etcdPeer}`;
    procs.push(startProcess('etcd', bin('etcd'), [
      '--name=test', `--data-dir=${join(dir, 'etcd')}`,
      `--listen-client-urls=${etcdUrl}`, `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=${peerUrl}`, `--initial-advertise-peer-urls=${peerUrl}`, `--initial-cluster=test=${peerUrl}`,
      '--unsafe-no-fsync', '--log-level=warn',
    ], dir));

    const url = `https://127.0.0.1:${securePort}`;
    procs.push(startProcess('kube-apiserver', bin('kube-apiserver'), [
      `--etcd-servers=${etcdUrl}`,
      '--bind-address=127.0.0.1', '--advertise-address=127.0.0.1', `--secure-port=${securePort}`,
      // The kubernetes Service's endpoints may not be a loopback address: keep no endpoints for it.
      '--endpoint-reconciler-type=none',
      `--tls-cert-file=${join(dir, 'server.crt')}`, `--tls-private-key-file=${join(dir, 'server.key')}`,
      `--client-ca-file=${caFile}`,
      `--token-auth-file=${join(dir, 'tokens.csv')}`,
      '--anonymous-auth=false',
      '--authorization-mode=Node,RBAC',
      '--enable-admission-plugins=NamespaceLifecycle,LimitRanger,ServiceAccount,PodSecurity,ValidatingAdmissionPolicy,NodeRestriction',
      '--allow-privileged=true',
      '--service-account-issuer=https://kubernetes.default.svc',
      `--service-account-key-file=${join(dir, 'sa.pub')}`, `--service-account-signing-key-file=${join(dir, 'sa.key')}`,
      '--service-cluster-ip-range=10.0.0.0/24',
      `--audit-policy-file=${join(dir, 'audit-policy.yaml')}`, `--audit-log-path=${auditLog}`, '--audit-log-format=json', '--audit-log-mode=blocking',
      '--profiling=false',
      ...auditWebhookFlags(dir, opts.auditWebhook),
      ...(opts.apiServerFlags ?? []),
    ], dir));

    const tokens = Object.fromEntries(users.map((u) => [u.name, u.token]));
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, kubeconfigYaml(url, caFile, users));

    const request = <T = unknown>(method: string, path: string, body?: unknown, o: RequestOptions = {}): Promise<ApiResponse<T>> => {
      const tok = o.token ?? tokens[o.user ?? 'admin'];
      if (!tok) return Promise.reject(new Error(`no test user "${o.user}"`));
      const qs = o.query ? '?' + new URLSearchParams(o.query).toString() : '';
      const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      return new Promise((resolve, reject) => {
        const req = httpsRequest(`${url}${path}${qs}`, {
          method, agent, ca,
          headers: {
            authorization: `Bearer ${tok}`, accept: 'application/json', ...o.headers,
            ...(payload !== undefined ? { 'content-type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          },
          timeout: 30_000,
        }, (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (d: string) => (text += d));
          res.on('end', () => {
            let parsed: unknown = text;
            try { parsed = JSON.parse(text); } catch { /* not JSON: keep the text */ }
            resolve({ status: res.statusCode ?? 0, body: parsed as T, text, headers: res.headers });
          });
        });
        req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
        req.on('error', reject);
        if (payload !== undefined) req.write(payload);
        req.end();
      });
    };

    // Ready: /readyz includes the RBAC bootstrap post-start hooks, so the default roles exist then.
    const deadline = Date.now() + (opts.readyTimeoutMs ?? 120_000);
    let last = '';
    for (;;) {
      const dead = procs.find((p) => p.code !== undefined);
      if (dead) throw new Error(`${dead.name} exited (${dead.code}) while starting:\n${tail(dead.log)}`);
      try {
        const r = await request('GET', '/readyz');
        if (r.status === 200) break;
        last = `${r.status} ${r.text.slice(0, 500)}`;
      } catch (e) {
        last = (e as Error).message;
      }
      if (Date.now() > deadline) throw new Error(`kube-apiserver not ready after ${opts.readyTimeoutMs ?? 120_000} ms (last: ${last}):\n${tail(join(dir, 'kube-apiserver.log'))}`);
      await sleep(250);
    }

    if (opts.controllers?.length) {
      procs.push(startProcess('kube-controller-manager', bin('kube-controller-manager'), [
        `--kubeconfig=${kubeconfig}`, `--controllers=${opts.controllers.join(',')}`,
        '--leader-elect=false', '--secure-port=0', '--use-service-account-credentials=false',
      ], dir));
      await sleep(500);
      const dead = procs.find((p) => p.code !== undefined);
      if (dead) throw new Error(`${dead.name} exited (${dead.code}) while starting:\n${tail(dead.log)}`);
    }

    return { url, kubeconfig, tokens, users, ca, caFile, auditLog, dir, request, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
