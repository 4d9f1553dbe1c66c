// Cosign-compatible (sigstore) key-based image signatures: see docs/signatures.md.
export { verifyImageSignature, MAX_SIGNATURES, type ImageSignatureResult, type VerifyImageOptions } from './verify-image.js';
export { evaluateSignatures, signatureLayers, type SignatureCheck, type SignatureLayer, type SignatureStatus, type SignatureVerification } from './verify.js';
export { requireSignedPolicy, type RequireSignedHook, type SignedVerdict } from './require-signed.js';
export { loadPublicKey, verifyPayloadSignature, SignatureKeyError, type VerificationKey } from './public-key.js';
export { parseSimpleSigningPayload, signatureTag, SIMPLE_SIGNING_MEDIA_TYPE, SIGNATURE_ANNOTATION, COSIGN_SIGNATURE_TYPE, type SimpleSigningPayload } from './payload.js';
