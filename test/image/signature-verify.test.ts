import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, it } from 'node:test';
import { decodeBase64Strict, loadPublicKey, SignatureKeyError, verifyPayloadSignature } from '../../src/sources/image/signature/public-key.js';
import { evaluateSignatures, type SignatureLayer } from '../../src/sources/image/signature/verify.js';
import { decryptCosignKey, generateCosignKeyPair } from './cosign-key.js';
import { cosignPayload, signPayload, SIMPLE_SIGNING } from './cosign-sign.js';

const D = `sha256:${'12'.repeat(32)}`;
const OTHER = `sha256:${'34'.repeat(32)}`;
const pub = (k: KeyObject) => k.export({ type: 'spki', format: 'pem' }).toString();

function layer(privateKey: KeyObject, digest: string, tweak?: (p: Buffer, sig: string) => { payload: Buffer; sig?: string }, mediaType = SIMPLE_SIGNING): SignatureLayer {
  let payload = cosignPayload(digest, 'reg.example/team/app');
  let sig: string | undefined = signPayload(privateKey, payload);
  if (tweak) ({ payload, sig } = tweak(payload, sig));
  return { descriptor: { mediaType, digest: 'sha256:00', size: payload.length, ...(sig !== undefined ? { annotations: { 'dev.cosignproject.cosign/signature': sig } } : {}) }, payload };
}

