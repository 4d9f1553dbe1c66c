import picocolors from 'picocolors';
import type { ImageSignatureResult } from '../model/image-signature.js';

export const IMAGE_VERIFY_SCHEMA_VERSION = 1;

/** The JSON document of `kubeward image verify -o json`. */
export function renderVerifyJson(r: ImageSignatureResult, tool: { name: string; version: string }): string {
  return JSON.stringify({ schemaVersion: IMAGE_VERIFY_SCHEMA_VERSION, tool, ...r }, null, 2) + '\n';
}

const LABEL: Record<string, string> = {
  verified: 'verified',
  'bad-signature': 'bad signature',
  'digest-mismatch': 'digest mismatch',
  invalid: 'invalid',
  skipped: 'skipped',
};

/** The text of `kubeward image verify`: the image, where its signatures are, one line per signature, a verdict. */
export function renderVerifyText(r: ImageSignatureResult, o: { color?: boolean } = {}): string {
  const c = picocolors.createColors(o.color === true);
  const lines = [
    `Image:       ${r.reference}`,
    `Digest:      ${r.imageDigest}`,
    `Signatures:  ${r.signatureRef}`,
    `Key:         ${r.keyAlgorithm}`,
    '',
  ];
  for (const s of r.signatures) {
    const tag = s.status === 'verified' ? c.green(LABEL[s.status]!) : s.status === 'skipped' ? c.dim(LABEL[s.status]!) : c.red(LABEL[s.status]!);
    lines.push(`  #${s.index} ${tag}: ${s.reason}`);
    if (s.dockerReference !== undefined) lines.push(`     identity: ${s.dockerReference || '(empty)'}${s.creator ? `, creator: ${s.creator}` : ''}${s.timestamp !== undefined ? `, signed: ${new Date(s.timestamp * 1000).toISOString()}` : ''}`);
    if (s.payloadDigest) lines.push(`     payload:  ${s.payloadDigest}`);
  }
  if (r.signatures.length) lines.push('');
  lines.push(r.verified ? c.green(`VERIFIED: ${r.reason}`) : c.red(`NOT VERIFIED: ${r.reason}`));
  return lines.join('\n') + '\n';
}
