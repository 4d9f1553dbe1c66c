import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { requireSignedPolicy } from '../../src/sources/image/signature/require-signed.js';
import { verifyImageSignature } from '../../src/sources/image/signature/verify-image.js';
import { runCli } from '../helpers/cli.js';
import { generateCosignKeyPair, type CosignKeyPair } from './cosign-key.js';
import { cosignPayload, writeSignatureLayout, type SignatureLayerSpec } from './cosign-sign.js';
import { manifestDigest, missingBinaries, REGISTRY_BINARIES, run, startRegistry, type RunningRegistry } from './registry-server.js';

/*
 * Cosign signatures in a real registry: Debian's docker-registry on 127.0.0.1, the fixture image pushed with skopeo.
 * The signature of `fixtures/signed:v1` is made by skopeo itself (--sign-by-sigstore-private-key with an encrypted
 * cosign key and use-sigstore-attachments) where skopeo can; Debian's skopeo 1.9.3 is built with sigstore
 * disabled ("Debian-local change: sigstore disabled"), and then the signature is made by the OpenSSL command line
 * over a cosign payload and pushed by skopeo as the `sha256-<hex>.sig` manifest cosign would write.
 */
const LAYOUT = fileURLToPath(new URL('../fixtures/oci/layout', import.meta.url));
const missing = missingBinaries([...REGISTRY_BINARIES, '/usr/bin/openssl']);
const skipReason = missing.length ? `${missing.join(', ')} not installed (apt-get install -y docker-registry skopeo openssl)` : '';
if (skipReason && process.env.CI !== 'true') console.log(`# skipping the signature registry test: ${skipReason}`);

const sigTag = (d: string) => `${d.replace(':', '-')}.sig`;

