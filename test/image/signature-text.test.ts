import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderVerifyJson, renderVerifyText } from '../../src/report/signature-text.js';
import type { ImageSignatureResult } from '../../src/sources/image/signature/verify-image.js';

const D = `sha256:${'ab'.repeat(32)}`;
const result: ImageSignatureResult = {
  reference: 'reg.example/team/app:1.4',
  signatureRef: `reg.example/team/app:sha256-${'ab'.repeat(32)}.sig`,
  keyAlgorithm: 'ECDSA P-256 SHA-256',
  verified: false,
  imageDigest: D,
  reason: 'digest mismatch: a signature by the key names another manifest digest',
  signatures: [
    { index: 1, payloadDigest: `sha256:${'01'.repeat(32)}`, status: 'digest-mismatch', reason: 'signed for manifest sha256:cd…, the image is sha256:ab…', signedDigest: `sha256:${'cd'.repeat(32)}`, dockerReference: 'reg.example/team/app', creator: 'ci', timestamp: 1764547200 },
    { index: 2, status: 'skipped', reason: 'layer media type application/octet-stream is not a simple-signing payload' },
  ],
};

describe('image verify report', () => {
  it('text: image, digest, where the signatures are, the key, one entry per signature, the verdict', () => {
    assert.equal(renderVerifyText(result), [
      'Image:       reg.example/team/app:1.4',
      `Digest:      ${D}`,
      `Signatures:  reg.example/team/app:sha256-${'ab'.repeat(32)}.sig`,
      'Key:         ECDSA P-256 SHA-256',
      '',
      '  #1 digest mismatch: signed for manifest sha256:cd…, the image is sha256:ab…',
      '     identity: reg.example/team/app, creator: ci, signed: 2025-12-01T00:00:00.000Z',
      `     payload:  sha256:${'01'.repeat(32)}`,
      '  #2 skipped: layer media type application/octet-stream is not a simple-signing payload',
      '',
      'NOT VERIFIED: digest mismatch: a signature by the key names another manifest digest',
      '',
    ].join('\n'));
    assert.doesNotMatch(renderVerifyText(result), /\x1b\[/, 'no colour unless asked');
    assert.match(renderVerifyText({ ...result, verified: true, reason: 'ok', signatures: [] }, { color: true }), /\x1b\[32mVERIFIED: ok\x1b\[39m/);
  });

  it('json: versioned, with the tool and the whole result', () => {
    const doc = JSON.parse(renderVerifyJson(result, { name: 'kubeward', version: '0.1.0' })) as Record<string, unknown>;
    assert.deepEqual(doc, { schemaVersion: 1, tool: { name: 'kubeward', version: '0.1.0' }, ...result });
  });
});
