// Kubeconfig resolution (no server needed): files, KUBECONFIG merging, contexts, credentials and in-cluster config.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { KubeconfigError, resolveConnection } from '../../src/sources/cluster/index.js';

const dir = mkdtempSync(join(tmpdir(), 'kubeward-kubeconfig-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
const b64 = (s: string) => Buffer.from(s).toString('base64');

const A = file('a.yaml', `apiVersion: v1
kind: Config
current-context: dev
clusters:
  - name: dev
    cluster: {server: "https://dev.example:6443/", certificate-authority: ca.pem}
  - name: prod
    cluster: {server: "https://prod.example", certificate-authority-data: "${b64('PROD CA')}", insecure-skip-tls-verify: true}
users:
  - name: dev-user
    user: {token: dev-token}
  - name: cert-user
    user: {client-certificate-data: "${b64('CERT')}", client-key: keys/client.key}
contexts:
  - name: dev
    context: {cluster: dev, user: dev-user, namespace: team-a}
  - name: prod
    context: {cluster: prod, user: cert-user}
`);
file('ca.pem', 'DEV CA');
mkdirSync(join(dir, 'keys'));
file('keys/client.key', 'KEY');
const B = file('b.yaml', `apiVersion: v1
kind: Config
current-context: other
clusters: [{name: dev, cluster: {server: "https://shadowed.example"}}, {name: other, cluster: {server: "http://127.0.0.1:8080"}}]
users: [{name: u, user: {tokenFile: tok}}]
contexts: [{name: other, context: {cluster: other, user: u}}]
`);
file('tok', 'file-token\n');
const noHome = join(dir, 'home');

describe('resolveConnection', () => {
  test('--kubeconfig and its current context: server, CA file relative to the kubeconfig, token, namespace', () => {
    const c = resolveConnection({ kubeconfig: A, env: {}, home: noHome });
    assert.deepEqual({ ...c, origin: undefined }, { context: 'dev', server: 'https://dev.example:6443', ca: 'DEV CA', token: 'dev-token', namespace: 'team-a', origin: undefined });
  });

  test('--context: client certificate (data and file), CA data, insecure-skip-tls-verify', () => {
    const c = resolveConnection({ kubeconfig: A, context: 'prod', env: {}, home: noHome });
    assert.equal(c.server, 'https://prod.example');
    assert.equal(c.ca, 'PROD CA');
    assert.equal(c.cert, 'CERT');
    assert.equal(c.key, 'KEY');
    assert.equal(c.insecureSkipTlsVerify, true);
    assert.equal(c.token, undefined);
  });

  test('KUBECONFIG lists files merged as kubectl does: the first file setting a name or current-context wins', () => {
    const c = resolveConnection({ env: { KUBECONFIG: [A, B].join(delimiter) }, home: noHome });
    assert.equal(c.context, 'dev');
    assert.equal(c.server, 'https://dev.example:6443', 'cluster "dev" comes from the first file');
    const o = resolveConnection({ env: { KUBECONFIG: [A, B].join(delimiter) }, context: 'other', home: noHome });
    assert.equal(o.server, 'http://127.0.0.1:8080');
    assert.equal(o.token, 'file-token', 'tokenFile, relative to its kubeconfig');
    assert.equal(resolveConnection({ env: { KUBECONFIG: [B, A].join(delimiter) }, home: noHome }).context, 'other');
  });

  test('~/.kube/config when neither --kubeconfig nor KUBECONFIG is given', () => {
    const home = join(dir, 'userhome');
    mkdirSync(join(home, '.kube'), { recursive: true });
    writeFileSync(join(home, '.kube', 'config'), `clusters: [{name: c, cluster: {server: "https://home.example"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\ncurrent-context: c\n`);
    assert.equal(resolveConnection({ env: {}, home }).server, 'https://home.example');
  });

  test('in-cluster config from the service-account files when no kubeconfig exists', () => {
    const sa = join(dir, 'sa');
    mkdirSync(sa);
    writeFileSync(join(sa, 'token'), 'pod-token\n');
    writeFileSync(join(sa, 'ca.crt'), 'POD CA');
    writeFileSync(join(sa, 'namespace'), 'scanner-ns');
    const c = resolveConnection({ env: { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' }, home: noHome, serviceAccountDir: sa });
    assert.deepEqual(c, { context: 'in-cluster', server: 'https://10.0.0.1:443', token: 'pod-token', ca: 'POD CA', namespace: 'scanner-ns', origin: 'in-cluster' });
    const v6 = resolveConnection({ env: { KUBERNETES_SERVICE_HOST: 'fd00::1' }, home: noHome, serviceAccountDir: sa });
    assert.equal(v6.server, 'https://[fd00::1]:443');
  });

  test('errors name what is missing', () => {
    const err = (f: () => unknown, re: RegExp) => assert.throws(f, (e: unknown) => e instanceof KubeconfigError && re.test(e.message));
    err(() => resolveConnection({ env: {}, home: noHome, serviceAccountDir: join(dir, 'none') }), /no kubeconfig: give --kubeconfig/);
    err(() => resolveConnection({ kubeconfig: join(dir, 'missing.yaml'), env: {}, home: noHome }), /does not exist/);
    err(() => resolveConnection({ kubeconfig: A, context: 'nope', env: {}, home: noHome }), /context "nope" not found .*contexts: dev, prod/);
    const exec = file('exec.yaml', 'clusters: [{name: c, cluster: {server: "https://x"}}]\nusers: [{name: u, user: {exec: {command: aws}}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\ncurrent-context: c\n');
    err(() => resolveConnection({ kubeconfig: exec, env: {}, home: noHome }), /exec and auth-provider credentials are not supported/);
    const half = file('half.yaml', `clusters: [{name: c, cluster: {server: "https://x"}}]\nusers: [{name: u, user: {client-certificate-data: "${b64('C')}"}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\ncurrent-context: c\n`);
    err(() => resolveConnection({ kubeconfig: half, env: {}, home: noHome }), /needs both the certificate and the key/);
  });
});
