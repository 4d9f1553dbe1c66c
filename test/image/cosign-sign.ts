import { createHash, sign, type KeyObject } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * Test helper: cosign signatures built as cosign writes them (specs/SIGNATURE_SPEC.md in sigstore/cosign):
 * the simple-signing payload JSON (Go's field order: critical{identity,image,type}, optional), a signature over
 * the payload bytes (ECDSA: ASN.1 DER over SHA-256; RSA: PKCS#1 v1.5 SHA-256; Ed25519: the payload), and an OCI
 * image manifest whose layers are the payloads with the signature as annotation. The manifest is written as an
 * OCI layout so that skopeo pushes it to the registry's `sha256-<hex>.sig` tag.
 */
export const SIMPLE_SIGNING = 'application/vnd.dev.cosign.simplesigning.v1+json';

export function cosignPayload(manifestDigest: string, dockerReference: string, optional: Record<string, unknown> | null = null): Buffer {
  return Buffer.from(JSON.stringify({
    critical: { identity: { 'docker-reference': dockerReference }, image: { 'docker-manifest-digest': manifestDigest }, type: 'cosign container image signature' },
    optional,
  }));
}

export function signPayload(privateKey: KeyObject, payload: Buffer): string {
  const t = privateKey.asymmetricKeyType;
  const sig = t === 'ed25519' ? sign(null, payload, privateKey) : t === 'rsa' ? sign('sha256', payload, privateKey) : sign('sha256', payload, { key: privateKey, dsaEncoding: 'der' });
  return sig.toString('base64');
}

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

export interface SignatureLayerSpec {
  payload: Buffer;
  /** base64 signature; omitted = no annotation. */
  signature?: string;
  mediaType?: string;
}

/** The `.sig` manifest (and its blobs) for the given payloads. */
export function signatureManifest(layers: SignatureLayerSpec[]): { manifest: Buffer; blobs: Buffer[] } {
  const config = Buffer.from(JSON.stringify({
    architecture: '', created: '0001-01-01T00:00:00Z', history: [{ created: '0001-01-01T00:00:00Z' }], os: '',
    rootfs: { type: 'layers', diff_ids: layers.map((l) => sha256(l.payload)) }, config: {},
  }));
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', size: config.length, digest: sha256(config) },
    layers: layers.map((l) => ({
      mediaType: l.mediaType ?? SIMPLE_SIGNING,
      size: l.payload.length,
      digest: sha256(l.payload),
      ...(l.signature !== undefined ? { annotations: { 'dev.cosignproject.cosign/signature': l.signature } } : {}),
    })),
  }));
  return { manifest, blobs: [config, ...layers.map((l) => l.payload)] };
}

/** Write the `.sig` manifest as an OCI layout (tag `sig`) in `dir`; returns the skopeo source `oci:DIR:sig`. */
export function writeSignatureLayout(dir: string, layers: SignatureLayerSpec[]): string {
  const { manifest, blobs } = signatureManifest(layers);
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  for (const b of [...blobs, manifest]) writeFileSync(join(dir, 'blobs', 'sha256', sha256(b).slice(7)), b);
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(join(dir, 'index.json'), JSON.stringify({
    schemaVersion: 2,
    manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', size: manifest.length, digest: sha256(manifest), annotations: { 'org.opencontainers.image.ref.name': 'sig' } }],
  }));
  return `oci:${dir}:sig`;
}
