/** What verifying an image's cosign signatures found (src/sources/image/signature verifies; reports render it). */

export type SignatureStatus = 'verified' | 'bad-signature' | 'digest-mismatch' | 'invalid' | 'skipped';

export interface SignatureCheck {
  /** 1-based position among the manifest's layers. */
  index: number;
  payloadDigest?: string;
  status: SignatureStatus;
  /** Why, in one sentence, for the user. */
  reason: string;
  /** From a payload whose signature verified: */
  signedDigest?: string;
  dockerReference?: string;
  creator?: string;
  timestamp?: number;
}

export interface SignatureVerification {
  /** True when at least one signature verifies with the key and names this image's manifest digest. */
  verified: boolean;
  imageDigest: string;
  /** One line for the whole image: why it is or is not verified. */
  reason: string;
  signatures: SignatureCheck[];
}

export interface ImageSignatureResult extends SignatureVerification {
  /** The image as given, normalised (registry/repository:tag@digest). */
  reference: string;
  /** Where the signatures were looked for: registry/repository:sha256-<hex>.sig. */
  signatureRef: string;
  keyAlgorithm: string;
}
