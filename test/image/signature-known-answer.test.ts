import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseSimpleSigningPayload } from '../../src/sources/image/signature/payload.js';
import { loadPublicKey } from '../../src/sources/image/signature/public-key.js';
import { evaluateSignatures, type SignatureLayer } from '../../src/sources/image/signature/verify.js';

/* A signature made by real cosign (containers/image's test data, see test/fixtures/cosign/SOURCE.md). */
const dir = new URL('../fixtures/cosign/', import.meta.url);
const payload = readFileSync(new URL('rekor-payload', dir));
const signature = readFileSync(new URL('rekor-sig', dir), 'utf8');
const signerPem = createPublicKey(readFileSync(new URL('fulcio-cert', dir), 'utf8')).export({ type: 'spki', format: 'pem' }).toString();
const otherPem = readFileSync(new URL('cosign.pub', dir), 'utf8');
const DIGEST = 'sha256:fa93b01658e3a5a1686dc3ae55f170d8de487006fb53a28efcd12ab0710a2e5f';
const layer: SignatureLayer = { descriptor: { mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json', annotations: { 'dev.cosignproject.cosign/signature': signature } }, payload };

describe('a real cosign signature (known answer)', () => {
  it('the payload cosign wrote parses', () => {
    assert.deepEqual(parseSimpleSigningPayload(payload), { ok: true, payload: { manifestDigest: DIGEST, dockerReference: '192.168.64.2:5000/test-repo-2100826901021538654/alpine' } });
  });

  it('verifies with the signing key, for its digest only', () => {
    const key = loadPublicKey(signerPem);
    assert.equal(key.algorithm, 'ECDSA P-256 SHA-256');
    const r = evaluateSignatures(DIGEST, [layer], key);
    assert.equal(r.verified, true, r.reason);
    assert.equal(r.signatures[0]!.dockerReference, '192.168.64.2:5000/test-repo-2100826901021538654/alpine');
    const other = evaluateSignatures(`sha256:${'0'.repeat(64)}`, [layer], key);
    assert.equal(other.signatures[0]!.status, 'digest-mismatch');
  });

  it('does not verify with another cosign key, nor with one payload byte changed', () => {
    assert.equal(evaluateSignatures(DIGEST, [layer], loadPublicKey(otherPem)).signatures[0]!.status, 'bad-signature');
    const changed = Buffer.from(payload);
    changed[payload.indexOf('alpine')] = 'A'.charCodeAt(0);
    assert.equal(evaluateSignatures(DIGEST, [{ ...layer, payload: changed }], loadPublicKey(signerPem)).signatures[0]!.status, 'bad-signature');
  });
});
