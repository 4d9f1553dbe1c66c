import type { FrameworkRefs, Severity } from '../../model/finding.js';

/**
 * The findings `kubeward scan --images` adds on workloads, besides the image config rules (rules.ts), which keep
 * their own ids. Their subject is an image used by a workload, so they are a rule table like IMAGE_RULES, listed
 * by `kubeward checks` and `kubeward explain` next to the manifest checks.
 */
export interface WorkloadImageRule {
  id: string;
  title: string;
  /** The default; image-vulnerability findings take the advisory's severity. */
  severity: Severity;
  description: string;
  remediation: string;
  frameworks: FrameworkRefs;
  aliases?: { trivy?: string[]; kubescape?: string[] };
}

export const WORKLOAD_IMAGE_RULES = {
  'image-vulnerability': {
    id: 'image-vulnerability',
    title: 'Image has a known vulnerability',
    severity: 'medium',
    description: "A package of the container's image is affected by an advisory of the local advisory database (kubeward db import): the exact version comparison of its ecosystem (dpkg, apk, rpm, semver, PEP 440, Go) says the installed version is in an affected range. One finding per vulnerability, package and container image field; the severity is the advisory's (unknown is reported as low).",
    remediation: 'Rebuild the image with the fixed version of the package (shown as fixedIn) or a newer base image, push it and update the image reference.',
    frameworks: { nsa: ['pod-security/secure-images'], mitre: ['T1190'], owasp: ['K02'] },
  },
  'image-not-scanned': {
    id: 'image-not-scanned',
    title: 'Image could not be read',
    severity: 'medium',
    description: "The image a container names could not be pulled or read (registry unreachable, authentication required, no such tag, not an image reference, a corrupt manifest), so its packages, vulnerabilities and config were not checked. The rest of the scan is complete.",
    remediation: 'Make the registry reachable from where kubeward runs (credentials in ~/.docker/config.json, --insecure-registry HOST for a loopback http registry) or fix the image reference.',
    frameworks: { nsa: ['pod-security/secure-images'], owasp: ['K02'] },
  },
  'image-not-signed': {
    id: 'image-not-signed',
    title: 'Image is not signed by the required key',
    severity: 'high',
    description: 'With --require-signed KEY, every image must carry a cosign signature by that key whose payload names the image\'s manifest digest. The image has none, a bad one, one over another digest, or its signatures could not be read (the policy fails closed).',
    remediation: 'Sign the image with the key (cosign sign --key cosign.key IMAGE@DIGEST) in the build pipeline, or deploy an image that is signed.',
    frameworks: { nsa: ['pod-security/secure-images'], mitre: ['T1525'], owasp: ['K02'] },
  },
} as const satisfies Record<string, WorkloadImageRule>;

export type WorkloadImageRuleId = keyof typeof WORKLOAD_IMAGE_RULES;
