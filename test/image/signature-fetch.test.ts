import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { requireSignedPolicy } from '../../src/sources/image/signature/require-signed.js';
import { SignatureKeyError } from '../../src/sources/image/signature/public-key.js';
import { verifyImageSignature } from '../../src/sources/image/signature/verify-image.js';
import { cosignPayload, signatureManifest, signPayload } from './cosign-sign.js';

/* verifyImageSignature over a stub fetch (no registry needed): what is requested, and how answers map to results. */
const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const IMAGE = Buffer.from('{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"digest":"sha256:00"},"layers":[]}');
const DIGEST = sha256(IMAGE);
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const PUB = publicKey.export({ type: 'spki', format: 'pem' }).toString();

function stub(objects: Map<string, Buffer>, requests: string[], corrupt?: string): typeof fetch {
  return (async (input: string | URL) => {
    const url = new URL(String(input));
    requests.push(url.pathname);
    const m = /^\/v2\/team\/app\/(manifests|blobs)\/(.+)$/.exec(url.pathname);
    const body = m ? objects.get(decodeURIComponent(m[2]!)) : undefined;
    if (!body) return new Response('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}', { status: 404 });
    const data = m![2] === corrupt ? Buffer.from(body.toString().replace('team', 'maet')) : body;
    const headers: Record<string, string> = { 'content-length': String(data.length) };
    if (m![1] === 'manifests') Object.assign(headers, { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'docker-content-digest': sha256(body) });
    return new Response(data, { status: 200, headers });
  }) as typeof fetch;
}

function registry(signed: boolean) {
  const objects = new Map<string, Buffer>([['v1', IMAGE], [DIGEST, IMAGE]]);
  const payload = cosignPayload(DIGEST, 'reg.example/team/app');
  if (signed) {
    const { manifest, blobs } = signatureManifest([{ payload, signature: signPayload(privateKey, payload) }]);
    objects.set(`${DIGEST.replace(':', '-')}.sig`, manifest);
    for (const b of blobs) objects.set(sha256(b), b);
  }
  return { objects, payloadDigest: sha256(payload) };
}

describe('verifyImageSignature (stub registry)', () => {
  it('resolves the tag, reads sha256-<hex>.sig in the same repository and the payload blob', async () => {
    const { objects, payloadDigest } = registry(true);
    const requests: string[] = [];
    const r = await verifyImageSignature('reg.example/team/app:v1', { key: PUB, fetch: stub(objects, requests) });
    assert.equal(r.verified, true, r.reason);
    assert.equal(r.reference, 'reg.example/team/app:v1');
    assert.equal(r.signatureRef, `reg.example/team/app:${DIGEST.replace(':', '-')}.sig`);
    assert.deepEqual(requests, ['/v2/team/app/manifests/v1', `/v2/team/app/manifests/${DIGEST.replace(':', '-')}.sig`, `/v2/team/app/blobs/${payloadDigest}`]);
  });

  it('a missing signature tag is "not signed"; a payload blob that fails its digest is an invalid signature', async () => {
    const unsigned = await verifyImageSignature('reg.example/team/app:v1', { key: PUB, fetch: stub(registry(false).objects, []) });
    assert.equal(unsigned.verified, false);
    assert.match(unsigned.reason, /^not signed/);
    const { objects, payloadDigest } = registry(true);
    const r = await verifyImageSignature('reg.example/team/app:v1', { key: PUB, fetch: stub(objects, [], payloadDigest) });
    assert.equal(r.verified, false);
    assert.equal(r.signatures[0]!.status, 'invalid');
    assert.match(r.signatures[0]!.reason, /payload not readable: blob digest mismatch/);
  });

  it('errors: an image that does not exist, a local image, an unusable key', async () => {
    await assert.rejects(verifyImageSignature('reg.example/team/app:nope', { key: PUB, fetch: stub(registry(true).objects, []) }), /manifest nope not found/);
    await assert.rejects(verifyImageSignature('oci-layout:/tmp/x:v1', { key: PUB }), /signatures are read from a registry/);
    assert.throws(() => requireSignedPolicy('not a key'), SignatureKeyError);
  });

  it('the --require-signed hook checks each reference once', async () => {
    const requests: string[] = [];
    const hook = requireSignedPolicy(PUB, { fetch: stub(registry(true).objects, requests) });
    const [a, b] = await Promise.all([hook('reg.example/team/app:v1'), hook('reg.example/team/app:v1')]);
    assert.equal(a!.allowed, true);
    assert.equal(a, b);
    assert.equal(requests.length, 3);
    const missing = await hook('reg.example/team/app:gone');
    assert.equal(missing.allowed, false);
    assert.match(missing.reason, /^signature not checked: .*manifest gone not found/);
  });
});
