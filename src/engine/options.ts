import { SEVERITIES, type Severity } from '../model/finding.js';
import { DEFAULT_FLOATING_TAGS } from '../checks/shared/floating-tags.js';
import { PROFILES } from '../policy/profile.js';

/**
 * Every option of every command, declared once. An option is a CLI flag (`flag`, `short`), and, unless it is
 * `scope: 'command'` (an argument-like flag of one command, e.g. `rbac can --namespace`), also a `.kubeward.yaml`
 * key (`key`, dotted for nested keys) and an environment variable (`env`). Precedence: flag, environment,
 * configuration file, default. The same name means the same thing in every command that takes it.
 * docs/options.md is generated from these declarations (`npm run gen:checks`).
 */
export type OptionType = 'string' | 'string[]' | 'boolean' | 'severity' | 'choice' | 'integer';

export const OPTION_GROUPS = ['input', 'cluster', 'helm', 'checks', 'policy', 'output', 'images', 'database', 'query', 'general'] as const;
export type OptionGroup = (typeof OPTION_GROUPS)[number];

export interface OptionDecl {
  readonly key: string;
  readonly flag: string;
  readonly short?: string;
  readonly type: OptionType;
  /** For `choice` (and `string[]` with fixed values): the allowed values, compared case-insensitively. */
  readonly choices?: readonly string[];
  readonly default?: string | boolean | number | readonly string[];
  readonly help: string;
  readonly group: OptionGroup;
  /** `global`: flag, env var and config key. `command`: a flag of one command only (no env var, no config key). */
  readonly scope?: 'global' | 'command';
  /** Not settable from the config file (e.g. the config file's own path, or colour). */
  readonly noConfig?: boolean;
  /** Shown as VALUE in the help: `--values <file>`. */
  readonly valueName?: string;
  /** The environment variable, when not the one derived from the flag (also for a command-scoped option). */
  readonly env?: string;
}

const REPORT_FORMATS = ['table', 'json', 'sarif', 'junit', 'markdown', 'html', 'policyreport'] as const;

