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
