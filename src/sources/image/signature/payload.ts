import { DepthExceeded } from '../../yaml/fast-state.js';
import { JsonSyntaxError, parseJsonDocument } from '../../yaml/json-parser.js';

/**
 * Cosign signatures: the constants of the tag-based storage and the "simple signing" payload, parsed as strictly
 * as containers/image does (cosign's SIGNATURE_SPEC.md; containers-signature(5) for the JSON format).
 */
export const SIMPLE_SIGNING_MEDIA_TYPE = 'application/vnd.dev.cosign.simplesigning.v1+json';
export const SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';
export const COSIGN_SIGNATURE_TYPE = 'cosign container image signature';

/** `sha256:abc…` → `sha256-abc….sig`, the tag that holds the image's signatures in the same repository. */
export function signatureTag(digest: string): string {
  return `${digest.replace(':', '-')}.sig`;
}

export interface SimpleSigningPayload {
  /** `critical.image.docker-manifest-digest`: the manifest digest that was signed. */
  manifestDigest: string;
  /** `critical.identity.docker-reference`: what the signer called the image (reported, not enforced). */
  dockerReference: string;
  /** `optional.creator`, `optional.timestamp` (Unix seconds) when present. */
  creator?: string;
  timestamp?: number;
  /** The rest of `optional` (cosign -a annotations). */
  optional?: Record<string, unknown>;
}

export type PayloadResult = { ok: true; payload: SimpleSigningPayload } | { ok: false; reason: string };

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function exactFields(v: unknown, fields: string[], what: string): string | undefined {
  if (!isObject(v)) return `${what} is not a JSON object`;
  const keys = Object.keys(v);
  const extra = keys.filter((k) => !fields.includes(k));
  const missing = fields.filter((f) => !keys.includes(f));
  if (missing.length) return `${what} has no ${missing.map((m) => `"${m}"`).join(', ')}`;
  if (extra.length) return `${what} has unexpected field(s) ${extra.map((m) => `"${m}"`).join(', ')}`;
  return undefined;
}

const DIGEST = /^(?:sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})$/;

/**
 * Parse a simple-signing payload: top level exactly `critical` and `optional` (null or an object), `critical`
 * exactly `type` (= "cosign container image signature"), `image` (exactly `docker-manifest-digest`) and
 * `identity` (exactly `docker-reference`). Field names are exact (case-sensitive) and must not repeat, as
 * containers/image reads them.
 */
export function parseSimpleSigningPayload(buf: Buffer): PayloadResult {
  const bad = (reason: string): PayloadResult => ({ ok: false, reason });
  let doc: unknown;
  try {
    const parsed = parseJsonDocument(buf.toString('utf8'), 0, 32);
    // Two values for one key could be read differently by two verifiers: refused, as containers/image does.
    const dup = parsed.warnings.find((w) => w.code === 'duplicate-key');
    if (dup) return bad(`payload has a ${dup.message.replace(/: the last value is used$/, '')}`);
    doc = parsed.value;
  } catch (err) {
    if (err instanceof DepthExceeded) return bad(`payload is not JSON: nesting deeper than ${err.limit} levels`);
    if (err instanceof JsonSyntaxError) return bad(`payload is not JSON: ${err.message} at offset ${err.offset}`);
    throw err;
  }
  let e = exactFields(doc, ['critical', 'optional'], 'payload');
  if (e) return bad(e);
  const { critical, optional } = doc as { critical: unknown; optional: unknown };
  if ((e = exactFields(critical, ['identity', 'image', 'type'], 'payload critical'))) return bad(e);
  const c = critical as { identity: unknown; image: unknown; type: unknown };
  if (c.type !== COSIGN_SIGNATURE_TYPE) return bad(`payload critical.type is ${JSON.stringify(c.type)}, not "${COSIGN_SIGNATURE_TYPE}"`);
  if ((e = exactFields(c.image, ['docker-manifest-digest'], 'payload critical.image'))) return bad(e);
  if ((e = exactFields(c.identity, ['docker-reference'], 'payload critical.identity'))) return bad(e);
  const digest = (c.image as Record<string, unknown>)['docker-manifest-digest'];
  const ref = (c.identity as Record<string, unknown>)['docker-reference'];
  if (typeof digest !== 'string' || !DIGEST.test(digest)) return bad(`payload docker-manifest-digest ${JSON.stringify(digest)} is not a digest`);
  if (typeof ref !== 'string') return bad('payload docker-reference is not a string');
  const payload: SimpleSigningPayload = { manifestDigest: digest, dockerReference: ref };
  if (optional !== null) {
    if (!isObject(optional)) return bad('payload optional is neither null nor an object');
    const { creator, timestamp, ...rest } = optional;
    if (creator !== undefined) {
      if (typeof creator !== 'string') return bad('payload optional.creator is not a string');
      payload.creator = creator;
    }
    if (timestamp !== undefined) {
      if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp)) return bad('payload optional.timestamp is not an integer');
      payload.timestamp = timestamp;
    }
    if (Object.keys(rest).length) payload.optional = rest;
  }
  return { ok: true, payload };
}