describe('public keys and raw signatures (node-generated keys)', () => {
  for (const kind of ['ec', 'rsa', 'ed25519'] as const) {
    it(`${kind}: a signature verifies with its key, not with another key, not after a change`, () => {
      const a = kind === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' }) : kind === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
      const b = kind === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' }) : kind === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
      const payload = cosignPayload(D, 'reg.example/app');
      const sig = Buffer.from(signPayload(a.privateKey, payload), 'base64');
      const ka = loadPublicKey(pub(a.publicKey));
      assert.match(ka.algorithm, kind === 'ec' ? /^ECDSA P-256 SHA-256$/ : kind === 'rsa' ? /^RSA-2048 PKCS#1 v1\.5 SHA-256$/ : /^Ed25519$/);
      assert.equal(verifyPayloadSignature(ka, payload, sig), true);
      assert.equal(verifyPayloadSignature(loadPublicKey(pub(b.publicKey)), payload, sig), false);
      const changed = Buffer.from(payload);
      changed[changed.length - 3] ^= 1;
      assert.equal(verifyPayloadSignature(ka, changed, sig), false);
      const bad = Buffer.from(sig);
      bad[bad.length - 1] ^= 1;
      assert.equal(verifyPayloadSignature(ka, payload, bad), false);
      assert.equal(verifyPayloadSignature(ka, payload, Buffer.alloc(0)), false, 'empty signature is false, not a throw');
    });
  }

  it('refuses private keys, non-PEM text, weak RSA and unsupported curves with a clear message', () => {
    const pair = generateCosignKeyPair('pw');
    assert.throws(() => loadPublicKey(pair.privatePem), (e: Error) => e instanceof SignatureKeyError && /holds a private key \(ENCRYPTED COSIGN PRIVATE KEY\); pass the public key/.test(e.message));
    assert.throws(() => loadPublicKey(pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()), /holds a private key \(PRIVATE KEY\)/);
    assert.throws(() => loadPublicKey('hello'), /not PEM/);
    assert.throws(() => loadPublicKey('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n'), /cannot read the public key/);
    assert.throws(() => loadPublicKey(pub(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey)), /RSA key of 1024 bits is too small/);
    assert.throws(() => loadPublicKey(pub(generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey)), /unsupported EC curve secp256k1/);
    assert.throws(() => loadPublicKey(pub(generateKeyPairSync('x25519').publicKey)), /unsupported key type x25519/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    assert.match(loadPublicKey(rsa).algorithm, /^RSA-2048/, 'PKCS#1 RSA PUBLIC KEY is read too');
  });

  it('base64 is strict (padding, alphabet) as Go StdEncoding, line breaks ignored', () => {
    assert.deepEqual(decodeBase64Strict('aGk='), Buffer.from('hi'));
    assert.deepEqual(decodeBase64Strict('aG\nk='), Buffer.from('hi'));
    for (const s of ['aGk', 'aG-k', 'a Gk=', '', '====']) assert.equal(decodeBase64Strict(s), undefined, s);
  });

  it('the test helper writes cosign encrypted private keys that decrypt back to the PKCS#8 key', () => {
    const pair = generateCosignKeyPair('correct horse');
    assert.match(pair.privatePem, /^-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----\n/);
    const env = JSON.parse(Buffer.from(pair.privatePem.split('\n').slice(1, -2).join(''), 'base64').toString()) as Record<string, { name: string; params?: unknown; salt?: string; nonce?: string }>;
    assert.deepEqual(env.kdf!.params, { N: 32768, r: 8, p: 1 });
    assert.equal(env.kdf!.name, 'scrypt');
    assert.equal(env.cipher!.name, 'nacl/secretbox');
    assert.equal(Buffer.from(env.kdf!.salt!, 'base64').length, 32);
    assert.equal(Buffer.from(env.cipher!.nonce!, 'base64').length, 24);
    assert.deepEqual(decryptCosignKey(pair.privatePem, 'correct horse'), pair.privateKey.export({ type: 'pkcs8', format: 'der' }));
    assert.throws(() => decryptCosignKey(pair.privatePem, 'wrong'), /wrong passphrase/);
  });
});

describe('evaluateSignatures', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const key = loadPublicKey(pub(publicKey));

  it('verified: the signature checks and the payload names the manifest digest; identity is reported', () => {
    const r = evaluateSignatures(D, [layer(privateKey, D)], key);
    assert.equal(r.verified, true);
    assert.equal(r.reason, '1 of 1 signature(s) verified with the key');
    assert.equal(r.signatures[0]!.status, 'verified');
    assert.equal(r.signatures[0]!.dockerReference, 'reg.example/team/app');
  });

  it('not signed when there is no signature tag, or no simple-signing layer', () => {
    assert.deepEqual(evaluateSignatures(D, undefined, key), { verified: false, imageDigest: D, reason: 'not signed: no signature tag for this manifest digest', signatures: [] });
    const r = evaluateSignatures(D, [layer(privateKey, D, undefined, 'application/vnd.oci.image.layer.v1.tar')], key);
    assert.equal(r.verified, false);
    assert.match(r.reason, /^not signed: the signature manifest has no simple-signing payloads/);
    assert.equal(r.signatures[0]!.status, 'skipped');
  });

  it('digest mismatch: a good signature over another image digest does not verify this image', () => {
    const r = evaluateSignatures(D, [layer(privateKey, OTHER)], key);
    assert.equal(r.verified, false);
    assert.equal(r.signatures[0]!.status, 'digest-mismatch');
    assert.equal(r.signatures[0]!.reason, `signed for manifest ${OTHER}, the image is ${D}`);
    assert.match(r.reason, /^digest mismatch/);
  });

  it('bad signature: another key, a tampered payload, a tampered signature', () => {
    const cases = [
      layer(other.privateKey, D),
      layer(privateKey, D, (p, sig) => ({ payload: Buffer.from(p.toString().replace('team', 'maet')), sig })),
      layer(privateKey, D, (p, sig) => ({ payload: p, sig: Buffer.from(Buffer.from(sig, 'base64').map((b, i) => (i === 10 ? b ^ 0xff : b))).toString('base64') })),
    ];
    for (const l of cases) {
      const r = evaluateSignatures(D, [l], key);
      assert.equal(r.verified, false);
      assert.equal(r.signatures[0]!.status, 'bad-signature');
      assert.equal(r.reason, 'bad signature: no signature verifies with the key');
    }
  });

  it('an unsigned (unparsed) payload is never trusted: a bad signature over a mismatching digest is a bad signature', () => {
    const r = evaluateSignatures(D, [layer(other.privateKey, OTHER)], key);
    assert.equal(r.signatures[0]!.status, 'bad-signature');
    assert.equal(r.signatures[0]!.signedDigest, undefined);
  });

  it('invalid: no annotation, non-base64 annotation, unreadable payload, a signed payload of the wrong shape', () => {
    const noAnn = layer(privateKey, D, (p) => ({ payload: p }));
    const notB64 = layer(privateKey, D, (p) => ({ payload: p, sig: '%%%' }));
    const unreadable: SignatureLayer = { ...layer(privateKey, D), error: 'blob sha256:00 not found in the registry' };
    delete unreadable.payload;
    const wrongShapePayload = Buffer.from('{"critical":{"type":"x"},"optional":null}');
    const wrongShape: SignatureLayer = { descriptor: { mediaType: SIMPLE_SIGNING, annotations: { 'dev.cosignproject.cosign/signature': signPayload(privateKey, wrongShapePayload) } }, payload: wrongShapePayload };
    const reasons = [noAnn, notB64, unreadable, wrongShape].map((l) => evaluateSignatures(D, [l], key).signatures[0]!);
    assert.deepEqual(reasons.map((s) => s.status), ['invalid', 'invalid', 'invalid', 'invalid']);
    assert.match(reasons[0]!.reason, /no dev\.cosignproject\.cosign\/signature annotation/);
    assert.match(reasons[1]!.reason, /is not base64/);
    assert.match(reasons[2]!.reason, /payload not readable: blob sha256:00 not found/);
    assert.match(reasons[3]!.reason, /signed payload rejected: payload critical has no "identity", "image"/);
  });

  it('one good signature among bad ones verifies the image, each with its own reason', () => {
    const r = evaluateSignatures(D, [layer(other.privateKey, D), layer(privateKey, OTHER), layer(privateKey, D)], key);
    assert.equal(r.verified, true);
    assert.deepEqual(r.signatures.map((s) => s.status), ['bad-signature', 'digest-mismatch', 'verified']);
    assert.equal(r.reason, '1 of 3 signature(s) verified with the key');
  });
});
