import type { Need } from './needs.js';

/** OWASP Kubernetes Top 10 (2022). */
export const OWASP_K8S_TOP10: Readonly<Record<string, string>> = {
  K01: 'Insecure Workload Configurations',
  K02: 'Supply Chain Vulnerabilities',
  K03: 'Overly Permissive RBAC Configurations',
  K04: 'Lack of Centralized Policy Enforcement',
  K05: 'Inadequate Logging and Monitoring',
  K06: 'Broken Authentication Mechanisms',
  K07: 'Missing Network Segmentation Controls',
  K08: 'Secrets Management Failures',
  K09: 'Misconfigured Cluster Components',
  K10: 'Outdated and Vulnerable Kubernetes Components',
};

/** The input each control needs before kubeward can judge it (see needs.ts). */
export const OWASP_NEEDS: Readonly<Record<string, Need>> = {
  K01: 'manifests',
  K02: 'image',
  K03: 'manifests',
  K04: 'cluster',
  K05: 'cluster',
  K06: 'cluster',
  K07: 'manifests',
  K08: 'manifests',
  K09: 'node',
  K10: 'cluster',
};