export const OPTIONS = {
  format: { key: 'format', flag: 'format', short: 'o', type: 'string[]', default: ['table'], group: 'output', valueName: 'format',
    help: `output format, repeatable; FORMAT or FORMAT=FILE (${REPORT_FORMATS.join('|')})` },
  outputFile: { key: 'outputFile', flag: 'output', type: 'string', group: 'output', valueName: 'file',
    help: 'write the (single) output format to FILE instead of stdout' },
  failOn: { key: 'failOn', flag: 'fail-on', type: 'severity', group: 'policy', valueName: 'severity',
    help: `exit 1 when a finding is at or above this severity (${SEVERITIES.join('|')}; any case)` },
  failOnUnknown: { key: 'failOnUnknown', flag: 'fail-on-unknown', type: 'boolean', default: false, group: 'policy',
    help: 'image scan: also exit 1 on a vulnerability whose severity is unknown (no CVSS vector and no rating in any advisory that names it); without it, unknown is below every --fail-on level but info' },
  showSeverity: { key: 'showSeverity', flag: 'severity', type: 'string[]', choices: SEVERITIES, group: 'output', valueName: 'severities',
    help: `show only findings of these severities, comma-separated (${SEVERITIES.join('|')}; any case); --fail-on counts only what is shown, the summary says how many were hidden` },
  profile: { key: 'profile', flag: 'profile', type: 'choice', choices: PROFILES, default: 'security', group: 'checks', valueName: 'profile',
    help: 'security (default): leave out reliability hygiene findings (resource requests, CPU and ephemeral-storage limits, probes, single replica, PodDisruptionBudget, naked pods, HEALTHCHECK) and opt-in hardening (host-users, digest pins of fixed version tags) in every format, counted in the summary, unseen by --fail-on, still judged by --framework scores; all: show them too' },
  includeHelmTests: { key: 'helm.includeTests', flag: 'include-helm-tests', type: 'boolean', default: false, group: 'helm',
    help: 'count findings on Helm test hooks (helm.sh/hook: test, test-success, test-failure) with the release\'s; by default they are reported apart (only helm test creates them, once): not counted, not seen by --fail-on, JSON helmTests' },
  checks: { key: 'checks', flag: 'checks', type: 'string[]', group: 'checks', valueName: 'ids',
    help: 'run only these checks (ids or other tools\' ids, comma-separated)' },
  skipChecks: { key: 'skipChecks', flag: 'skip-checks', type: 'string[]', group: 'checks', valueName: 'ids', help: 'do not run these checks' },
  pss: { key: 'pss', flag: 'pss', type: 'string', default: 'latest', group: 'checks', valueName: 'level[:version]',
    help: 'Pod Security Standards level and policy version: LEVEL[:VERSION] or VERSION (baseline|restricted, latest|v1.0…); default latest = every control at its own level. Namespace pod-security.kubernetes.io labels override it' },
  deniedRegistries: { key: 'deniedRegistries', flag: 'denied-registries', type: 'string[]', group: 'checks', valueName: 'registries',
    help: 'report images from these registries or repository prefixes, comma-separated (docker.io, quay.io/team): check image-registry-denied; unset: off' },
  floatingTags: { key: 'floatingTags', flag: 'floating-tags', type: 'string[]', default: DEFAULT_FLOATING_TAGS, group: 'checks', valueName: 'tags',
    help: 'tags image-tag-latest reports as floating, comma-separated, any case (replaces the default list)' },
  rules: { key: 'rules', flag: 'rules', type: 'string[]', group: 'checks', valueName: 'dir|file',
    help: 'custom rules (kind: Rule, CEL; docs/custom-rules.md) from these files or directories, repeatable: they run as checks like the built-in ones' },
  vap: { key: 'vap', flag: 'vap', type: 'boolean', default: true, group: 'checks',
    help: 'evaluate the ValidatingAdmissionPolicies and bindings found in the input against the other objects (docs/custom-rules.md); --no-vap: do not' },
  framework: { key: 'framework', flag: 'framework', type: 'string[]', group: 'output', valueName: 'id',
    help: 'add a compliance section per framework (cis|nsa|pss-baseline|pss-restricted|mitre|owasp), repeatable' },
  exceptionsFile: { key: 'exceptionsFile', flag: 'exceptions', type: 'string', group: 'policy', valueName: 'file',
    help: 'exceptions file (check, object, reason, owner, expires)' },
  baseline: { key: 'baseline', flag: 'baseline', type: 'string', group: 'policy', valueName: 'file',
    help: 'report only findings not in this previous JSON report' },
  helmRelease: { key: 'helm.releaseName', flag: 'helm-release', type: 'string', default: 'release-name', group: 'helm', valueName: 'name',
    help: 'release name for helm template' },
  helmNamespace: { key: 'helm.namespace', flag: 'helm-namespace', type: 'string', group: 'helm', valueName: 'ns', help: 'namespace for helm template' },
  helmValues: { key: 'helm.values', flag: 'values', short: 'f', type: 'string[]', group: 'helm', valueName: 'file',
    help: 'values file for helm template, repeatable' },
  helmSet: { key: 'helm.set', flag: 'set', type: 'string[]', group: 'helm', valueName: 'key=value', help: 'helm --set value, repeatable' },
  images: { key: 'images.enabled', flag: 'images', type: 'boolean', default: false, group: 'images',
    help: 'also scan every image the manifests reference (packages, vulnerabilities from the advisory database, image config), as findings on the workloads using them; fix: read their configs, and add no runAsNonRoot to a container whose image runs as root' },
  insecureRegistry: { key: 'images.insecureRegistries', flag: 'insecure-registry', type: 'string[]', group: 'images', valueName: 'host[:port]',
    help: 'plain http for this loopback registry HOST[:PORT] (127.0.0.1, ::1, localhost), repeatable' },
  platform: { key: 'images.platform', flag: 'platform', type: 'string', group: 'images', valueName: 'os/arch[/variant]',
    help: 'which image of a multi-arch index (default linux/amd64)' },
  maxFileSize: { key: 'images.maxFileSize', flag: 'max-file-size', type: 'string', group: 'images', valueName: 'size',
    help: 'largest single file of an image read into memory for an analyzer (default 256m)' },
  maxLayerSize: { key: 'images.maxLayerSize', flag: 'max-layer-size', type: 'string', group: 'images', valueName: 'size',
    help: 'largest uncompressed size of one image layer; a layer past it fails the image scan (default 16g)' },
  requireSigned: { key: 'images.requireSigned', flag: 'require-signed', type: 'string', group: 'images', valueName: 'key-file',
    help: 'fail images without a cosign signature by this public key (PEM file, e.g. cosign.pub) over their manifest digest' },
  db: { key: 'db', flag: 'db', type: 'string', group: 'database', valueName: 'path',
    help: 'the advisory database (default: the user cache dir; see kubeward db)' },
  config: { key: 'config', flag: 'config', type: 'string', noConfig: true, group: 'general', valueName: 'file',
    help: 'configuration file (default: .kubeward.yaml found upward from the first path)' },
  progress: { key: 'progress', flag: 'progress', type: 'boolean', default: true, noConfig: true, group: 'general',
    help: 'progress bar on stderr for long scans (TTY only); --no-progress to disable' },
  weight: { key: 'paths.weights', flag: 'weight', type: 'string[]', group: 'checks', valueName: 'name=value',
    help: 'override an attack-path scoring weight (docs/paths.md), e.g. impact.data=8; repeatable' },
  prioritize: { key: 'prioritize', flag: 'prioritize', type: 'boolean', default: false, noConfig: true, group: 'output',
    help: 'order findings by the best attack path they sit on (kubeward paths), each with its reason' },
  includeAnalyses: { key: 'includeAnalyses', flag: 'include-analyses', type: 'boolean', default: false, noConfig: true, group: 'output',
    help: 'add the compact RBAC (who can do what that matters) and network (who can reach each workload) sections to -o json; always sent with --upload' },
  color: { key: 'color', flag: 'color', type: 'boolean', default: true, noConfig: true, group: 'general',
    help: 'colour in table output when stdout is a terminal; --no-color to disable' },

  cluster: { key: 'cluster.enabled', flag: 'cluster', type: 'boolean', default: false, noConfig: true, group: 'cluster',
    help: 'also read the live cluster of the kubeconfig\'s context (or the pod\'s service account), see docs/cluster.md' },
  kubeconfig: { key: 'cluster.kubeconfig', flag: 'kubeconfig', type: 'string', group: 'cluster', valueName: 'file',
    help: 'kubeconfig file for --cluster (default: KUBECONFIG, then ~/.kube/config, then in-cluster config)' },
  context: { key: 'cluster.context', flag: 'context', type: 'string', group: 'cluster', valueName: 'name',
    help: 'kubeconfig context for --cluster (default: its current-context)' },
  excludeNamespaces: { key: 'cluster.excludeNamespaces', flag: 'exclude-namespaces', type: 'string[]', group: 'cluster', valueName: 'ns,...',
    help: 'with --cluster: skip the objects of these namespaces' },
  includeSecretValues: { key: 'cluster.includeSecretValues', flag: 'include-secret-values', type: 'boolean', default: false, group: 'cluster',
    help: 'with --cluster: keep Secrets\' data (default: Secrets are read as metadata only)' },

  upload: { key: 'upload.url', flag: 'upload', type: 'string', noConfig: true, group: 'output', valueName: 'url',
    help: 'also upload the JSON report to this kubeward server (POST /api/v1/scans); needs --token and --cluster-name; an upload failure exits 2 after the report is written' },
  server: { key: 'agent.server', flag: 'server', type: 'string', noConfig: true, group: 'output', valueName: 'url',
    help: 'kubeward agent: the kubeward server to upload to (http(s)://host[:port])' },
  token: { key: 'upload.token', flag: 'token', type: 'string', noConfig: true, group: 'output', valueName: 'token',
    help: 'the server API token (kw_…, scope write:scans for the cluster, or admin) for --upload and kubeward agent; prefer the environment variable: a flag is visible in the process list' },
  clusterName: { key: 'upload.cluster', flag: 'cluster-name', type: 'string', noConfig: true, group: 'output', valueName: 'name',
    help: 'the cluster name the server stores an uploaded scan under (--upload, kubeward agent)' },

  allowedSourceCidrs: { key: 'audit.allowedSourceCidrs', flag: 'allowed-source-cidrs', type: 'string[]', group: 'policy', valueName: 'cidr,...',
    help: 'audit rules: the networks API requests are expected from (comma-separated CIDRs); a request from elsewhere raises unexpected-source-ip (off when unset)' },
  secretReaders: { key: 'audit.secretReaders', flag: 'secret-readers', type: 'string[]', group: 'policy', valueName: 'user,...',
    help: 'audit rules: users who usually read Secrets besides the control plane (names, or prefixes ending in *)' },
  authFailureThreshold: { key: 'audit.authFailureThreshold', flag: 'auth-failure-threshold', type: 'integer', default: 10, group: 'policy', valueName: 'n',
    help: 'audit rules: 401/403 answers to one source address within a minute that raise auth-failure-burst' },

  // Flags of one command (no env var, no config key).
  clusterNamespace: { key: 'cluster.namespace', flag: 'namespace', short: 'n', type: 'string[]', scope: 'command', group: 'cluster', valueName: 'ns',
    help: 'with --cluster: only these namespaces (repeatable or comma-separated; cluster-scoped objects are always read)' },
  clusterAllNamespaces: { key: 'cluster.allNamespaces', flag: 'all-namespaces', short: 'A', type: 'boolean', default: false, scope: 'command', group: 'cluster',
    help: 'with --cluster: every namespace (the default; the opposite of -n)' },
  nodeRoot: { key: 'node.root', flag: 'root', type: 'string', default: '/', group: 'input', valueName: 'dir',
    help: "kubeward node: the node's root directory (the host's / mounted into a pod, e.g. /host); processes are read from DIR/proc" },
  snapshotOutput: { key: 'snapshot.output', flag: 'output', short: 'o', type: 'string', scope: 'command', group: 'output', valueName: 'file',
    help: 'write the snapshot to FILE (default stdout)' },
  sbomFormat: { key: 'sbom.format', flag: 'format', short: 'o', type: 'choice', choices: ['cyclonedx-json'], default: 'cyclonedx-json', scope: 'command', group: 'output', valueName: 'format',
    help: 'SBOM format (cyclonedx-json: CycloneDX 1.6)' },
  imageSbomFormat: { key: 'image.sbomFormat', flag: 'format', short: 'o', type: 'choice', choices: ['cyclonedx-json', 'spdx-json'], default: 'cyclonedx-json', scope: 'command', group: 'output', valueName: 'format',
    help: 'cyclonedx-json (CycloneDX 1.6) or spdx-json (SPDX 2.3)' },
  imageFormat: { key: 'image.format', flag: 'format', short: 'o', type: 'choice', choices: ['table', 'json', 'cyclonedx-vex'], default: 'table', scope: 'command', group: 'output', valueName: 'format',
    help: 'table, json, or cyclonedx-vex (an image\'s CycloneDX BOM with its vulnerabilities as VEX)' },
  sbomInput: { key: 'image.sbom', flag: 'sbom', type: 'string', scope: 'command', group: 'input', valueName: 'file', help: 'scan the packages listed in this SBOM' },
  insecure: { key: 'image.insecure', flag: 'insecure', type: 'boolean', default: false, scope: 'command', group: 'images',
    help: 'plain http for the named image\'s loopback registry (the same as --insecure-registry with its host)' },
  key: { key: 'image.key', flag: 'key', type: 'string', scope: 'command', group: 'images', valueName: 'file', help: 'PEM public key (cosign.pub): ECDSA P-256, RSA or Ed25519' },
  textFormat: { key: 'query.format', flag: 'format', short: 'o', type: 'choice', choices: ['table', 'json'], default: 'table', scope: 'command', group: 'output', valueName: 'format', help: 'table or json' },
  expectations: { key: 'policyTest.expectations', flag: 'expectations', type: 'string', scope: 'command', group: 'policy', valueName: 'file',
    help: `expected results (resource → rule → pass|fail|skip); default: kubeward-test.yaml in POLICIES, else in RESOURCES` },
  policyTestFormat: { key: 'policyTest.format', flag: 'format', short: 'o', type: 'choice', choices: ['table', 'json'], default: 'table', scope: 'command', group: 'output', valueName: 'format', help: 'table or json' },
  explainFormat: { key: 'netpol.explainFormat', flag: 'format', short: 'o', type: 'choice', choices: ['text', 'json'], default: 'text', scope: 'command', group: 'output', valueName: 'format', help: 'text or json' },
  pathsFormat: { key: 'rbac.pathsFormat', flag: 'format', short: 'o', type: 'choice', choices: ['text', 'table', 'json', 'dot', 'mermaid'], default: 'text', scope: 'command', group: 'output', valueName: 'format', help: 'text (or table), json, dot or mermaid' },
  attackPathsFormat: { key: 'paths.format', flag: 'format', short: 'o', type: 'choice', choices: ['table', 'json', 'dot', 'mermaid', 'html'], default: 'table', scope: 'command', group: 'output', valueName: 'format', help: 'table, json, dot, mermaid or html' },
  pathsFrom: { key: 'paths.from', flag: 'from', type: 'choice', choices: ['internet', 'pod', 'image'], scope: 'command', group: 'query', valueName: 'entry', help: 'only paths from this entry: internet, pod (any pod of the cluster) or image (a critical vulnerability)' },
  pathsTo: { key: 'paths.to', flag: 'to', type: 'choice', choices: ['cluster-admin', 'node', 'secrets', 'data'], scope: 'command', group: 'query', valueName: 'jewel', help: 'only paths that reach cluster-admin, node (root on a node), secrets or data (a data store)' },
  pathsLimit: { key: 'paths.limit', flag: 'limit', type: 'integer', default: 10, scope: 'command', group: 'output', valueName: 'n', help: 'paths shown (0: all); the fix-first list counts every path' },
  matrixFormat: { key: 'netpol.matrixFormat', flag: 'format', short: 'o', type: 'choice', choices: ['table', 'json', 'csv', 'html'], default: 'table', scope: 'command', group: 'output', valueName: 'format', help: 'table, json, csv or html' },
  namespace: { key: 'query.namespace', flag: 'namespace', short: 'n', type: 'string', scope: 'command', group: 'query', valueName: 'ns', help: 'the namespace of the question' },
  allNamespaces: { key: 'query.allNamespaces', flag: 'all-namespaces', short: 'A', type: 'boolean', default: false, scope: 'command', group: 'query', help: 'also subjects allowed in some namespace (by a RoleBinding)' },
  name: { key: 'query.name', flag: 'name', type: 'string', scope: 'command', group: 'query', valueName: 'name', help: 'the object\'s name (rules with resourceNames)' },
  group: { key: 'query.group', flag: 'group', short: 'g', type: 'string[]', scope: 'command', group: 'query', valueName: 'group', help: 'a group the subject is in besides the implicit ones (repeatable, like --as-group)' },
  to: { key: 'rbac.to', flag: 'to', type: 'choice', choices: ['cluster-admin', 'node', 'all-pods'], default: 'cluster-admin', scope: 'command', group: 'query', valueName: 'target', help: 'cluster-admin, node (a node\'s host) or all-pods (every pod of every node)' },
  from: { key: 'rbac.from', flag: 'from', type: 'string', scope: 'command', group: 'query', valueName: 'subject', help: 'only paths from this subject' },
  maxHops: { key: 'rbac.maxHops', flag: 'max-hops', type: 'integer', default: 8, scope: 'command', group: 'query', valueName: 'n', help: 'longest path searched' },
  port: { key: 'netpol.port', flag: 'port', type: 'string', scope: 'command', group: 'query', valueName: 'port', help: 'destination port: number, named port, or PORT/PROTOCOL' },
  protocol: { key: 'netpol.protocol', flag: 'protocol', type: 'choice', choices: ['TCP', 'UDP', 'SCTP'], scope: 'command', group: 'query', valueName: 'protocol', help: 'TCP, UDP or SCTP (default TCP)' },
  vapAction: { key: 'vap.action', flag: 'action', type: 'string[]', choices: ['Deny', 'Warn', 'Audit'], default: ['Deny'], scope: 'command', group: 'policy', valueName: 'actions',
    help: 'export-vap: the bindings\' validationActions, comma-separated (Deny|Warn|Audit; Deny and Warn not together)' },
  vapNamespaceSelector: { key: 'vap.namespaceSelector', flag: 'namespace-selector', type: 'string', scope: 'command', group: 'policy', valueName: 'selector',
    help: 'export-vap: the namespaces the bindings apply to, a label selector (k=v, k!=v, k, !k, k in (a,b), k notin (a,b)); default: every namespace but kube-system' },
  vapList: { key: 'vap.list', flag: 'list', type: 'boolean', default: false, scope: 'command', group: 'output',
    help: 'export-vap: list which checks are exported and why the others are not, instead of the YAML' },
  flows: { key: 'netpol.flows', flag: 'flows', type: 'string', scope: 'command', group: 'input', valueName: 'file', help: 'observed flows: JSON lines ({"src","dst","port","protocol"}) or a Hubble JSON export' },
  dryRun: { key: 'fix.dryRun', flag: 'dry-run', type: 'boolean', default: false, scope: 'command', group: 'output', help: 'print a unified diff instead of writing the files' },
  buildArg: { key: 'dockerfile.buildArg', flag: 'build-arg', type: 'string[]', scope: 'command', group: 'input', valueName: 'NAME=value', help: 'a value for an ARG, as docker build --build-arg (repeatable)' },
  auditRbac: { key: 'audit.rbac', flag: 'rbac', type: 'string[]', scope: 'command', group: 'input', valueName: 'path,...',
    help: 'read RBAC from these files, directories, charts or Kustomize dirs (or --cluster) and say on each alert what its user can do' },
  auditFormat: { key: 'audit.format', flag: 'format', short: 'o', type: 'choice', choices: ['table', 'json', 'sarif'], default: 'table', scope: 'command', group: 'output', valueName: 'format', help: 'table, json (the AuditAlerts document) or sarif' },
  listen: { key: 'audit.listen', flag: 'listen', type: 'string', default: '127.0.0.1:8443', scope: 'command', group: 'input', valueName: 'host:port', help: 'address the audit sink listens on (HTTPS only)' },
  tlsCert: { key: 'audit.tlsCert', flag: 'tls-cert', type: 'string', scope: 'command', group: 'input', valueName: 'file', help: 'the serving certificate (PEM, with its chain)' },
  tlsKey: { key: 'audit.tlsKey', flag: 'tls-key', type: 'string', scope: 'command', group: 'input', valueName: 'file', help: 'the private key of --tls-cert (PEM)' },
  clientCa: { key: 'audit.clientCa', flag: 'client-ca', type: 'string', scope: 'command', group: 'input', valueName: 'file', help: 'accept API servers presenting a client certificate signed by this CA (PEM)' },
  tokenFile: { key: 'audit.tokenFile', flag: 'token-file', type: 'string', scope: 'command', group: 'input', valueName: 'file', help: 'accept API servers sending this bearer token (the file\'s first line)' },
  store: { key: 'audit.store', flag: 'store', type: 'string', default: 'audit-store', scope: 'command', group: 'output', valueName: 'dir', help: 'directory of the append-only event store (events-*.jsonl, rotated by size) and alerts.jsonl' },
  rotateSize: { key: 'audit.rotateSize', flag: 'rotate-size', type: 'string', default: '100m', scope: 'command', group: 'output', valueName: 'size', help: 'start a new events file past this size (k, m, g suffixes)' },
  alertsStdout: { key: 'audit.alertsStdout', flag: 'alerts-stdout', type: 'boolean', default: false, scope: 'command', group: 'output', help: 'also print every alert as a JSON line on stdout' },
  admissionListen: { key: 'admission.listen', flag: 'listen', type: 'string', default: '0.0.0.0:8443', scope: 'command', group: 'input', valueName: 'host:port', help: 'address the admission webhook listens on (HTTPS only)' },
  admissionTlsCert: { key: 'admission.tlsCert', flag: 'tls-cert', type: 'string', scope: 'command', group: 'input', valueName: 'file', help: 'the webhook\'s serving certificate (PEM); re-read when the file changes' },
  admissionTlsKey: { key: 'admission.tlsKey', flag: 'tls-key', type: 'string', scope: 'command', group: 'input', valueName: 'file', help: 'the private key of --tls-cert (PEM); re-read when the file changes' },
  admissionDeadline: { key: 'admission.deadline', flag: 'deadline', type: 'integer', default: 4000, scope: 'command', group: 'input', valueName: 'ms',
    help: 'answer every request within this many milliseconds (keep it below the webhook configuration\'s timeoutSeconds): a review not complete by then is answered 408, and the API server fails closed' },
  admissionAuditLog: { key: 'admission.auditLog', flag: 'audit-log', type: 'string', scope: 'command', group: 'output', valueName: 'file',
    help: 'append the audit log (one JSON line per review with failed checks: audit, warn and enforce; never for dry runs) to FILE instead of stdout' },
  admissionNamespace: { key: 'admission.namespace', flag: 'namespace', short: 'n', type: 'string', default: 'kubeward', scope: 'command', group: 'output', valueName: 'ns', help: 'the namespace the webhook runs in (never sent to the webhook)' },
  admissionImage: { key: 'admission.image', flag: 'image', type: 'string', scope: 'command', group: 'output', valueName: 'image', help: 'the kubeward image (default ghcr.io/kubeward/kubeward:VERSION)' },
  certManager: { key: 'admission.certManager', flag: 'cert-manager', type: 'boolean', default: false, scope: 'command', group: 'output',
    help: 'let cert-manager issue the serving certificate (a self-signed Issuer and a Certificate) and inject the caBundle, instead of a generated Secret' },
  webhookTimeout: { key: 'admission.timeoutSeconds', flag: 'timeout-seconds', type: 'integer', default: 5, scope: 'command', group: 'output', valueName: 'n',
    help: 'the webhook configurations\' timeoutSeconds (1-30); the server\'s --deadline is set one second less' },
  interval: { key: 'agent.interval', flag: 'interval', type: 'string', default: '6h', scope: 'command', group: 'general', valueName: 'duration',
    help: 'kubeward agent: time between scans (s, m, h suffixes, e.g. 30m, 6h)' },
  once: { key: 'agent.once', flag: 'once', type: 'boolean', default: false, scope: 'command', group: 'general',
    help: 'kubeward agent: scan and upload once, then exit (0 uploaded, 2 failed): for a CronJob' },
  serverUrl: { key: 'deploy.serverUrl', flag: 'server-url', type: 'string', scope: 'command', group: 'output', valueName: 'url',
    help: 'deploy manifests: the URL agents upload to (default: the in-cluster Service, http://kubeward.NAMESPACE.svc:8080); with an external URL the server Deployment is left out (agent only)' },
  deployNamespace: { key: 'deploy.namespace', flag: 'namespace', short: 'n', type: 'string', default: 'kubeward', scope: 'command', group: 'output', valueName: 'ns',
    help: 'deploy manifests: the namespace of the server and agent' },
  deployImage: { key: 'deploy.image', flag: 'image', type: 'string', scope: 'command', group: 'output', valueName: 'ref',
    help: 'deploy manifests: the kubeward image (default ghcr.io/kubeward/kubeward:VERSION; pin a digest in production)' },
  deployDb: { key: 'deploy.db', flag: 'db', type: 'choice', choices: ['sqlite', 'postgres'], default: 'sqlite', scope: 'command', group: 'output', valueName: 'kind',
    help: 'deploy manifests: sqlite (a PersistentVolumeClaim, one replica) or postgres (the URL from Secret kubeward-db key url, two replicas)' },
  deploySchedule: { key: 'deploy.schedule', flag: 'schedule', type: 'string', default: '17 */6 * * *', scope: 'command', group: 'output', valueName: 'cron',
    help: 'deploy manifests: the agent CronJob schedule' },
  serverDb: { key: 'server.db', flag: 'db', env: 'KUBEWARD_SERVER_DB', type: 'string', default: 'sqlite:./kubeward.db', scope: 'command', group: 'database', valueName: 'url',
    help: 'kubeward serve: where scans are stored: sqlite:PATH (one file, WAL mode) or postgres://USER:PASSWORD@HOST:PORT/DB' },
  serverListen: { key: 'server.listen', flag: 'listen', env: 'KUBEWARD_SERVER_LISTEN', type: 'string', default: '127.0.0.1:8080', scope: 'command', group: 'input', valueName: 'host:port',
    help: 'address the server listens on (port 0: any free port)' },
  tokenScope: { key: 'server.tokenScope', flag: 'scope', type: 'choice', choices: ['read', 'write:scans', 'admin'], scope: 'command', group: 'input', valueName: 'scope',
    help: 'read (everything, read-only), write:scans (upload scans of --cluster only: an agent) or admin (everything)' },
  tokenCluster: { key: 'server.tokenCluster', flag: 'cluster', type: 'string', scope: 'command', group: 'input', valueName: 'name',
    help: 'the cluster a write:scans token may upload for' },
  verbose: { key: 'db.verbose', flag: 'verbose', type: 'boolean', default: false, scope: 'command', group: 'output', help: 'also list per-entry warnings (unusable ids in secdb, bad entries in OSV lists)' },
} as const satisfies Record<string, OptionDecl>;

