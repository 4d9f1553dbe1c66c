/**
 * Signature benchmark: what verifying a cosign signature costs next to what any registry read of the image costs,
 * in one run, on loopback (Debian's docker-registry on 127.0.0.1; the fixture image pushed with skopeo, signed as
 * cosign does — see test/image/signature-registry.test.ts).
 *
 *   node --import tsx bench/signature.bench.ts [rounds=200]
 *
 * Prints: one manifest fetch (HEAD-less GET by tag, digest-checked) — the unit; the whole verifyImageSignature
 * (manifest + .sig manifest + payload blob + crypto); the crypto alone (evaluateSignatures) per key type.
 */
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseImageRef } from '../src/sources/image/reference.js';
import { RegistryClient, type RegistryRef } from '../src/sources/image/registry-source.js';
import { loadPublicKey } from '../src/sources/image/signature/public-key.js';
import { evaluateSignatures } from '../src/sources/image/signature/verify.js';
import { verifyImageSignature } from '../src/sources/image/signature/verify-image.js';
import { cosignPayload, signPayload, SIMPLE_SIGNING, writeSignatureLayout } from '../test/image/cosign-sign.js';
import { manifestDigest, missingBinaries, run, startRegistry } from '../test/image/registry-server.js';

const ROUNDS = Number(process.argv[2] ?? 200);
const LAYOUT = fileURLToPath(new URL('../test/fixtures/oci/layout', import.meta.url));

async function timeAsync(n: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(20, n); i++) await fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6 / n;
}

function timeSync(n: number, fn: () => unknown): number {
  for (let i = 0; i < Math.min(50, n); i++) fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  return Number(process.hrtime.bigint() - t0) / 1e6 / n;
}

const missing = missingBinaries();
if (missing.length) {
  console.log(`needs ${missing.join(', ')} (apt-get install -y docker-registry skopeo)`);
  process.exit(0);
}
const reg = await startRegistry();
const work = mkdtempSync(join(tmpdir(), 'kw-sigbench-'));
try {
  const copy = (src: string, dest: string) => {
    const r = run('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', src, `docker://${reg.host}/${dest}`]);
    if (r.status !== 0) throw new Error(r.stderr);
  };
  copy(`oci:${LAYOUT}:v1`, 'bench/app:v1');
  const digest = await manifestDigest(reg.host, 'bench/app', 'v1');
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const payload = cosignPayload(digest, `${reg.host}/bench/app`);
  copy(writeSignatureLayout(join(work, 'sig'), [{ payload, signature: signPayload(privateKey, payload) }]), `bench/app:${digest.replace(':', '-')}.sig`);
  const pem = (k: KeyObject) => k.export({ type: 'spki', format: 'pem' }).toString();
  const image = `${reg.host}/bench/app:v1`;
  const ref = parseImageRef(image) as RegistryRef;

  const fetchMs = await timeAsync(ROUNDS, () => new RegistryClient(ref, { insecure: true }).manifest());
  const sigRef: RegistryRef = { ...ref, tag: `${digest.replace(':', '-')}.sig` };
  const sigMs = await timeAsync(ROUNDS, () => new RegistryClient(sigRef, { insecure: true }).manifest());
  const blobClient = new RegistryClient(ref, { insecure: true });
  const payloadDesc = { digest: `sha256:${createHash('sha256').update(payload).digest('hex')}`, size: payload.length };
  const blobMs = await timeAsync(ROUNDS, () => blobClient.readBlob(payloadDesc));
  const key = loadPublicKey(pem(publicKey));
  const check = await verifyImageSignature(image, { key, insecure: true });
  if (!check.verified) throw new Error(`bench setup: not verified: ${check.reason}`);
  const verifyMs = await timeAsync(ROUNDS, () => verifyImageSignature(image, { key, insecure: true }));

  const crypto: [string, number][] = [];
  for (const kind of ['ec', 'rsa', 'ed25519'] as const) {
    const pair = kind === 'ec' ? { privateKey, publicKey } : kind === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
    const k = loadPublicKey(pem(pair.publicKey));
    const layers = [{ descriptor: { mediaType: SIMPLE_SIGNING, annotations: { 'dev.cosignproject.cosign/signature': signPayload(pair.privateKey, payload) } }, payload }];
    if (!evaluateSignatures(digest, layers, k).verified) throw new Error(`bench setup: ${kind} did not verify`);
    crypto.push([k.algorithm, timeSync(ROUNDS * 5, () => evaluateSignatures(digest, layers, k))]);
  }

  console.log(`rounds: ${ROUNDS}, registry ${reg.host} (loopback, docker-registry), node ${process.version}`);
  console.log(`manifest fetch (tag → digest-checked manifest)      ${fetchMs.toFixed(3)} ms   1.00×`);
  console.log(`.sig manifest fetch                                 ${sigMs.toFixed(3)} ms   ${(sigMs / fetchMs).toFixed(2)}×`);
  console.log(`payload blob read                                  ${blobMs.toFixed(3)} ms   ${(blobMs / fetchMs).toFixed(2)}×`);
  console.log(`verifyImageSignature (3 reads + verify)             ${verifyMs.toFixed(3)} ms   ${(verifyMs / fetchMs).toFixed(2)}×`);
  for (const [alg, ms] of crypto) console.log(`evaluateSignatures, ${alg.padEnd(30)} ${ms.toFixed(3)} ms   ${(ms / fetchMs).toFixed(3)}×`);
} finally {
  reg.stop();
  rmSync(work, { recursive: true, force: true });
}