describe('cosign signatures in a real registry (docker-registry + skopeo)', { concurrency: false }, () => {
  let reg: RunningRegistry | undefined;
  let work = '';
  let signer: CosignKeyPair;
  let other: CosignKeyPair;
  let signerPub = '';
  let otherPub = '';
  let signedBy: 'skopeo' | 'openssl' = 'openssl';
  const digests: Record<string, string> = {};

  const skopeo = (...args: string[]) => {
    const r = run('skopeo', args);
    assert.equal(r.status, 0, `skopeo ${args.join(' ')}: ${r.stderr}`);
  };
  const push = (src: string, dest: string, format?: string) => skopeo('copy', '--quiet', '--dest-tls-verify=false', ...(format ? ['--format', format] : []), src, `docker://${reg!.host}/${dest}`);

  /** A cosign signature by the OpenSSL CLI (ECDSA DER over SHA-256), independent of node's signing code. */
  const opensslSign = (pair: CosignKeyPair, payload: Buffer): string => {
    const d = mkdtempSync(join(work, 'sign-'));
    writeFileSync(join(d, 'key.pem'), pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(join(d, 'payload'), payload);
    const r = run('openssl', ['dgst', '-sha256', '-sign', join(d, 'key.pem'), '-out', join(d, 'sig'), join(d, 'payload')]);
    assert.equal(r.status, 0, r.stderr);
    const sig = readFileSync(join(d, 'sig')).toString('base64');
    rmSync(d, { recursive: true, force: true });
    return sig;
  };
  const pushSignatures = (repo: string, digest: string, layers: SignatureLayerSpec[]) => {
    const src = writeSignatureLayout(mkdtempSync(join(work, 'sig-')), layers);
    push(src, `${repo}:${sigTag(digest)}`);
  };

  before(async () => {
    if (skipReason) return;
    reg = await startRegistry();
    work = mkdtempSync(join(tmpdir(), 'kw-sig-'));
    signer = generateCosignKeyPair('signer pass');
    other = generateCosignKeyPair('other pass');
    writeFileSync((signerPub = join(work, 'cosign.pub')), signer.publicPem);
    writeFileSync((otherPub = join(work, 'other.pub')), other.publicPem);
    writeFileSync(join(work, 'cosign.key'), signer.privatePem);
    writeFileSync(join(work, 'pass'), 'signer pass');
    const regd = join(work, 'registries.d');
    mkdirSync(regd);
    writeFileSync(join(regd, 'kubeward-test.yaml'), `docker:\n  ${reg.host}:\n    use-sigstore-attachments: true\n`);

    // fixtures/signed:v1 — signed by skopeo when it can.
    const s = run('skopeo', ['--registries.d', regd, 'copy', '--quiet', '--dest-tls-verify=false', '--sign-by-sigstore-private-key', join(work, 'cosign.key'),
      '--sign-passphrase-file', join(work, 'pass'), `oci:${LAYOUT}:v1`, `docker://${reg.host}/fixtures/signed:v1`]);
    if (s.status === 0) signedBy = 'skopeo';
    else {
      assert.match(s.stderr, /sigstore disabled/, `skopeo signing failed for another reason: ${s.stderr}`);
      console.log('# this skopeo cannot sign with sigstore keys (Debian build); the signature is made with the OpenSSL CLI');
      push(`oci:${LAYOUT}:v1`, 'fixtures/signed:v1');
    }
    push(`oci:${LAYOUT}:v2`, 'fixtures/signed:v2');
    push(`oci:${LAYOUT}:v2`, 'fixtures/signed:v2-docker', 'v2s2');
    for (const t of ['v1', 'v2', 'v2-docker']) digests[t] = await manifestDigest(reg.host, 'fixtures/signed', t);
    if (signedBy === 'openssl') {
      const p = cosignPayload(digests.v1!, `${reg.host}/fixtures/signed:v1`, { creator: 'kubeward test (openssl)', timestamp: Math.floor(Date.now() / 1000) });
      pushSignatures('fixtures/signed', digests.v1!, [{ payload: p, signature: opensslSign(signer, p) }]);
    }
    // The signature of v1 re-tagged as v2's: a valid signature by the key, over another digest.
    skopeo('copy', '--quiet', '--src-tls-verify=false', '--dest-tls-verify=false',
      `docker://${reg.host}/fixtures/signed:${sigTag(digests.v1!)}`, `docker://${reg.host}/fixtures/signed:${sigTag(digests.v2!)}`);

    // fixtures/tampered:v1 — a cosign payload for its digest whose signature has one byte changed.
    push(`oci:${LAYOUT}:v1`, 'fixtures/tampered:v1');
    const tp = cosignPayload(digests.v1!, `${reg.host}/fixtures/tampered`);
    const sig = Buffer.from(opensslSign(signer, tp), 'base64');
    sig[sig.length - 2] ^= 0x01;
    pushSignatures('fixtures/tampered', digests.v1!, [{ payload: tp, signature: sig.toString('base64') }]);

    // fixtures/multi:v1 — two signatures: one by another key, one by the signer (cosign's null optional).
    push(`oci:${LAYOUT}:v1`, 'fixtures/multi:v1');
    const mp = cosignPayload(digests.v1!, `${reg.host}/fixtures/multi`);
    pushSignatures('fixtures/multi', digests.v1!, [{ payload: mp, signature: opensslSign(other, mp) }, { payload: mp, signature: opensslSign(signer, mp) }]);
  });

  after(() => {
    reg?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const guard = (t: { skip(msg: string): void }): boolean => {
    if (!skipReason) return true;
    if (process.env.CI === 'true') assert.fail(`CI=true but ${skipReason}`);
    t.skip(skipReason);
    return false;
  };
  const verify = (image: string, key: CosignKeyPair) => verifyImageSignature(`${reg!.host}/${image}`, { key: key.publicPem, insecure: true });

  it('verifies with the right key; the payload names the manifest digest; the identity is reported', async (t) => {
    if (!guard(t)) return;
    const r = await verify('fixtures/signed:v1', signer);
    assert.equal(r.verified, true, r.reason);
    assert.equal(r.imageDigest, digests.v1);
    assert.equal(r.signatureRef, `${reg!.host}/fixtures/signed:${sigTag(digests.v1!)}`);
    assert.equal(r.signatures.length, 1);
    assert.equal(r.signatures[0]!.status, 'verified');
    assert.equal(r.signatures[0]!.signedDigest, digests.v1);
    assert.equal(r.signatures[0]!.dockerReference, `${reg!.host}/fixtures/signed:v1`);
    assert.match(r.keyAlgorithm, /^ECDSA P-256 SHA-256$/);
    const byDigest = await verify(`fixtures/signed@${digests.v1}`, signer);
    assert.equal(byDigest.verified, true, 'by digest too');
  });

  it('fails with another key (bad signature)', async (t) => {
    if (!guard(t)) return;
    const r = await verify('fixtures/signed:v1', other);
    assert.equal(r.verified, false);
    assert.equal(r.signatures[0]!.status, 'bad-signature');
    assert.equal(r.reason, 'bad signature: no signature verifies with the key');
  });

  it('fails for an unsigned tag (not signed)', async (t) => {
    if (!guard(t)) return;
    const r = await verify('fixtures/signed:v2-docker', signer);
    assert.equal(r.verified, false);
    assert.equal(r.imageDigest, digests['v2-docker']);
    assert.equal(r.reason, 'not signed: no signature tag for this manifest digest');
    assert.deepEqual(r.signatures, []);
  });

  it("fails when the signature is another image's, re-tagged (digest mismatch)", async (t) => {
    if (!guard(t)) return;
    const r = await verify('fixtures/signed:v2', signer);
    assert.equal(r.verified, false);
    assert.equal(r.signatures[0]!.status, 'digest-mismatch');
    assert.equal(r.signatures[0]!.reason, `signed for manifest ${digests.v1}, the image is ${digests.v2}`);
  });

  it('fails when the signature was tampered with', async (t) => {
    if (!guard(t)) return;
    const r = await verify('fixtures/tampered:v1', signer);
    assert.equal(r.verified, false);
    assert.equal(r.signatures[0]!.status, 'bad-signature');
  });

  it('one signature by the key among several verifies the image', async (t) => {
    if (!guard(t)) return;
    const r = await verify('fixtures/multi:v1', signer);
    assert.equal(r.verified, true);
    assert.deepEqual(r.signatures.map((s) => s.status), ['bad-signature', 'verified']);
    assert.equal(r.reason, '1 of 2 signature(s) verified with the key');
  });

  it('kubeward image verify: exit 0 verified, 1 not verified, 2 usage; table and json', async (t) => {
    if (!guard(t)) return;
    const ok = await runCli(['image', 'verify', `${reg!.host}/fixtures/signed:v1`, '--key', signerPub, '--insecure']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, new RegExp(`Digest: +${digests.v1}`));
    assert.match(ok.stdout, /#1 verified: signature verified \(ECDSA P-256 SHA-256\)/);
    assert.match(ok.stdout, /VERIFIED: 1 of 1 signature\(s\) verified with the key/);
    const bad = await runCli(['image', 'verify', `${reg!.host}/fixtures/signed:v2`, '--key', signerPub, '--insecure', '-o', 'json']);
    assert.equal(bad.code, 1, bad.stderr);
    const doc = JSON.parse(bad.stdout) as { schemaVersion: number; verified: boolean; signatures: { status: string }[] };
    assert.equal(doc.schemaVersion, 1);
    assert.equal(doc.verified, false);
    assert.equal(doc.signatures[0]!.status, 'digest-mismatch');
    const wrong = await runCli(['image', 'verify', `${reg!.host}/fixtures/signed:v1`, '--key', otherPub, '--insecure']);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stdout, /#1 bad signature: signature does not verify with the key/);
    const noKey = await runCli(['image', 'verify', `${reg!.host}/fixtures/signed:v1`, '--insecure']);
    assert.equal(noKey.code, 2);
    assert.match(noKey.stderr, /needs --key FILE/);
    const privateKey = await runCli(['image', 'verify', `${reg!.host}/fixtures/signed:v1`, '--key', join(work, 'cosign.key'), '--insecure']);
    assert.equal(privateKey.code, 2);
    assert.match(privateKey.stderr, /holds a private key \(ENCRYPTED COSIGN PRIVATE KEY\); pass the public key/);
    assert.doesNotMatch(privateKey.stderr, /eyJ/, 'the private key body is never printed');
  });

  it('the --require-signed hook allows signed images and refuses the rest, with reasons; registry errors fail closed', async (t) => {
    if (!guard(t)) return;
    const hook = requireSignedPolicy(signer.publicPem, { insecure: true });
    const [a, b, c] = await Promise.all([`${reg!.host}/fixtures/signed:v1`, `${reg!.host}/fixtures/signed:v2-docker`, `${reg!.host}/fixtures/tampered:v1`].map(hook));
    assert.deepEqual([a!.allowed, b!.allowed, c!.allowed], [true, false, false]);
    assert.match(b!.reason, /^not signed/);
    assert.match(c!.reason, /^bad signature/);
    const https = await requireSignedPolicy(signer.publicPem)(`${reg!.host}/fixtures/signed:v1`);
    assert.equal(https.allowed, false);
    assert.match(https.reason, /^signature not checked: cannot reach https:\/\/127\.0\.0\.1/);
  });

  it('the registry is still the one this test started', (t) => {
    if (!guard(t)) return;
    assert.equal(reg!.process.exitCode, null, `registry exited early: ${reg!.log()}`);
    console.log(`# signature of fixtures/signed:v1 made by ${signedBy}`);
  });
});