export type OptionName = keyof typeof OPTIONS;
type Decl<N extends OptionName> = (typeof OPTIONS)[N];

type ValueOf<D> = D extends { type: 'boolean' } ? boolean
  : D extends { type: 'string[]' } ? string[]
  : D extends { type: 'severity' } ? Severity
  : D extends { type: 'integer' } ? number
  : string;

/** The resolved value of each named option: defaulted options always have a value. */
export type Resolved<N extends OptionName> = {
  [K in N]: Decl<K> extends { default: unknown } ? ValueOf<Decl<K>> : ValueOf<Decl<K>> | undefined;
};

/** Where each resolved value came from (paths from the config file are relative to it). */
export type ValueSource = 'flag' | 'env' | 'config' | 'default';

export function declOf(name: OptionName): OptionDecl {
  return OPTIONS[name];
}

/** "fail-on" → "KUBEWARD_FAIL_ON"; undefined for command-scoped options (unless they declare `env`). */
export function envName(o: OptionDecl): string | undefined {
  if (o.env) return o.env;
  return o.scope === 'command' ? undefined : 'KUBEWARD_' + o.flag.toUpperCase().replace(/-/g, '_');
}

/** The config key, or undefined when the option cannot be set in `.kubeward.yaml`. */
export function configKey(o: OptionDecl): string | undefined {
  return o.scope === 'command' || o.noConfig ? undefined : o.key;
}

