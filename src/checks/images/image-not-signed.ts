import { defineCheck } from '../define.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/team/web:1.2\n';

export default defineCheck({
  id: 'image-not-signed',
  title: 'Image is not signed by the required key',
  severity: 'high',
  category: 'images',
  description: "With --require-signed KEY, every image must carry a cosign signature by that key whose payload names the image's manifest digest. The image has none, a bad one, one over another digest, or its signatures could not be read (the policy fails closed).",
  remediation: 'Sign the image with the key (cosign sign --key cosign.key IMAGE@DIGEST) in the build pipeline, or deploy an image that is signed.',
  frameworks: { nsa: ['pod-security/secure-images'], mitre: ['T1525'], owasp: ['K02'] },
  subject: 'image-use',
  run: ({ outcome, label, at }) =>
    outcome.signature && !outcome.signature.allowed
      ? [at(`${label}: ${outcome.signature.reason}`, { evidence: { found: outcome.signature.reason, expected: 'a valid signature by the --require-signed key' } })]
      : [],
  examples: {
    fail: [{ yaml: POD, outcome: { signature: { allowed: false, reason: 'no cosign signature (sha256-….sig) in the repository' } }, line: 8 }],
    pass: [{ yaml: POD, outcome: { signature: { allowed: true, reason: 'signed by the key' } } }, { yaml: POD, outcome: {} }],
  },
});
