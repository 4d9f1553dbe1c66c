/** Built-in kinds that are not namespaced. Custom resources are treated as namespaced unless listed. */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'StorageClass', 'PriorityClass', 'RuntimeClass', 'IngressClass', 'CSIDriver', 'CSINode', 'VolumeAttachment',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding',
  'APIService', 'CertificateSigningRequest', 'PodSecurityPolicy', 'ComponentStatus', 'FlowSchema',
  'PriorityLevelConfiguration', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'CiliumClusterwideNetworkPolicy', 'GatewayClass', 'ClusterIssuer',
  'ClusterPolicy', 'ClusterPolicyReport', 'IPAddress', 'ServiceCIDR', 'DeviceClass', 'SecurityContextConstraints',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/** The namespace an object lands in when applied: undefined for cluster-scoped kinds. */
export function effectiveNamespace(o: { kind: string; namespace?: string }, fallback = 'default'): string | undefined {
  if (isClusterScoped(o.kind)) return undefined;
  return o.namespace ?? fallback;
}

/** apiVersion "apps/v1" → group "apps"; "v1" → "" (core). */
export function apiGroup(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}