export class OptionError extends Error {}

const TRUE = /^(1|true|yes|on)$/i;
const FALSE = /^(0|false|no|off)$/i;

/** Parse one textual value (a flag value or an environment variable) as the option's type; throws OptionError. */
export function parseOptionText(o: OptionDecl, text: string, origin: string): unknown {
  switch (o.type) {
    case 'string[]': {
      const list = text.split(',').map((s) => s.trim()).filter(Boolean);
      if (o.choices) for (const v of list) if (!o.choices.some((c) => c.toLowerCase() === v.toLowerCase())) throw new OptionError(`${origin} must be one of ${o.choices.join(', ')} (got "${v}")`);
      return list;
    }
    case 'boolean':
      if (TRUE.test(text.trim())) return true;
      if (FALSE.test(text.trim())) return false;
      throw new OptionError(`${origin} must be true or false (1/0, yes/no, on/off), got "${text}"`);
    case 'severity': {
      const v = text.trim().toLowerCase();
      if (!(SEVERITIES as readonly string[]).includes(v)) throw new OptionError(`${origin} must be one of ${SEVERITIES.join(', ')} (got "${text}")`);
      return v;
    }
    case 'choice': {
      const v = o.choices!.find((c) => c.toLowerCase() === text.trim().toLowerCase());
      if (v === undefined) throw new OptionError(`${origin} must be one of ${o.choices!.join(', ')} (got "${text}")`);
      return v;
    }
    case 'integer': {
      if (!/^\d+$/.test(text.trim())) throw new OptionError(`${origin} must be a whole number (got "${text}")`);
      return Number(text.trim());
    }
    default:
      return text;
  }
}

