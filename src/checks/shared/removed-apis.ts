/**
 * API versions the Kubernetes project removed, by apiVersion and kind, from the Deprecated API
 * Migration Guide (kubernetes.io/docs/reference/using-api/deprecation-guide). `removedIn` is the
 * minor release that stopped serving the version; `replacement` the version to use instead.
 */
export interface RemovedApi {
  removedIn: string;
  replacement: string;
}

type Row = [apiVersions: string[], kinds: string[], removedIn: string, replacement: string];

const ROWS: Row[] = [
  // 1.16
  [['extensions/v1beta1'], ['NetworkPolicy'], '1.16', 'networking.k8s.io/v1'],
  [['extensions/v1beta1'], ['PodSecurityPolicy'], '1.16', 'policy/v1beta1 (itself removed in 1.25: use Pod Security Admission)'],
  [['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'], ['Deployment', 'DaemonSet', 'ReplicaSet'], '1.16', 'apps/v1'],
  [['apps/v1beta1', 'apps/v1beta2'], ['StatefulSet', 'ControllerRevision'], '1.16', 'apps/v1'],
  [['extensions/v1beta1'], ['ReplicationControllerDummy', 'Scale'], '1.16', 'apps/v1'],
  // 1.22
  [['admissionregistration.k8s.io/v1beta1'], ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], '1.22', 'admissionregistration.k8s.io/v1'],
  [['apiextensions.k8s.io/v1beta1'], ['CustomResourceDefinition'], '1.22', 'apiextensions.k8s.io/v1'],
  [['apiregistration.k8s.io/v1beta1'], ['APIService'], '1.22', 'apiregistration.k8s.io/v1'],
  [['authentication.k8s.io/v1beta1'], ['TokenReview'], '1.22', 'authentication.k8s.io/v1'],
  [['authorization.k8s.io/v1beta1'], ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview'], '1.22', 'authorization.k8s.io/v1'],
  [['certificates.k8s.io/v1beta1'], ['CertificateSigningRequest'], '1.22', 'certificates.k8s.io/v1'],
  [['coordination.k8s.io/v1beta1'], ['Lease'], '1.22', 'coordination.k8s.io/v1'],
  [['extensions/v1beta1', 'networking.k8s.io/v1beta1'], ['Ingress'], '1.22', 'networking.k8s.io/v1'],
  [['networking.k8s.io/v1beta1'], ['IngressClass'], '1.22', 'networking.k8s.io/v1'],
  [['rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1alpha1'], ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], '1.22', 'rbac.authorization.k8s.io/v1'],
  [['scheduling.k8s.io/v1beta1', 'scheduling.k8s.io/v1alpha1'], ['PriorityClass'], '1.22', 'scheduling.k8s.io/v1'],
  [['storage.k8s.io/v1beta1'], ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], '1.22', 'storage.k8s.io/v1'],
  // 1.25
  [['batch/v1beta1', 'batch/v2alpha1'], ['CronJob'], '1.25', 'batch/v1'],
  [['discovery.k8s.io/v1beta1'], ['EndpointSlice'], '1.25', 'discovery.k8s.io/v1'],
  [['events.k8s.io/v1beta1'], ['Event'], '1.25', 'events.k8s.io/v1'],
  [['autoscaling/v2beta1'], ['HorizontalPodAutoscaler'], '1.25', 'autoscaling/v2'],
  [['policy/v1beta1'], ['PodDisruptionBudget'], '1.25', 'policy/v1'],
  [['policy/v1beta1'], ['PodSecurityPolicy'], '1.25', 'none: use Pod Security Admission (namespace labels) or a policy engine'],
  [['node.k8s.io/v1beta1'], ['RuntimeClass'], '1.25', 'node.k8s.io/v1'],
  // 1.26
  [['flowcontrol.apiserver.k8s.io/v1beta1'], ['FlowSchema', 'PriorityLevelConfiguration'], '1.26', 'flowcontrol.apiserver.k8s.io/v1'],
  [['autoscaling/v2beta2'], ['HorizontalPodAutoscaler'], '1.26', 'autoscaling/v2'],
  // 1.27
  [['storage.k8s.io/v1beta1'], ['CSIStorageCapacity'], '1.27', 'storage.k8s.io/v1'],
  // 1.29
  [['flowcontrol.apiserver.k8s.io/v1beta2'], ['FlowSchema', 'PriorityLevelConfiguration'], '1.29', 'flowcontrol.apiserver.k8s.io/v1'],
  // 1.32
  [['flowcontrol.apiserver.k8s.io/v1beta3'], ['FlowSchema', 'PriorityLevelConfiguration'], '1.32', 'flowcontrol.apiserver.k8s.io/v1'],
];

const TABLE = new Map<string, RemovedApi>();
for (const [versions, kinds, removedIn, replacement] of ROWS) {
  for (const v of versions) for (const k of kinds) TABLE.set(`${v} ${k}`, { removedIn, replacement });
}

/** The removal of this apiVersion for this kind, if the Kubernetes project removed it. */
export function removedApi(apiVersion: string, kind: string): RemovedApi | undefined {
  return TABLE.get(`${apiVersion} ${kind}`);
}

/** "1.25" → [1, 25]; "v1.29.3" → [1, 29]; undefined for anything else. */
export function minorVersion(v: unknown): [number, number] | undefined {
  const s = typeof v === 'number' ? String(v) : v;
  if (typeof s !== 'string') return undefined;
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(s.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** True when release a is at or before release b. */
export function atOrBefore(a: [number, number], b: [number, number]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]);
}
