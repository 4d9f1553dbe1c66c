import type { Need } from './needs.js';

/**
 * NSA-CISA Kubernetes Hardening Guide (Cybersecurity Technical Report, v1.2, August 2022): its
 * sections, by a stable slug "<chapter>/<section>".
 */
export const NSA_VERSION = 'NSA-CISA Kubernetes Hardening Guidance v1.2';

export const NSA_SECTIONS: Readonly<Record<string, string>> = {
  'pod-security/non-root': '"Non-root" containers and "rootless" container engines',
  'pod-security/immutable-filesystem': 'Immutable container file systems',
  'pod-security/secure-images': 'Building secure container images',
  'pod-security/enforcement': 'Pod security enforcement',
  'pod-security/service-account-tokens': 'Protecting Pod service account tokens',
  'pod-security/container-environments': 'Hardening container environments',
  'network/namespaces': 'Namespaces',
  'network/network-policies': 'Network policies',
  'network/resource-policies': 'Resource policies',
  'network/control-plane': 'Control plane hardening',
  'network/worker-node-segmentation': 'Worker node segmentation',
  'network/encryption': 'Encryption',
  'network/secrets': 'Secrets',
  'network/cloud-infrastructure': 'Protecting sensitive cloud infrastructure',
  'authn-authz/authentication': 'Authentication',
  'authn-authz/rbac': 'Role-based access control',
  'logging/audit': 'Kubernetes native audit logging configuration',
  'logging/worker-nodes-and-containers': 'Worker node and container logging',
  'logging/seccomp-audit': 'Seccomp: audit mode',
  'logging/syslog': 'Syslog',
  'logging/siem': 'SIEM platforms',
  'logging/service-meshes': 'Service meshes',
  'logging/fault-tolerance': 'Fault tolerance',
  'logging/threat-detection': 'Threat detection',
  'logging/alerting': 'Alerting',
  'logging/tools': 'Tools',
  'upgrading/application-security': 'Upgrading and application security practices',
};

/** The input each control needs before kubeward can judge it (see needs.ts). */
export const NSA_NEEDS: Readonly<Record<string, Need>> = {
  'pod-security/non-root': 'manifests',
  'pod-security/immutable-filesystem': 'manifests',
  'pod-security/secure-images': 'image',
  'pod-security/enforcement': 'manifests',
  'pod-security/service-account-tokens': 'manifests',
  'pod-security/container-environments': 'manifests',
  'network/namespaces': 'manifests',
  'network/network-policies': 'manifests',
  'network/resource-policies': 'manifests',
  'network/control-plane': 'node',
  'network/worker-node-segmentation': 'cluster',
  'network/encryption': 'cluster',
  'network/secrets': 'manifests',
  'network/cloud-infrastructure': 'cluster',
  'authn-authz/authentication': 'cluster',
  'authn-authz/rbac': 'manifests',
  'logging/audit': 'node',
  'logging/worker-nodes-and-containers': 'node',
  'logging/seccomp-audit': 'node',
  'logging/syslog': 'node',
  'logging/siem': 'cluster',
  'logging/service-meshes': 'cluster',
  'logging/fault-tolerance': 'cluster',
  'logging/threat-detection': 'cluster',
  'logging/alerting': 'cluster',
  'logging/tools': 'cluster',
  'upgrading/application-security': 'image',
};