/** Check a value read from the config file against the option's type (the config file parser reads YAML types). */
function fromConfigValue(o: OptionDecl, v: unknown, origin: string): unknown {
  if (o.type === 'boolean') {
    if (typeof v !== 'boolean') throw new OptionError(`${origin}: expected true or false`);
    return v;
  }
  if (o.type === 'string[]') {
    const list = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(list) || !list.every((s) => typeof s === 'string')) throw new OptionError(`${origin}: expected a list of strings`);
    return list.flatMap((s) => parseOptionText(o, s, origin) as string[]);
  }
  if (typeof v === 'number' && o.type === 'integer') return v;
  if (typeof v !== 'string') throw new OptionError(`${origin}: expected a string`);
  return parseOptionText(o, v, origin);
}

function getPath(obj: Record<string, unknown> | undefined, key: string): unknown {
  let v: unknown = obj;
  for (const k of key.split('.')) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

export interface OptionInputs {
  /** Flag values as given on the command line, by option name (repeatable flags as arrays of raw values). */
  flags: Partial<Record<OptionName, unknown>>;
  env: NodeJS.ProcessEnv;
  config?: Record<string, unknown> | undefined;
}

/**
 * Merge flags, environment and config into one typed object, validating every value (throws OptionError with
 * the flag, variable or key named). Comma-separated and repeated list values are flattened.
 */
export function resolveOptions<N extends OptionName>(names: readonly N[], input: OptionInputs): { values: Resolved<N>; sources: Record<N, ValueSource> } {
  const values = {} as Record<string, unknown>;
  const sources = {} as Record<string, ValueSource>;
  for (const name of names) {
    const o: OptionDecl = OPTIONS[name];
    const flagValue = input.flags[name];
    const env = envName(o);
    const ck = configKey(o);
    let v: unknown;
    let source: ValueSource = 'default';
    if (flagValue !== undefined) {
      source = 'flag';
      const origin = `--${o.flag}`;
      if (o.type === 'boolean') v = flagValue === true || flagValue === false ? flagValue : parseOptionText(o, String(flagValue), origin);
      else if (o.type === 'string[]') v = (Array.isArray(flagValue) ? flagValue : [flagValue]).flatMap((s) => parseOptionText(o, String(s), origin) as string[]);
      else v = parseOptionText(o, String(flagValue), origin);
    } else if (env !== undefined && input.env[env] !== undefined && input.env[env] !== '') {
      source = 'env';
      v = parseOptionText(o, input.env[env]!, env);
    } else if (ck !== undefined && getPath(input.config, ck) !== undefined && getPath(input.config, ck) !== null) {
      source = 'config';
      v = fromConfigValue(o, getPath(input.config, ck), `config ${ck}`);
    } else v = o.default === undefined ? undefined : Array.isArray(o.default) ? [...o.default] : o.default;
    values[name] = v;
    sources[name] = source;
  }
  return { values: values as Resolved<N>, sources: sources as Record<N, ValueSource> };
}
