import { formatImageRef, parseImageRef } from '../reference.js';
import { RegistryClient, type RegistryRef } from '../registry-source.js';
import { ImageError, type ImageOpenOptions } from '../types.js';
import { signatureTag } from './payload.js';
import { loadPublicKey, type VerificationKey } from './public-key.js';
import { evaluateSignatures, signatureLayers, type SignatureLayer } from './verify.js';
import type { ImageSignatureResult } from '../../../model/image-signature.js';

export type { ImageSignatureResult } from '../../../model/image-signature.js';

export interface VerifyImageOptions extends Omit<ImageOpenOptions, 'platform'> {
  /** The public key: PEM text (cosign.pub's content) or an already loaded key. */
  key: string | VerificationKey;
}

/** At most this many signatures (layers) are read from one `.sig` manifest. */
export const MAX_SIGNATURES = 64;

/**
 * Verify cosign key-based signatures of a registry image: resolve the reference to its manifest digest (a tag
 * to the manifest or index it names — the digest cosign signs), read `sha256-<hex>.sig` in the same repository,
 * read each simple-signing payload (digest-verified) and check it with the key (see evaluateSignatures).
 * Reads only from the registry; writes nothing. Throws ImageError when the registry cannot be read, and
 * SignatureKeyError for an unusable key; a missing signature tag is a result (`verified: false`), not an error.
 */
export async function verifyImageSignature(image: string, opts: VerifyImageOptions): Promise<ImageSignatureResult> {
  const key = typeof opts.key === 'string' ? loadPublicKey(opts.key) : opts.key;
  const ref = parseImageRef(image);
  if (ref.kind !== 'registry') throw new ImageError(`${image}: signatures are read from a registry (cosign stores them as a tag next to the image); local ${ref.kind} images are not supported`);
  const clientOpts: ImageOpenOptions = {};
  if (opts.insecure) clientOpts.insecure = true;
  if (opts.dockerConfig) clientOpts.dockerConfig = opts.dockerConfig;
  if (opts.fetch) clientOpts.fetch = opts.fetch;
  const client = new RegistryClient(ref, clientOpts);
  const { digest } = await client.manifest();
  const tag = signatureTag(digest);
  const sigRef: RegistryRef = { kind: 'registry', registry: ref.registry, repository: ref.repository, tag };
  const base = { reference: formatImageRef(ref), signatureRef: formatImageRef(sigRef), keyAlgorithm: key.algorithm };
  let sig: { body: Buffer; mediaType?: string } | undefined;
  try {
    sig = await new RegistryClient(sigRef, clientOpts).manifest();
  } catch (err) {
    // The registry client's 404 message; any other failure (auth, network, bad digest) is an error.
    if (!(err instanceof ImageError && err.message.endsWith(`: manifest ${tag} not found`))) throw err;
  }
  if (!sig) return { ...base, ...evaluateSignatures(digest, undefined, key) };
  let descriptors;
  try {
    descriptors = signatureLayers(sig.body, sig.mediaType);
  } catch (err) {
    return { ...base, verified: false, imageDigest: digest, reason: `the signature manifest cannot be read: ${(err as Error).message}`, signatures: [] };
  }
  if (descriptors.length > MAX_SIGNATURES) throw new ImageError(`${base.signatureRef} holds ${descriptors.length} signatures, over the limit of ${MAX_SIGNATURES}`);
  const layers: SignatureLayer[] = [];
  for (const d of descriptors) {
    const layer: SignatureLayer = { descriptor: d };
    try {
      layer.payload = await client.readBlob(d);
    } catch (err) {
      if (!(err instanceof ImageError)) throw err;
      layer.error = err.message;
    }
    layers.push(layer);
  }
  return { ...base, ...evaluateSignatures(digest, layers, key) };
}
