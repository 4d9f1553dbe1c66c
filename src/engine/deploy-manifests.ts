/**
 * `kubeward deploy manifests`: the Kubernetes objects that run the kubeward server and its agent CronJob in a
 * cluster, hardened (non-root, read-only root filesystem, every capability dropped, RuntimeDefault seccomp,
 * requests and limits, probes, NetworkPolicies, a PodDisruptionBudget when the server has two replicas) and
 * with the least RBAC the live scan needs. The Helm chart deploy/helm/kubeward renders the same objects.
 * A pure function: objects in, no I/O.
 */
import { RequestError } from './errors.js';
import { packageVersion } from './version.js';

/** The image `deploy manifests` and the chart use unless told otherwise. */
export const defaultImage = () => `ghcr.io/kubeward/kubeward:${packageVersion()}`;

export interface DeployOptions {
  namespace: string;
  image: string;
  /** sqlite: a PVC and one replica; postgres: the URL from Secret kubeward-db (key url) and two replicas. */
  db: 'sqlite' | 'postgres';
  /** The URL agents upload to; an external one leaves the server out (agent-only install in another cluster). */
  serverUrl?: string;
  /** The agent CronJob's schedule. */
  schedule: string;
  /** The cluster name the agent uploads under. */
  clusterName: string;
}

type Obj = Record<string, unknown>;

export const PORT = 8080;
const PART_OF = 'kubeward';

/**
 * What `scan --cluster` reads, as RBAC rules: `list` only (the collector lists with pagination; it never gets
 * or watches). Secrets are NOT granted: listing Secrets returns their values, and kubeward drops them anyway;
 * without the grant the report says "not collected: secrets" and the checks that look at Secret objects
 * (secret type and metadata) are skipped. ConfigMaps are granted: checks look for credentials in them.
 */
export const AGENT_RULES: readonly { apiGroups: string[]; resources: string[]; verbs: string[] }[] = [
  { apiGroups: [''], resources: ['pods', 'services', 'serviceaccounts', 'namespaces', 'nodes', 'configmaps', 'endpoints', 'persistentvolumes', 'persistentvolumeclaims', 'replicationcontrollers', 'resourcequotas', 'limitranges', 'podtemplates'] },
  { apiGroups: ['apps'], resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'controllerrevisions'] },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'] },
  { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies', 'ingresses', 'ingressclasses'] },
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'] },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'] },
  { apiGroups: ['admissionregistration.k8s.io'], resources: ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations', 'validatingadmissionpolicies', 'validatingadmissionpolicybindings'] },
  { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'] },
  { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'] },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'] },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'] },
  { apiGroups: ['node.k8s.io'], resources: ['runtimeclasses'] },
].map((r) => ({ ...r, verbs: ['list'] }));

const labels = (component: string) => ({ 'app.kubernetes.io/name': 'kubeward', 'app.kubernetes.io/component': component, 'app.kubernetes.io/part-of': PART_OF });
const selector = (component: string) => ({ 'app.kubernetes.io/name': 'kubeward', 'app.kubernetes.io/component': component });

/** The container settings every kubeward container has. */
function hardened(resources: { cpu: string; memory: string; limitCpu: string; limitMemory: string; storage: string }): Obj {
  return {
    imagePullPolicy: 'Always',
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      privileged: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
    resources: {
      requests: { cpu: resources.cpu, memory: resources.memory },
      limits: { cpu: resources.limitCpu, memory: resources.limitMemory, 'ephemeral-storage': resources.storage },
    },
  };
}

const podSecurity = { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } };

/** In-cluster URL of the server's Service. */
export function inClusterUrl(namespace: string): string {
  return `http://kubeward.${namespace}.svc:${PORT}`;
}

function serverObjects(o: DeployOptions): Obj[] {
  const ns = o.namespace;
  const replicas = o.db === 'postgres' ? 2 : 1;
  const out: Obj[] = [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'kubeward-server', namespace: ns, labels: labels('server') }, automountServiceAccountToken: false },
  ];
  if (o.db === 'sqlite') {
    out.push({
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'kubeward-data', namespace: ns, labels: labels('server') },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } },
    });
  }
  const volumes: Obj[] = [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }];
  const mounts: Obj[] = [{ name: 'tmp', mountPath: '/tmp' }];
  if (o.db === 'sqlite') {
    volumes.push({ name: 'data', persistentVolumeClaim: { claimName: 'kubeward-data' } });
    mounts.push({ name: 'data', mountPath: '/data' });
  }
  const probe = (path: string, delay: number) => ({ httpGet: { path, port: 'http' }, initialDelaySeconds: delay, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 });
  out.push({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'kubeward', namespace: ns, labels: labels('server') },
    spec: {
      replicas,
      // SQLite on a ReadWriteOnce volume: the old pod lets go of the file before the new one opens it.
      strategy: o.db === 'sqlite' ? { type: 'Recreate' } : { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      selector: { matchLabels: selector('server') },
      template: {
        metadata: { labels: labels('server') },
        spec: {
          serviceAccountName: 'kubeward-server',
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: podSecurity,
          containers: [{
            name: 'server',
            image: o.image,
            // PostgreSQL's URL (with its password) comes from the Secret as KUBEWARD_SERVER_DB, never in the arguments.
            args: ['serve', ...(o.db === 'sqlite' ? ['--db', 'sqlite:/data/kubeward.db'] : []), '--listen', `0.0.0.0:${PORT}`],
            ...(o.db === 'postgres' ? { env: [{ name: 'KUBEWARD_SERVER_DB', valueFrom: { secretKeyRef: { name: 'kubeward-db', key: 'url' } } }] } : {}),
            ports: [{ name: 'http', containerPort: PORT, protocol: 'TCP' }],
            readinessProbe: probe('/healthz', 3),
            livenessProbe: probe('/healthz', 10),
            ...hardened({ cpu: '100m', memory: '256Mi', limitCpu: '1', limitMemory: '1Gi', storage: '64Mi' }),
            volumeMounts: mounts,
          }],
          volumes,
        },
      },
    },
  });
  out.push({
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubeward', namespace: ns, labels: labels('server') },
    spec: { type: 'ClusterIP', selector: selector('server'), ports: [{ name: 'http', port: PORT, targetPort: 'http', protocol: 'TCP' }] },
  });
  if (replicas > 1) {
    out.push({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'kubeward', namespace: ns, labels: labels('server') },
      spec: { minAvailable: 1, selector: { matchLabels: selector('server') } } });
  }
  // The server takes uploads and dashboard users on its port from pods of this namespace (the agent) and from
  // namespaces labelled kubeward.io/access=true (an ingress controller's); it calls only DNS and PostgreSQL.
  out.push({
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'kubeward-server', namespace: ns, labels: labels('server') },
    spec: {
      podSelector: { matchLabels: selector('server') },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{
        from: [{ podSelector: {} }, { namespaceSelector: { matchLabels: { 'kubeward.io/access': 'true' } } }],
        ports: [{ protocol: 'TCP', port: PORT }],
      }],
      egress: [
        dnsEgress(),
        ...(o.db === 'postgres' ? [{ to: PRIVATE_CIDRS.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: 'TCP', port: 5432 }] }] : []),
      ],
    },
  });
  return out;
}

