import type { JsonObject } from '../model/object.js';

export interface AdmissionManifestsRequest {
  namespace: string;
  image: string;
  /** The serving certificate and key (PEM) to put in the Secret and the caBundle; absent with certManager. */
  certificate?: { cert: string; key: string };
  /** Let cert-manager issue the certificate (a self-signed Issuer and a Certificate) and inject the caBundle. */
  certManager?: boolean;
  /** The webhook configurations' timeoutSeconds (default 5); the server's deadline is one second less. */
  timeoutSeconds?: number;
}

export const ADMISSION_NAME = 'kubeward-admission';
const CONFIG_NAME = 'kubeward';

/** Every resource the webhook judges: workloads (pod templates), RBAC objects, Services, Ingresses, NetworkPolicies. */
export const ADMISSION_RULES: readonly JsonObject[] = [
  { apiGroups: [''], apiVersions: ['v1'], resources: ['pods', 'replicationcontrollers', 'services'], scope: 'Namespaced' },
  { apiGroups: ['apps'], apiVersions: ['v1'], resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'], scope: 'Namespaced' },
  { apiGroups: ['batch'], apiVersions: ['v1'], resources: ['jobs', 'cronjobs'], scope: 'Namespaced' },
  { apiGroups: ['networking.k8s.io'], apiVersions: ['v1'], resources: ['ingresses', 'networkpolicies'], scope: 'Namespaced' },
  { apiGroups: ['rbac.authorization.k8s.io'], apiVersions: ['v1'], resources: ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'], scope: '*' },
].map((r) => ({ ...r, operations: ['CREATE', 'UPDATE'] }));

/** The namespaces the API server never sends: the cluster can't lock itself out, nor kubeward out of its own namespace. */
export function exemptNamespaceSelector(namespace: string, more: readonly string[] = []): JsonObject {
  return { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: [...new Set(['kube-system', namespace, ...more])] }] };
}

/** The control plane's own writes (bootstrap RBAC, controllers without per-controller credentials) are never sent. */
export const CONTROL_PLANE_CONDITION: JsonObject = {
  name: 'not-the-control-plane',
  expression: "!(request.userInfo.username in ['system:apiserver', 'system:kube-controller-manager', 'system:kube-scheduler'])",
};

/** A webhook entry of a Validating- or MutatingWebhookConfiguration. */
export function webhookEntry(name: string, clientConfig: JsonObject, namespace: string, timeoutSeconds: number): JsonObject {
  return {
    name, admissionReviewVersions: ['v1'], sideEffects: 'None', failurePolicy: 'Fail', matchPolicy: 'Equivalent', timeoutSeconds,
    namespaceSelector: exemptNamespaceSelector(namespace), matchConditions: [CONTROL_PLANE_CONDITION], rules: ADMISSION_RULES, clientConfig,
  };
}

const DEFAULT_POLICY = `# kubeward admission policy (docs/admission.md). The same keys as .kubeward.yaml: checks, skipChecks, severity,
# exceptionsFile, pss, checkOptions; and admission: severityModes, rules, mutate.
admission:
  severityModes: {critical: enforce, high: enforce, medium: warn, low: audit, info: audit}
  rules: []
  mutate: []
`;

/**
 * `kubeward admission manifests`: everything to run the webhook in a cluster, hardened (non-root, read-only root file
 * system, no capabilities, RuntimeDefault seccomp, limits, probes, two replicas spread over nodes, a PDB, a
 * NetworkPolicy with ingress to the webhook port only and no egress), with both webhook configurations failing
 * closed and never called for kube-system or the webhook's own namespace. Pure.
 */
