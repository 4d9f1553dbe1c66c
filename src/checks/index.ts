import { isImageRule, type Check } from './define.js';
// checks:imports:start
import allowPrivilegeEscalation from './workload/allow-privilege-escalation.js';
import apiserverAdmissionPlugins from './control-plane/apiserver-admission-plugins.js';
import apiserverAnonymousAuth from './control-plane/apiserver-anonymous-auth.js';
import apiserverAuditLog from './control-plane/apiserver-audit-log.js';
import apiserverAuthorizationMode from './control-plane/apiserver-authorization-mode.js';
import apiserverEncryptionProvider from './control-plane/apiserver-encryption-provider.js';
import apiserverEtcdTls from './control-plane/apiserver-etcd-tls.js';
import apiserverKubeletClientTls from './control-plane/apiserver-kubelet-client-tls.js';
import apiserverProfiling from './control-plane/apiserver-profiling.js';
import apiserverServiceAccount from './control-plane/apiserver-service-account.js';
import apiserverServingTls from './control-plane/apiserver-serving-tls.js';
import apiserverTlsCiphers from './control-plane/apiserver-tls-ciphers.js';
import apiserverTokenAuthFile from './control-plane/apiserver-token-auth-file.js';
import apiserviceInsecureSkipTlsVerify from './control-plane/apiservice-insecure-skip-tls-verify.js';
import apparmorProfileUnconfined from './workload/apparmor-profile-unconfined.js';
import automountServiceAccountToken from './workload/automount-service-account-token.js';
import capabilitiesAdded from './workload/capabilities-added.js';
import capabilitiesDropAll from './workload/capabilities-drop-all.js';
import configmapCredentialKey from './secrets/configmap-credential-key.js';
import controlPlaneFileOwnership from './node/control-plane-file-ownership.js';
import controlPlaneFilePermissions from './node/control-plane-file-permissions.js';
import controllerManagerBindAddress from './control-plane/controller-manager-bind-address.js';
import controllerManagerCredentials from './control-plane/controller-manager-credentials.js';
import controllerManagerKubeletCertRotation from './control-plane/controller-manager-kubelet-cert-rotation.js';
import controllerManagerProfiling from './control-plane/controller-manager-profiling.js';
import dangerousCapabilities from './workload/dangerous-capabilities.js';
import databaseReachableFromAllNamespaces from './network/database-reachable-from-all-namespaces.js';
import defaultServiceAccount from './workload/default-service-account.js';
import defaultServiceAccountAutomount from './workload/default-service-account-automount.js';
import deprecatedApiVersion from './manifest/deprecated-api-version.js';
import deprecatedServiceAccountField from './workload/deprecated-service-account-field.js';
import dockerfileAddInsteadOfCopy from './images/dockerfile-add-instead-of-copy.js';
import dockerfileAddRemoteUrl from './images/dockerfile-add-remote-url.js';
import dockerfileAptUpgrade from './images/dockerfile-apt-upgrade.js';
import dockerfileBaseImageUnpinned from './images/dockerfile-base-image-unpinned.js';
import dockerfileCurlPipeShell from './images/dockerfile-curl-pipe-shell.js';
import dockerfileExposeSsh from './images/dockerfile-expose-ssh.js';
import dockerfileHealthcheckMissing from './images/dockerfile-healthcheck-missing.js';
import dockerfilePackageCacheNotCleaned from './images/dockerfile-package-cache-not-cleaned.js';
import dockerfilePackageVersionUnpinned from './images/dockerfile-package-version-unpinned.js';
import dockerfileRootUser from './images/dockerfile-root-user.js';
import dockerfileSecretInEnvArg from './images/dockerfile-secret-in-env-arg.js';
import dockerfileSudo from './images/dockerfile-sudo.js';
import duplicateKey from './manifest/duplicate-key.js';
import encryptionConfigWeakProvider from './control-plane/encryption-config-weak-provider.js';
import ephemeralStorageLimit from './workload/ephemeral-storage-limit.js';
import etcdClientTls from './control-plane/etcd-client-tls.js';
import etcdPeerTls from './control-plane/etcd-peer-tls.js';
import exposedServiceOpenIngress from './network/exposed-service-open-ingress.js';
import gatewayListenerWithoutTls from './network/gateway-listener-without-tls.js';
import hostIpc from './workload/host-ipc.js';
import hostNetwork from './workload/host-network.js';
import hostPathBidirectionalPropagation from './workload/host-path-bidirectional-propagation.js';
import hostPathVolume from './workload/host-path-volume.js';
import hostPid from './workload/host-pid.js';
import hostPort from './workload/host-port.js';
import hostPortPrivileged from './workload/host-port-privileged.js';
import hostUsers from './workload/host-users.js';
import imageEnvSecret from './images/image-env-secret.js';
import imageNoHealthcheck from './images/image-no-healthcheck.js';
import imageNotPinnedByDigest from './workload/image-not-pinned-by-digest.js';
import imageNotScanned from './images/image-not-scanned.js';
import imageNotSigned from './images/image-not-signed.js';
import imagePullPolicy from './workload/image-pull-policy.js';
import imageRegistryDenied from './workload/image-registry-denied.js';
import imageRegistryFrozen from './workload/image-registry-frozen.js';
import imageRegistryNotAllowed from './workload/image-registry-not-allowed.js';
import imageRootEmptyPassword from './images/image-root-empty-password.js';
import imageRunsAsRoot from './images/image-runs-as-root.js';
import imageSuidFiles from './images/image-suid-files.js';
import imageTagLatest from './workload/image-tag-latest.js';
import imageVulnerability from './images/image-vulnerability.js';
import ingressWithoutTls from './workload/ingress-without-tls.js';
import invalidManifest from './manifest/invalid-manifest.js';
import istioAuthorizationAllowAll from './mesh/istio-authorization-allow-all.js';
import istioDestinationRuleTlsDisabled from './mesh/istio-destination-rule-tls-disabled.js';
import istioMtlsNotStrict from './mesh/istio-mtls-not-strict.js';
import istioNamespaceMtlsNotStrict from './mesh/istio-namespace-mtls-not-strict.js';
import istioNamespaceWithoutAuthorizationPolicy from './mesh/istio-namespace-without-authorization-policy.js';
import istioSidecarInjectionDisabled from './mesh/istio-sidecar-injection-disabled.js';
import istioSidecarTrafficExcluded from './mesh/istio-sidecar-traffic-excluded.js';
import kubeletAnonymousAuth from './node/kubelet-anonymous-auth.js';
import kubeletAuthorizationMode from './node/kubelet-authorization-mode.js';
import kubeletCertificateRotation from './node/kubelet-certificate-rotation.js';
import kubeletClientCaFile from './node/kubelet-client-ca-file.js';
import kubeletEventQps from './node/kubelet-event-qps.js';
import kubeletFileOwnership from './node/kubelet-file-ownership.js';
import kubeletFilePermissions from './node/kubelet-file-permissions.js';
import kubeletIptablesUtilChains from './node/kubelet-iptables-util-chains.js';
import kubeletProtectKernelDefaults from './node/kubelet-protect-kernel-defaults.js';
import kubeletReadOnlyPort from './node/kubelet-read-only-port.js';
import kubeletStreamingIdleTimeout from './node/kubelet-streaming-idle-timeout.js';
import kubeletTlsCiphers from './node/kubelet-tls-ciphers.js';
import linkerdInjectionDisabled from './mesh/linkerd-injection-disabled.js';
import linkerdProxyBypassPorts from './mesh/linkerd-proxy-bypass-ports.js';
import livenessProbeMissing from './workload/liveness-probe-missing.js';
import missingDefaultDenyEgress from './network/missing-default-deny-egress.js';
import missingDefaultDenyIngress from './network/missing-default-deny-ingress.js';
import nakedPod from './workload/naked-pod.js';
import netRawNotDropped from './workload/net-raw-not-dropped.js';
import networkPolicyAllowsAll from './network/network-policy-allows-all.js';
import networkPolicyDanglingSelector from './network/network-policy-dangling-selector.js';
import openshiftSccHostAccess from './workload/openshift-scc-host-access.js';
import openshiftSccPrivileged from './workload/openshift-scc-privileged.js';
import openshiftSccRunAsAnyUser from './workload/openshift-scc-run-as-any-user.js';
import podDisruptionBudgetMissing from './workload/pod-disruption-budget-missing.js';
import privilegedContainer from './workload/privileged-container.js';
import probeHost from './workload/probe-host.js';
import procMountRestricted from './workload/proc-mount-restricted.js';
import procMountUnmasked from './workload/proc-mount-unmasked.js';
import rbacAnonymousAccess from './rbac/rbac-anonymous-access.js';
import rbacApiserviceWrite from './rbac/rbac-apiservice-write.js';
import rbacAuthenticatedAccess from './rbac/rbac-authenticated-access.js';
import rbacBroadDelete from './rbac/rbac-broad-delete.js';
import rbacClusterAdminBinding from './rbac/rbac-cluster-admin-binding.js';
import rbacCorednsConfigWrite from './rbac/rbac-coredns-config-write.js';
import rbacCreatePods from './rbac/rbac-create-pods.js';
import rbacCsrApprove from './rbac/rbac-csr-approve.js';
import rbacDashboardServiceAccountPower from './rbac/rbac-dashboard-service-account-power.js';
import rbacDefaultServiceAccount from './rbac/rbac-default-service-account.js';
import rbacDeleteEvents from './rbac/rbac-delete-events.js';
import rbacEscalateBindImpersonate from './rbac/rbac-escalate-bind-impersonate.js';
import rbacEscalationToClusterAdmin from './rbac/rbac-escalation-to-cluster-admin.js';
import rbacMissingRole from './rbac/rbac-missing-role.js';
import rbacNodesProxy from './rbac/rbac-nodes-proxy.js';
import rbacPodExec from './rbac/rbac-pod-exec.js';
import rbacPvCreate from './rbac/rbac-pv-create.js';
import rbacRoleBindingWrite from './rbac/rbac-role-binding-write.js';
import rbacSecretsRead from './rbac/rbac-secrets-read.js';
import rbacServicesProxy from './rbac/rbac-services-proxy.js';
import rbacTokenCreate from './rbac/rbac-token-create.js';
import rbacWebhookWrite from './rbac/rbac-webhook-write.js';
import rbacWildcard from './rbac/rbac-wildcard.js';
import rbacWorkloadPower from './rbac/rbac-workload-power.js';
import readOnlyRootFilesystem from './workload/read-only-root-filesystem.js';
import readinessProbeMissing from './workload/readiness-probe-missing.js';
import resourceLimits from './workload/resource-limits.js';
import resourceRequests from './workload/resource-requests.js';
import restrictedVolumeTypes from './workload/restricted-volume-types.js';
import runAsNonRoot from './workload/run-as-non-root.js';
import runAsUserRoot from './workload/run-as-user-root.js';
import runtimeSocketMounted from './workload/runtime-socket-mounted.js';
import schedulerBindAddress from './control-plane/scheduler-bind-address.js';
import schedulerProfiling from './control-plane/scheduler-profiling.js';
import seccompProfileUnconfined from './workload/seccomp-profile-unconfined.js';
import seccompProfileUnset from './workload/seccomp-profile-unset.js';
import secretAsEnvVar from './secrets/secret-as-env-var.js';
import secretHolderInternetEgress from './network/secret-holder-internet-egress.js';
import secretInAnnotation from './secrets/secret-in-annotation.js';
import secretInCommand from './secrets/secret-in-command.js';
import secretInCommittedSecret from './secrets/secret-in-committed-secret.js';
import secretInConfigmap from './secrets/secret-in-configmap.js';
import secretInEnv from './secrets/secret-in-env.js';
import selinuxOptions from './workload/selinux-options.js';
import sensitiveHostPath from './workload/sensitive-host-path.js';
import serviceAccountNotFound from './workload/service-account-not-found.js';
import serviceExposed from './workload/service-exposed.js';
import serviceExternalIps from './workload/service-external-ips.js';
import shareProcessNamespace from './workload/share-process-namespace.js';
import singleReplica from './workload/single-replica.js';
import sshServerInContainer from './workload/ssh-server-in-container.js';
import sysctlsUnsafe from './workload/sysctls-unsafe.js';
import windowsHostProcess from './workload/windows-host-process.js';
import workloadInDefaultNamespace from './workload/workload-in-default-namespace.js';
import workloadIsolatedOneDirection from './network/workload-isolated-one-direction.js';
import workloadWithoutNetworkPolicy from './network/workload-without-network-policy.js';
import writableHostPath from './workload/writable-host-path.js';
// checks:imports:end (generated by `npm run gen:checks`)

