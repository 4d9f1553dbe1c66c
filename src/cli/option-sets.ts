import type { OptionName } from '../engine/options.js';

/** Which declared options (src/engine/options.ts) each command takes. */
export const CLUSTER_OPTIONS = ['cluster', 'kubeconfig', 'context', 'excludeNamespaces', 'includeSecretValues'] as const satisfies readonly OptionName[];
export const INPUT_OPTIONS = ['helmRelease', 'helmNamespace', 'helmValues', 'helmSet', 'progress', ...CLUSTER_OPTIONS] as const satisfies readonly OptionName[];
/** Where and as whom a report is uploaded to a kubeward server (src/cli/upload.ts). */
export const UPLOAD_OPTIONS = ['upload', 'token', 'clusterName'] as const satisfies readonly OptionName[];
export const SCAN_OPTIONS = [
  'format', 'outputFile', 'failOn', 'showSeverity', 'profile', 'includeHelmTests', 'checks', 'skipChecks', 'rules', 'vap', 'pss', 'deniedRegistries', 'floatingTags', 'framework', 'exceptionsFile', 'baseline',
  'helmRelease', 'helmNamespace', 'helmValues', 'helmSet', 'images', 'insecureRegistry', 'platform', 'db', 'requireSigned',
  'config', 'progress', 'color', 'prioritize', 'weight', 'includeAnalyses', ...CLUSTER_OPTIONS, 'clusterNamespace', 'clusterAllNamespaces', ...UPLOAD_OPTIONS,
] as const satisfies readonly OptionName[];
export const FIX_OPTIONS = ['checks', 'skipChecks', 'exceptionsFile', 'config', 'dryRun', 'images', 'insecureRegistry', 'platform'] as const satisfies readonly OptionName[];
export const DOCKERFILE_OPTIONS = ['format', 'outputFile', 'failOn', 'profile', 'checks', 'skipChecks', 'config', 'color', 'buildArg'] as const satisfies readonly OptionName[];
export const SBOM_OPTIONS = ['sbomFormat', 'outputFile', 'helmRelease', 'helmNamespace', 'helmValues', 'helmSet', 'images', 'insecureRegistry', 'platform', 'db', 'config'] as const satisfies readonly OptionName[];
export const IMAGE_READ_OPTIONS = ['platform', 'insecureRegistry', 'insecure', 'maxFileSize', 'maxLayerSize', 'outputFile'] as const satisfies readonly OptionName[];
export const IMAGE_SCAN_OPTIONS = [...IMAGE_READ_OPTIONS, 'sbomInput', 'db', 'imageFormat', 'failOn', 'failOnUnknown', 'profile', 'checks', 'skipChecks', 'exceptionsFile', 'config', 'color'] as const satisfies readonly OptionName[];
export const IMAGE_SBOM_OPTIONS = [...IMAGE_READ_OPTIONS, 'imageSbomFormat'] as const satisfies readonly OptionName[];
export const IMAGE_VERIFY_OPTIONS = ['key', 'insecure', 'insecureRegistry', 'textFormat', 'outputFile'] as const satisfies readonly OptionName[];
export const SNAPSHOT_OPTIONS = ['snapshotOutput', 'helmRelease', 'helmNamespace', 'helmValues', 'helmSet', 'progress', ...CLUSTER_OPTIONS, 'clusterNamespace', 'clusterAllNamespaces'] as const satisfies readonly OptionName[];
export const EXPORT_VAP_OPTIONS = ['checks', 'skipChecks', 'vapAction', 'vapNamespaceSelector', 'vapList', 'outputFile'] as const satisfies readonly OptionName[];
export const NODE_OPTIONS = [
  'nodeRoot', 'format', 'outputFile', 'failOn', 'showSeverity', 'profile', 'checks', 'skipChecks', 'framework', 'exceptionsFile', 'baseline', 'config', 'color',
] as const satisfies readonly OptionName[];
export const AUDIT_RULE_OPTIONS = ['allowedSourceCidrs', 'secretReaders', 'authFailureThreshold', 'config'] as const satisfies readonly OptionName[];
export const AUDIT_SCAN_OPTIONS = ['auditFormat', 'outputFile', 'failOn', 'auditRbac', ...INPUT_OPTIONS, ...AUDIT_RULE_OPTIONS, ...UPLOAD_OPTIONS] as const satisfies readonly OptionName[];
export const AUDIT_SERVE_OPTIONS = ['listen', 'tlsCert', 'tlsKey', 'clientCa', 'tokenFile', 'store', 'rotateSize', 'alertsStdout', ...AUDIT_RULE_OPTIONS] as const satisfies readonly OptionName[];
export const PATHS_OPTIONS = [
  ...INPUT_OPTIONS, 'clusterNamespace', 'clusterAllNamespaces', 'pathsFrom', 'pathsTo', 'attackPathsFormat', 'pathsLimit', 'weight', 'pss',
  'images', 'insecureRegistry', 'platform', 'db', 'config',
] as const satisfies readonly OptionName[];
export const ADMISSION_SERVE_OPTIONS = [
  'admissionListen', 'admissionTlsCert', 'admissionTlsKey', 'admissionDeadline', 'admissionAuditLog',
  'config', 'profile', 'checks', 'skipChecks', 'pss', 'exceptionsFile', 'deniedRegistries', 'floatingTags',
] as const satisfies readonly OptionName[];
export const ADMISSION_MANIFESTS_OPTIONS = ['admissionNamespace', 'admissionImage', 'certManager', 'webhookTimeout'] as const satisfies readonly OptionName[];
/** kubeward agent: the live cluster, the server, how often; the scan options that make sense unattended. */
export const AGENT_OPTIONS = [
  'server', 'token', 'clusterName', 'interval', 'once', 'kubeconfig', 'context', 'excludeNamespaces', 'clusterNamespace',
  'checks', 'skipChecks', 'pss', 'exceptionsFile', 'config',
] as const satisfies readonly OptionName[];
export const DEPLOY_OPTIONS = ['serverUrl', 'deployNamespace', 'deployImage', 'deployDb', 'deploySchedule', 'clusterName', 'outputFile'] as const satisfies readonly OptionName[];
export const SERVE_OPTIONS = ['serverDb', 'serverListen', 'tlsCert', 'tlsKey'] as const satisfies readonly OptionName[];
export const TOKEN_CREATE_OPTIONS = ['tokenScope', 'tokenCluster', 'serverDb'] as const satisfies readonly OptionName[];
