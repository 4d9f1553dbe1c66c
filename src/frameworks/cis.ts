/**
 * CIS Kubernetes Benchmark, section 5 (Policies): the controls a manifest or cluster scan can speak to.
 * Numbering and titles as in CIS Kubernetes Benchmark v1.12.0 (section 5.6 is "General Policies";
 * older benchmarks numbered it 5.7, and had added-capabilities as a control of its own).
 */
export const CIS_VERSION = 'CIS Kubernetes Benchmark v1.12.0';

export const CIS_CONTROLS: Readonly<Record<string, string>> = {
  '5.1.1': 'Ensure that the cluster-admin role is only used where required',
  '5.1.2': 'Minimize access to secrets',
  '5.1.3': 'Minimize wildcard use in Roles and ClusterRoles',
  '5.1.4': 'Minimize access to create pods',
  '5.1.5': 'Ensure that default service accounts are not actively used',
  '5.1.6': 'Ensure that Service Account Tokens are only mounted where necessary',
  '5.1.7': 'Avoid use of system:masters group',
  '5.1.8': 'Limit use of the Bind, Impersonate and Escalate permissions in the Kubernetes cluster',
  '5.1.9': 'Minimize access to create persistent volumes',
  '5.1.10': 'Minimize access to the proxy sub-resource of nodes',
  '5.1.11': 'Minimize access to the approval sub-resource of certificatesigningrequests objects',
  '5.1.12': 'Minimize access to webhook configuration objects',
  '5.1.13': 'Minimize access to the service account token creation',
  '5.2.1': 'Ensure that the cluster has at least one active policy control mechanism in place',
  '5.2.2': 'Minimize the admission of privileged containers',
  '5.2.3': 'Minimize the admission of containers wishing to share the host process ID namespace',
  '5.2.4': 'Minimize the admission of containers wishing to share the host IPC namespace',
  '5.2.5': 'Minimize the admission of containers wishing to share the host network namespace',
  '5.2.6': 'Minimize the admission of containers with allowPrivilegeEscalation',
  '5.2.7': 'Minimize the admission of root containers',
  '5.2.8': 'Minimize the admission of containers with the NET_RAW capability',
  '5.2.9': 'Minimize the admission of containers with capabilities assigned',
  '5.2.10': 'Minimize the admission of Windows HostProcess containers',
  '5.2.11': 'Minimize the admission of HostPath volumes',
  '5.2.12': 'Minimize the admission of containers which use HostPorts',
  '5.3.1': 'Ensure that the CNI in use supports NetworkPolicies',
  '5.3.2': 'Ensure that all Namespaces have NetworkPolicies defined',
  '5.4.1': 'Prefer using Secrets as files over Secrets as environment variables',
  '5.4.2': 'Consider external secret storage',
  '5.5.1': 'Configure Image Provenance using ImagePolicyWebhook admission controller',
  '5.6.1': 'Create administrative boundaries between resources using namespaces',
  '5.6.2': 'Ensure that the seccomp profile is set to docker/default in your Pod definitions',
  '5.6.3': 'Apply SecurityContext to your Pods and Containers',
  '5.6.4': 'The default namespace should not be used',
};
