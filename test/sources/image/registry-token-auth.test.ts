import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { createHash, createPrivateKey, createPublicKey, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import selfsigned from 'selfsigned';
import { scanImage } from '../../../src/engine/scan-image.js';
import { freePort, guard, registrySkipReason, skopeoAsync, startRegistry } from './registry-tools.js';

/*
 * Bearer-token auth against the real docker-registry: its `auth: token` config trusts a self-signed certificate;
 * a node:http token server checks basic credentials and signs RS256 JWTs whose `kid` is the libtrust key id of
 * that certificate's key, as docker/distribution expects. kubeward must follow the WWW-Authenticate challenge
 * with the credentials of a Docker config file.
 */
const OCI = fileURLToPath(new URL('../../fixtures/oci/', import.meta.url));
const USER = 'alice';
const PASS = 'correct horse battery staple';
const SERVICE = 'kubeward-test-registry';
const ISSUER = 'kubeward-test-issuer';

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** libtrust's key id: SHA-256 of the DER public key, first 240 bits, base32, groups of 4 joined by ':'. */
function libtrustKeyId(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  const bytes = createHash('sha256').update(der).digest().subarray(0, 30);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const b of bytes) bits += b.toString(2).padStart(8, '0');
  let s = '';
  for (let i = 0; i < bits.length; i += 5) s += alphabet[parseInt(bits.slice(i, i + 5), 2)];
  return s.match(/.{4}/g)!.join(':');
}

function jwt(privateKeyPem: string, kid: string, access: { type: string; name: string; actions: string[] }[]): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid }));
  const claims = b64url(JSON.stringify({ iss: ISSUER, sub: USER, aud: SERVICE, exp: now + 600, nbf: now - 60, iat: now, jti: randomUUID(), access }));
  const sig = sign('RSA-SHA256', Buffer.from(`${header}.${claims}`), createPrivateKey(privateKeyPem));
  return `${header}.${claims}.${b64url(sig)}`;
}

describe('real registry with bearer-token auth', { concurrency: false }, () => {
  const skipReason = registrySkipReason();
  let dir = '';
  let registry: ChildProcess | undefined;
  let tokens: Server | undefined;
  let host = '';
  const issued: string[] = [];

  before(async () => {
    if (skipReason) return;
    dir = mkdtempSync(join(tmpdir(), 'kw-registry-token-'));
    const pems = await selfsigned.generate([{ name: 'commonName', value: 'kubeward-test-token-signer' }], { keySize: 2048, notAfterDate: new Date(Date.now() + 86_400_000) });
    writeFileSync(join(dir, 'root.crt'), pems.cert);
    const kid = libtrustKeyId(pems.public);
    tokens = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const want = `Basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')}`;
      if (url.pathname !== '/token' || req.headers.authorization !== want) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"bad credentials"}');
        return;
      }
      const access = url.searchParams.getAll('scope').map((s) => {
        const [type, name, actions] = s.split(':');
        return { type: type!, name: name!, actions: actions!.split(',') };
      });
      issued.push(url.searchParams.getAll('scope').join(' '));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: jwt(pems.private, kid, access), expires_in: 600 }));
    });
    const tokenPort = await freePort();
    await new Promise<void>((r) => tokens!.listen(tokenPort, '127.0.0.1', r));
    const port = await freePort();
    host = `127.0.0.1:${port}`;
    const started = await startRegistry(dir, port, [
      `auth: {token: {realm: "http://127.0.0.1:${tokenPort}/token", service: ${SERVICE}, issuer: ${ISSUER}, rootcertbundle: ${JSON.stringify(join(dir, 'root.crt'))}}}`,
    ], (s) => s === 401);
    registry = started.child;
    await skopeoAsync('copy', '--quiet', '--dest-tls-verify=false', '--dest-creds', `${USER}:${PASS}`, `oci:${OCI}layout:v2`, `docker://${host}/fixtures/alpine-dpkg:v2`);
  });

  after(async () => {
    if (registry && registry.exitCode === null) registry.kill('SIGTERM');
    if (tokens) await new Promise<void>((r) => tokens!.close(() => r()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('follows the challenge to the token service with Docker config credentials and scans the image', async (t) => {
    if (!guard(t, skipReason)) return;
    const cfg = join(dir, 'docker-config.json');
    writeFileSync(cfg, JSON.stringify({ auths: { [host]: { auth: Buffer.from(`${USER}:${PASS}`).toString('base64') } } }));
    issued.length = 0;
    const r = await scanImage(`${host}/fixtures/alpine-dpkg:v2`, { insecure: true, dockerConfig: cfg });
    assert.equal(r.packages.find((p) => p.name === 'sqlite-libs')!.version, '3.28.0-r0');
    assert.equal(r.packages.filter((p) => p.type === 'deb').length, 0);
    assert.deepEqual(issued, ['repository:fixtures/alpine-dpkg:pull'], 'one token, pull scope, reused for every blob');
  });

  it('without credentials the token service refuses, and the error says so', async (t) => {
    if (!guard(t, skipReason)) return;
    const cfg = join(dir, 'empty-config.json');
    writeFileSync(cfg, '{}');
    await assert.rejects(scanImage(`${host}/fixtures/alpine-dpkg:v2`, { insecure: true, dockerConfig: cfg }), /token service http:\/\/127\.0\.0\.1:\d+ refused \(HTTP 401\)/);
  });
});
