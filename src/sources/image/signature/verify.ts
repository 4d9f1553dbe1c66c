import { parseManifest } from '../manifest.js';
import type { Descriptor } from '../types.js';
import { parseSimpleSigningPayload, SIGNATURE_ANNOTATION, SIMPLE_SIGNING_MEDIA_TYPE } from './payload.js';
import { decodeBase64Strict, verifyPayloadSignature, type VerificationKey } from './public-key.js';
import type { SignatureCheck, SignatureStatus, SignatureVerification } from '../../../model/image-signature.js';

export type { SignatureCheck, SignatureStatus, SignatureVerification } from '../../../model/image-signature.js';

/** One layer of a `.sig` manifest, with its payload blob when it could be read (digest-verified). */
export interface SignatureLayer {
  descriptor: Descriptor;
  payload?: Buffer;
  /** Why the payload could not be read (missing blob, digest mismatch, ...). */
  error?: string;
}

/** The simple-signing layers of a `.sig` manifest (an OCI or Docker schema2 image manifest). */
export function signatureLayers(manifest: Buffer, mediaType?: string): Descriptor[] {
  const m = parseManifest(manifest, mediaType);
  if (m.kind !== 'manifest') throw new Error('the signature tag holds an image index, not a signature manifest');
  return m.layers;
}

function checkOne(layer: SignatureLayer, index: number, imageDigest: string, key: VerificationKey): SignatureCheck {
  const d = layer.descriptor;
  const base: SignatureCheck = { index, status: 'invalid', reason: '' };
  if (d.digest) base.payloadDigest = d.digest;
  const r = (status: SignatureStatus, reason: string): SignatureCheck => ({ ...base, status, reason });
  if (d.mediaType !== SIMPLE_SIGNING_MEDIA_TYPE) return r('skipped', `layer media type ${d.mediaType ?? '(none)'} is not a simple-signing payload`);
  const b64 = d.annotations?.[SIGNATURE_ANNOTATION];
  if (b64 === undefined) return r('invalid', `no ${SIGNATURE_ANNOTATION} annotation`);
  const sig = decodeBase64Strict(b64);
  if (!sig) return r('invalid', `the ${SIGNATURE_ANNOTATION} annotation is not base64`);
  if (!layer.payload) return r('invalid', `payload not readable: ${layer.error ?? 'no data'}`);
  if (!verifyPayloadSignature(key, layer.payload, sig)) return r('bad-signature', `signature does not verify with the key (${key.algorithm})`);
  const p = parseSimpleSigningPayload(layer.payload);
  if (!p.ok) return r('invalid', `signed payload rejected: ${p.reason}`);
  const out: SignatureCheck = { ...base, signedDigest: p.payload.manifestDigest, dockerReference: p.payload.dockerReference };
  if (p.payload.creator !== undefined) out.creator = p.payload.creator;
  if (p.payload.timestamp !== undefined) out.timestamp = p.payload.timestamp;
  if (p.payload.manifestDigest !== imageDigest) {
    return { ...out, status: 'digest-mismatch', reason: `signed for manifest ${p.payload.manifestDigest}, the image is ${imageDigest}` };
  }
  return { ...out, status: 'verified', reason: `signature verified (${key.algorithm}); payload names this manifest digest` };
}

/**
 * The pure core of signature verification: given the image's manifest digest, the layers of its `.sig` manifest
 * (undefined when the tag does not exist) with their payloads, and a public key, decide per signature and for the
 * image. The cryptographic check comes first; only a payload whose signature verifies is parsed and trusted.
 */
export function evaluateSignatures(imageDigest: string, layers: SignatureLayer[] | undefined, key: VerificationKey): SignatureVerification {
  if (!layers) return { verified: false, imageDigest, reason: 'not signed: no signature tag for this manifest digest', signatures: [] };
  const signatures = layers.map((l, i) => checkOne(l, i + 1, imageDigest, key));
  const ok = signatures.filter((s) => s.status === 'verified').length;
  if (ok) return { verified: true, imageDigest, reason: `${ok} of ${signatures.length} signature(s) verified with the key`, signatures };
  const payloads = signatures.filter((s) => s.status !== 'skipped');
  let reason: string;
  if (!payloads.length) reason = 'not signed: the signature manifest has no simple-signing payloads';
  else if (payloads.some((s) => s.status === 'digest-mismatch')) reason = 'digest mismatch: a signature by the key names another manifest digest';
  else if (payloads.some((s) => s.status === 'bad-signature')) reason = 'bad signature: no signature verifies with the key';
  else reason = `no valid signature: ${payloads[0]!.reason}`;
  return { verified: false, imageDigest, reason, signatures };
}
