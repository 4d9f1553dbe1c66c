// Kinds are case-sensitive: the API server rejects `kind: pod` or `kind: DEPLOYMENT`. A built-in kind
// written in another case is reported as an invalid object instead of being counted as an unknown kind.

/** Built-in kinds of the core and built-in API groups. */
const BUILT_IN_KINDS = [
  'Pod', 'Service', 'ServiceAccount', 'ConfigMap', 'Secret', 'Namespace', 'Node', 'PersistentVolume', 'PersistentVolumeClaim',
  'ReplicationController', 'Endpoints', 'Event', 'LimitRange', 'ResourceQuota', 'PodTemplate', 'Binding', 'ComponentStatus',
  'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ControllerRevision', 'Job', 'CronJob',
  'Ingress', 'IngressClass', 'NetworkPolicy', 'IPAddress', 'ServiceCIDR', 'EndpointSlice',
  'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding', 'PodDisruptionBudget', 'PodSecurityPolicy',
  'HorizontalPodAutoscaler', 'StorageClass', 'VolumeAttachment', 'CSIDriver', 'CSINode', 'CSIStorageCapacity',
  'PriorityClass', 'RuntimeClass', 'Lease', 'CertificateSigningRequest', 'CustomResourceDefinition', 'APIService',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding', 'FlowSchema', 'PriorityLevelConfiguration', 'DeviceClass',
  'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice', 'List',
];
const BY_LOWER = new Map(BUILT_IN_KINDS.map((k) => [k.toLowerCase(), k]));

const BUILT_IN_GROUP = /^(v1|[a-z0-9]+\/v[0-9a-z]+|[a-z0-9.-]*\.k8s\.io\/v[0-9a-z]+)$/;

/** The problem with a kind written in the wrong case (`pod` for Pod), or undefined. Only built-in API groups are judged. */
export function kindCaseProblem(apiVersion: string, kind: string): string | undefined {
  const right = BY_LOWER.get(kind.toLowerCase());
  if (!right || right === kind) return undefined;
  // A custom resource in its own group may use any name; only core and built-in groups (apps/v1, *.k8s.io) are checked.
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  if (!BUILT_IN_GROUP.test(apiVersion) || (group !== '' && !group.endsWith('.k8s.io') && !['apps', 'batch', 'policy', 'autoscaling'].includes(group))) return undefined;
  return `kind "${kind}" is not a Kubernetes kind: kinds are case-sensitive and the API server rejects it (did you mean "${right}"?); the object is not scanned`;
}