export function admissionManifests(r: AdmissionManifestsRequest): JsonObject[] {
  const ns = r.namespace;
  const timeoutSeconds = r.timeoutSeconds ?? 5;
  const labels = { 'app.kubernetes.io/name': ADMISSION_NAME, 'app.kubernetes.io/part-of': 'kubeward' };
  const meta = (name: string, extra: JsonObject = {}) => ({ name, namespace: ns, labels, ...extra });
  const service = `${ADMISSION_NAME}.${ns}.svc`;
  const objects: JsonObject[] = [];
  // The namespace is created only when it is kubeward's own (not default or kube-system).
  if (!['default', 'kube-system'].includes(ns)) objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'latest' } } });
  objects.push(
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(ADMISSION_NAME), automountServiceAccountToken: false },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(`${ADMISSION_NAME}-policy`), data: { 'policy.yaml': DEFAULT_POLICY } },
  );
  if (r.certManager) {
    objects.push(
      { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: meta(`${ADMISSION_NAME}-selfsigned`), spec: { selfSigned: {} } },
      {
        apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: meta(ADMISSION_NAME),
        spec: {
          secretName: `${ADMISSION_NAME}-tls`, dnsNames: [service, `${service}.cluster.local`], duration: '8760h', renewBefore: '720h',
          privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' }, issuerRef: { name: `${ADMISSION_NAME}-selfsigned`, kind: 'Issuer' },
        },
      },
    );
  } else if (r.certificate) {
    objects.push({
      apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls',
      // The key is in this output by design (as `kubectl create secret tls --dry-run -o yaml` puts it): said, not hidden.
      metadata: meta(`${ADMISSION_NAME}-tls`, { annotations: { 'kubeward.io/ignore': 'secret-in-committed-secret: the webhook serving key generated by kubeward admission manifests; do not commit this output (use --cert-manager for GitOps), re-run to rotate' } }),
      data: { 'tls.crt': Buffer.from(r.certificate.cert).toString('base64'), 'tls.key': Buffer.from(r.certificate.key).toString('base64') },
    });
  }
  const probe = (path: string) => ({ httpGet: { path, port: 'https', scheme: 'HTTPS' }, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 });
  objects.push(
    {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(ADMISSION_NAME),
      spec: {
        replicas: 2, selector: { matchLabels: { 'app.kubernetes.io/name': ADMISSION_NAME } },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: ADMISSION_NAME, automountServiceAccountToken: false, priorityClassName: 'system-cluster-critical',
            securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } },
            affinity: {
              podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { 'app.kubernetes.io/name': ADMISSION_NAME } } } }] },
            },
            containers: [{
              name: 'webhook', image: r.image, imagePullPolicy: 'IfNotPresent',
              args: ['admission', 'serve', '--listen', '0.0.0.0:8443', '--tls-cert', '/tls/tls.crt', '--tls-key', '/tls/tls.key', '--config', '/policy/policy.yaml', '--deadline', String(Math.max(1, timeoutSeconds - 1) * 1000)],
              ports: [{ name: 'https', containerPort: 8443, protocol: 'TCP' }],
              securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
              resources: { requests: { cpu: '100m', memory: '128Mi', 'ephemeral-storage': '16Mi' }, limits: { cpu: '1', memory: '256Mi', 'ephemeral-storage': '64Mi' } },
              livenessProbe: probe('/healthz'), readinessProbe: probe('/readyz'),
              volumeMounts: [{ name: 'tls', mountPath: '/tls', readOnly: true }, { name: 'policy', mountPath: '/policy', readOnly: true }],
            }],
            volumes: [
              { name: 'tls', secret: { secretName: `${ADMISSION_NAME}-tls` } },
              { name: 'policy', configMap: { name: `${ADMISSION_NAME}-policy` } },
            ],
          },
        },
      },
    },
    { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta(ADMISSION_NAME), spec: { minAvailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': ADMISSION_NAME } } } },
    {
      apiVersion: 'v1', kind: 'Service', metadata: meta(ADMISSION_NAME),
      spec: { type: 'ClusterIP', selector: { 'app.kubernetes.io/name': ADMISSION_NAME }, ports: [{ name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' }] },
    },
    {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(`${ADMISSION_NAME}-default-deny`),
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(ADMISSION_NAME),
      spec: { podSelector: { matchLabels: { 'app.kubernetes.io/name': ADMISSION_NAME } }, policyTypes: ['Ingress', 'Egress'], ingress: [{ ports: [{ port: 8443, protocol: 'TCP' }] }], egress: [] },
    },
  );
  const inject = r.certManager ? { annotations: { 'cert-manager.io/inject-ca-from': `${ns}/${ADMISSION_NAME}` } } : {};
  const client = (path: string): JsonObject => ({
    service: { name: ADMISSION_NAME, namespace: ns, path, port: 443 },
    ...(r.certificate && !r.certManager ? { caBundle: Buffer.from(r.certificate.cert).toString('base64') } : {}),
  });
  objects.push(
    {
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: CONFIG_NAME, labels, ...inject },
      webhooks: [{ ...webhookEntry('mutate.kubeward.io', client('/mutate'), ns, timeoutSeconds), reinvocationPolicy: 'Never' }],
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: CONFIG_NAME, labels, ...inject },
      webhooks: [webhookEntry('validate.kubeward.io', client('/validate'), ns, timeoutSeconds)],
    },
  );
  return objects;
}