/** Every built-in check, sorted by id. */
export const CHECKS: readonly Check[] = [
  // checks:list:start
  allowPrivilegeEscalation,
  apiserverAdmissionPlugins,
  apiserverAnonymousAuth,
  apiserverAuditLog,
  apiserverAuthorizationMode,
  apiserverEncryptionProvider,
  apiserverEtcdTls,
  apiserverKubeletClientTls,
  apiserverProfiling,
  apiserverServiceAccount,
  apiserverServingTls,
  apiserverTlsCiphers,
  apiserverTokenAuthFile,
  apiserviceInsecureSkipTlsVerify,
  apparmorProfileUnconfined,
  automountServiceAccountToken,
  capabilitiesAdded,
  capabilitiesDropAll,
  configmapCredentialKey,
  controlPlaneFileOwnership,
  controlPlaneFilePermissions,
  controllerManagerBindAddress,
  controllerManagerCredentials,
  controllerManagerKubeletCertRotation,
  controllerManagerProfiling,
  dangerousCapabilities,
  databaseReachableFromAllNamespaces,
  defaultServiceAccount,
  defaultServiceAccountAutomount,
  deprecatedApiVersion,
  deprecatedServiceAccountField,
  dockerfileAddInsteadOfCopy,
  dockerfileAddRemoteUrl,
  dockerfileAptUpgrade,
  dockerfileBaseImageUnpinned,
  dockerfileCurlPipeShell,
  dockerfileExposeSsh,
  dockerfileHealthcheckMissing,
  dockerfilePackageCacheNotCleaned,
  dockerfilePackageVersionUnpinned,
  dockerfileRootUser,
  dockerfileSecretInEnvArg,
  dockerfileSudo,
  duplicateKey,
  encryptionConfigWeakProvider,
  ephemeralStorageLimit,
  etcdClientTls,
  etcdPeerTls,
  exposedServiceOpenIngress,
  gatewayListenerWithoutTls,
  hostIpc,
  hostNetwork,
  hostPathBidirectionalPropagation,
  hostPathVolume,
  hostPid,
  hostPort,
  hostPortPrivileged,
  hostUsers,
  imageEnvSecret,
  imageNoHealthcheck,
  imageNotPinnedByDigest,
  imageNotScanned,
  imageNotSigned,
  imagePullPolicy,
  imageRegistryDenied,
  imageRegistryFrozen,
  imageRegistryNotAllowed,
  imageRootEmptyPassword,
  imageRunsAsRoot,
  imageSuidFiles,
  imageTagLatest,
  imageVulnerability,
  ingressWithoutTls,
  invalidManifest,
  istioAuthorizationAllowAll,
  istioDestinationRuleTlsDisabled,
  istioMtlsNotStrict,
  istioNamespaceMtlsNotStrict,
  istioNamespaceWithoutAuthorizationPolicy,
  istioSidecarInjectionDisabled,
  istioSidecarTrafficExcluded,
  kubeletAnonymousAuth,
  kubeletAuthorizationMode,
  kubeletCertificateRotation,
  kubeletClientCaFile,
  kubeletEventQps,
  kubeletFileOwnership,
  kubeletFilePermissions,
  kubeletIptablesUtilChains,
  kubeletProtectKernelDefaults,
  kubeletReadOnlyPort,
  kubeletStreamingIdleTimeout,
  kubeletTlsCiphers,
  linkerdInjectionDisabled,
  linkerdProxyBypassPorts,
  livenessProbeMissing,
  missingDefaultDenyEgress,
  missingDefaultDenyIngress,
  nakedPod,
  netRawNotDropped,
  networkPolicyAllowsAll,
  networkPolicyDanglingSelector,
  openshiftSccHostAccess,
  openshiftSccPrivileged,
  openshiftSccRunAsAnyUser,
  podDisruptionBudgetMissing,
  privilegedContainer,
  probeHost,
  procMountRestricted,
  procMountUnmasked,
  rbacAnonymousAccess,
  rbacApiserviceWrite,
  rbacAuthenticatedAccess,
  rbacBroadDelete,
  rbacClusterAdminBinding,
  rbacCorednsConfigWrite,
  rbacCreatePods,
  rbacCsrApprove,
  rbacDashboardServiceAccountPower,
  rbacDefaultServiceAccount,
  rbacDeleteEvents,
  rbacEscalateBindImpersonate,
  rbacEscalationToClusterAdmin,
  rbacMissingRole,
  rbacNodesProxy,
  rbacPodExec,
  rbacPvCreate,
  rbacRoleBindingWrite,
  rbacSecretsRead,
  rbacServicesProxy,
  rbacTokenCreate,
  rbacWebhookWrite,
  rbacWildcard,
  rbacWorkloadPower,
  readOnlyRootFilesystem,
  readinessProbeMissing,
  resourceLimits,
  resourceRequests,
  restrictedVolumeTypes,
  runAsNonRoot,
  runAsUserRoot,
  runtimeSocketMounted,
  schedulerBindAddress,
  schedulerProfiling,
  seccompProfileUnconfined,
  seccompProfileUnset,
  secretAsEnvVar,
  secretHolderInternetEgress,
  secretInAnnotation,
  secretInCommand,
  secretInCommittedSecret,
  secretInConfigmap,
  secretInEnv,
  selinuxOptions,
  sensitiveHostPath,
  serviceAccountNotFound,
  serviceExposed,
  serviceExternalIps,
  shareProcessNamespace,
  singleReplica,
  sshServerInContainer,
  sysctlsUnsafe,
  windowsHostProcess,
  workloadInDefaultNamespace,
  workloadIsolatedOneDirection,
  workloadWithoutNetworkPolicy,
  writableHostPath,
  // checks:list:end
];

/**
 * The checks `--checks` / `--skip-checks` choose from (scan, fix, dockerfile scan): all but the image rules, which
 * run whenever images are read (`image scan`, `scan --images`) and are named only in policy (severity overrides,
 * exceptions).
 */
export const SELECTABLE_CHECKS: readonly Check[] = CHECKS.filter((c) => !isImageRule(c));

let byName: Map<string, Check> | undefined;

/** Every id a check answers to (its own id and its aliases in other tools), as written. */
export function namesOf(check: Check): string[] {
  return [check.id, ...Object.values(check.aliases ?? {}).flat()];
}

/** A check by our id or any alias (Kubescape C-0057, Trivy KSV017, ...), case-insensitive. */
export function findCheck(idOrAlias: string): Check | undefined {
  if (!byName) {
    byName = new Map();
    for (const check of CHECKS) for (const name of namesOf(check)) if (!byName.has(name.toLowerCase())) byName.set(name.toLowerCase(), check);
  }
  return byName.get(idOrAlias.trim().toLowerCase());
}