function dnsEgress(): Obj {
  return {
    to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
    ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
  };
}

/** The service account token, the cluster CA and the namespace, where in-cluster clients look for them. */
function apiTokenVolume(): Obj {
  return {
    name: 'api-token',
    projected: {
      defaultMode: 0o440,
      sources: [
        { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}

/** Where the API server and PostgreSQL may be: the private address ranges (a managed cluster's endpoint, a database service). */
export const PRIVATE_CIDRS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

function agentObjects(o: DeployOptions, serverUrl: string, external: boolean): Obj[] {
  const ns = o.namespace;
  const serverPort = Number(new URL(serverUrl).port || (serverUrl.startsWith('https:') ? 443 : 80));
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'kubeward-agent', namespace: ns, labels: labels('agent') }, automountServiceAccountToken: false },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'kubeward-agent', labels: labels('agent') }, rules: AGENT_RULES },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'kubeward-agent', labels: labels('agent') },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kubeward-agent' },
      subjects: [{ kind: 'ServiceAccount', name: 'kubeward-agent', namespace: ns }],
    },
    {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'kubeward-agent', namespace: ns, labels: labels('agent') },
      spec: {
        schedule: o.schedule,
        concurrencyPolicy: 'Forbid',
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
        jobTemplate: {
          spec: {
            backoffLimit: 2,
            activeDeadlineSeconds: 1800,
            ttlSecondsAfterFinished: 86400,
            template: {
              metadata: { labels: labels('agent') },
              spec: {
                serviceAccountName: 'kubeward-agent',
                // The agent reads the cluster with its token: projected explicitly, on this pod only, valid for an hour
                // (what automounting would give, minus the year-long lifetime some clusters default to).
                automountServiceAccountToken: false,
                enableServiceLinks: false,
                restartPolicy: 'Never',
                securityContext: podSecurity,
                containers: [{
                  name: 'agent',
                  image: o.image,
                  args: ['agent', '--once', '--server', serverUrl, '--cluster-name', o.clusterName],
                  env: [{ name: 'KUBEWARD_TOKEN', valueFrom: { secretKeyRef: { name: 'kubeward-agent-token', key: 'token' } } }],
                  ...hardened({ cpu: '100m', memory: '256Mi', limitCpu: '1', limitMemory: '1Gi', storage: '64Mi' }),
                  volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, { name: 'api-token', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
                }],
                volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }, apiTokenVolume()],
              },
            },
          },
        },
      },
    },
    // The agent calls DNS, the API server (443/6443 on a private address) and the kubeward server (its pods, or the
    // external URL's port on any address).
    {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'kubeward-agent', namespace: ns, labels: labels('agent') },
      spec: {
        podSelector: { matchLabels: selector('agent') },
        policyTypes: ['Ingress', 'Egress'],
        egress: [
          dnsEgress(),
          { to: PRIVATE_CIDRS.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: 'TCP', port: 443 }, { protocol: 'TCP', port: 6443 }] },
          external
            ? { ports: [{ protocol: 'TCP', port: serverPort }] }
            : { to: [{ podSelector: { matchLabels: selector('server') } }], ports: [{ protocol: 'TCP', port: PORT }] },
        ],
      },
    },
  ];
}

/** Every object, in apply order (namespace first). */
export function deployManifests(o: DeployOptions): Obj[] {
  const external = o.serverUrl !== undefined;
  const serverUrl = o.serverUrl ?? inClusterUrl(o.namespace);
  try {
    const u = new URL(serverUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
  } catch {
    throw new RequestError(`--server-url must be an http(s) URL (got "${serverUrl}")`);
  }
  return [
    {
      apiVersion: 'v1', kind: 'Namespace',
      metadata: { name: o.namespace, labels: { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted' } },
    },
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny', namespace: o.namespace, labels: labels('policy') }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } },
    ...(external ? [] : serverObjects(o)),
    ...agentObjects(o, serverUrl, external),
  ];
}
