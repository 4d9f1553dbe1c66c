import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSimpleSigningPayload, signatureTag } from '../../src/sources/image/signature/payload.js';
import { cosignPayload } from './cosign-sign.js';

const D = `sha256:${'ab'.repeat(32)}`;
const parse = (v: unknown) => parseSimpleSigningPayload(Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)));
const critical = (over: Record<string, unknown> = {}) => ({ identity: { 'docker-reference': 'reg.example/team/app' }, image: { 'docker-manifest-digest': D }, type: 'cosign container image signature', ...over });

describe('simple-signing payload', () => {
  it('reads what cosign writes ("optional": null)', () => {
    const r = parseSimpleSigningPayload(cosignPayload(D, 'reg.example/team/app'));
    assert.deepEqual(r, { ok: true, payload: { manifestDigest: D, dockerReference: 'reg.example/team/app' } });
  });

  it('reads what containers/image writes (creator, integer timestamp) and keeps other optional claims', () => {
    const r = parse({ critical: critical(), optional: { creator: 'containers/image 5.23.1', timestamp: 1764560000, team: 'payments' } });
    assert.ok(r.ok);
    assert.equal(r.payload.creator, 'containers/image 5.23.1');
    assert.equal(r.payload.timestamp, 1764560000);
    assert.deepEqual(r.payload.optional, { team: 'payments' });
  });

  const rejected: [string, unknown, RegExp][] = [
    ['not JSON', '{"critical":', /^payload is not JSON: .* at offset 12$/],
    ['an array', [], /payload is not a JSON object/],
    ['no optional', { critical: critical() }, /payload has no "optional"/],
    ['an extra top-level field', { critical: critical(), optional: null, extra: 1 }, /unexpected field\(s\) "extra"/],
    ['another type', { critical: critical({ type: 'atomic container signature' }), optional: null }, /critical\.type is "atomic container signature"/],
    ['an extra critical field', { critical: critical({ also: 'x' }), optional: null }, /critical has unexpected field\(s\) "also"/],
    ['a differently-cased digest key', { critical: critical({ image: { 'Docker-manifest-digest': D } }), optional: null }, /critical\.image has no "docker-manifest-digest"/],
    ['a digest that is not one', { critical: critical({ image: { 'docker-manifest-digest': 'sha256:abc' } }), optional: null }, /is not a digest/],
    ['an upper-case hex digest', { critical: critical({ image: { 'docker-manifest-digest': D.toUpperCase().replace('SHA', 'sha') } }), optional: null }, /is not a digest/],
    ['no docker-reference', { critical: critical({ identity: {} }), optional: null }, /critical\.identity has no "docker-reference"/],
    ['a fractional timestamp', { critical: critical(), optional: { timestamp: 1.5 } }, /timestamp is not an integer/],
    ['a numeric creator', { critical: critical(), optional: { creator: 7 } }, /creator is not a string/],
    ['optional as a string', { critical: critical(), optional: 'x' }, /neither null nor an object/],
    ['a repeated digest key', `{"critical":{"identity":{"docker-reference":"r"},"image":{"docker-manifest-digest":"${D}","docker-manifest-digest":"sha256:${'cd'.repeat(32)}"},"type":"cosign container image signature"},"optional":null}`, /payload has a duplicate key "docker-manifest-digest"$/],
    ['trailing content', `${JSON.stringify({ critical: critical(), optional: null })} {}`, /payload is not JSON: unexpected content after the JSON value/],
    ['absurd nesting', `{"critical":${'['.repeat(100)}${']'.repeat(100)},"optional":null}`, /payload is not JSON: nesting deeper than 32 levels/],
  ];
  for (const [what, doc, re] of rejected) {
    it(`rejects ${what}`, () => {
      const r = parse(doc);
      assert.equal(r.ok, false);
      assert.match((r as { reason: string }).reason, re);
    });
  }

  it('names the signature tag after the digest', () => {
    assert.equal(signatureTag(D), `sha256-${'ab'.repeat(32)}.sig`);
  });
});
