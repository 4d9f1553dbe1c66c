// Secret detection: pure functions over strings and JSON values (no I/O). See docs/secrets.md.
export { scanValue, scanArgv, formatHits, assignmentHits, looksLikeSecretValue, GENERIC_RULE, LIMIT_RULE, MAX_TEXT, RULE_IDS, ENTROPY_THRESHOLD, type SecretHit } from './detect.js';
export { secretObjectHits, decodeData, COMMITTED_RULE, scanJson, parseEmbeddedJson, type LocatedHit } from './secret-object.js';
export { cloudCredentialKey, isSecretKeyName, keyWords } from './key-names.js';
export { isPlaceholder } from './placeholder.js';
export { maskSecret } from './mask.js';
export { shannonEntropy } from './entropy.js';
export { FORMAT_RULES } from './rules.js';
