import { defineCheck } from '../define.js';

export default defineCheck({
  id: 'image-not-scanned',
  title: 'Image could not be read',
  severity: 'medium',
  category: 'images',
  description: "The image a container names could not be pulled or read (registry unreachable, authentication required, no such tag, not an image reference, a corrupt manifest, a layer that fails its digest check: then at critical), so its packages, vulnerabilities and config were not checked. The rest of the scan is complete.",
  remediation: 'Make the registry reachable from where kubeward runs (credentials in ~/.docker/config.json, --insecure-registry HOST for a loopback http registry) or fix the image reference.',
  frameworks: { nsa: ['pod-security/secure-images'], owasp: ['K02'] },
  subject: 'image-use',
  // An image that fails its integrity check (digest or size mismatch, truncated or unreadable layer) may have been
  // tampered with: critical, so --fail-on critical never passes it as a quieter scan.
  run: ({ outcome, label, at }) => {
    if (outcome.error === undefined) return [];
    const issue = at(`${label} was not scanned: ${outcome.error}`, { evidence: { found: outcome.error } });
    return [outcome.integrity ? { ...issue, severity: 'critical' as const, message: `${label} failed its integrity check and was not scanned (it may have been tampered with): ${outcome.error}` } : issue];
  },
  examples: {
    fail: [
      {
        yaml: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      initContainers:\n        - {name: init, image: busybox:1.36}\n      containers:\n        - name: app\n          image: registry.example.com/web:1.2\n',
        outcome: { error: 'connect ECONNREFUSED 127.0.0.1:443' },
        findings: 2,
        path: '/spec/template/spec/initContainers/0/image',
        line: 9,
      },
      {
        yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/web:1.2\n',
        outcome: { error: 'layer 2 (sha256:ab12…): layer digest mismatch', integrity: true },
        findings: 1,
        path: '/spec/containers/0/image',
      },
    ],
    pass: [{ yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n', outcome: {} }],
  },
});
