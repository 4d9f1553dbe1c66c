import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Check, CheckOptions } from '../../../src/checks/define.js';
import { CHECKS, findCheck } from '../../../src/checks/index.js';
import { scan } from '../example-helpers.js';

function check(id: string): Check {
  const c = findCheck(id);
  assert.ok(c, `no check ${id}`);
  return c;
}

/** "checkId path" of every finding, sorted. */
function found(ids: string[], yaml: string, options?: CheckOptions): string[] {
  return scan(ids.map(check), yaml, 'test.yaml', options).findings.map((f) => `${f.checkId} ${f.path}`).sort();
}

function messages(id: string, yaml: string, options?: CheckOptions): string[] {
  return scan([check(id)], yaml, 'test.yaml', options).findings.map((f) => f.message);
}

const HARDENING = [
  'automount-service-account-token', 'dangerous-capabilities', 'default-service-account', 'ephemeral-storage-limit',
  'host-port-privileged', 'host-users', 'image-not-pinned-by-digest', 'image-pull-policy', 'image-registry-not-allowed',
  'liveness-probe-missing', 'net-raw-not-dropped', 'readiness-probe-missing', 'resource-limits', 'resource-requests',
  'runtime-socket-mounted', 'sensitive-host-path', 'share-process-namespace', 'workload-in-default-namespace', 'writable-host-path',
];

test('kinds without pod specs are never flagged by workload checks', () => {
  const yaml = `apiVersion: v1
kind: ConfigMap
metadata: {name: c, namespace: default}
data:
  containers: "- name: x"
---
apiVersion: apps/v1
kind: ControllerRevision
metadata: {name: r, namespace: default}
data:
  spec:
    template:
      spec:
        containers: [{name: x, image: "nginx:latest", securityContext: {capabilities: {add: [SYS_ADMIN]}}}]
revision: 1
---
apiVersion: v1
kind: Secret
metadata: {name: s, namespace: default}
type: Opaque
`;
  assert.deepEqual(found(HARDENING, yaml, { unsetNamespace: true, allowedRegistries: ['registry.example.com'] }), []);
});

test('Windows pods skip the Linux-only checks', () => {
  const yaml = `apiVersion: v1
kind: Pod
metadata: {name: w}
spec:
  os: {name: windows}
  containers:
    - name: iis
      image: mcr.microsoft.com/windows/servercore/iis@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31
      securityContext:
        capabilities: {add: [SYS_ADMIN]}
`;
  assert.deepEqual(found(['net-raw-not-dropped', 'dangerous-capabilities', 'host-users', 'read-only-root-filesystem'], yaml), []);
});

test('automountServiceAccountToken: the pod spec wins over the ServiceAccount, which wins over the default', () => {
  const sa = (name: string, ns: string, value?: boolean) =>
    `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ${name}, namespace: ${ns}}\n${value === undefined ? '' : `automountServiceAccountToken: ${value}\n`}---\n`;
  const pod = (ns: string, extra = '') =>
    `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ${ns}}\nspec:\n  serviceAccountName: app\n${extra}  containers: [{name: c, image: "app:1"}]\n`;
  const id = 'automount-service-account-token';
  assert.deepEqual(messages(id, sa('app', 'a', true) + pod('a', '  automountServiceAccountToken: false\n')), []);
  assert.deepEqual(messages(id, sa('app', 'a', false) + pod('a')), []);
  assert.match(messages(id, sa('app', 'a', false) + pod('a', '  automountServiceAccountToken: true\n'))[0]!, /the pod spec sets automountServiceAccountToken: true/);
  assert.match(messages(id, sa('app', 'a', true) + pod('a'))[0]!, /ServiceAccount\/a\/app sets automountServiceAccountToken: true/);
  assert.match(messages(id, sa('app', 'a') + pod('a'))[0]!, /neither the pod spec nor ServiceAccount "app"/);
  // A ServiceAccount of the same name in another namespace does not decide.
  assert.match(messages(id, sa('app', 'b', false) + pod('a'))[0]!, /"app" is not among the scanned objects/);
  // The finding is on the pod spec field, where the fix writes false.
  assert.deepEqual(found([id], sa('app', 'a', true) + pod('a')), [`${id} /spec/automountServiceAccountToken`]);
});

test('default-service-account: the deprecated serviceAccount field counts, and an unmounted token is not reported', () => {
  const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${spec}  containers: [{name: c, image: "app:1"}]\n`;
  assert.deepEqual(found(['default-service-account'], pod('  serviceAccount: default\n')), ['default-service-account /spec/serviceAccount']);
  assert.deepEqual(found(['default-service-account'], pod('  serviceAccount: app\n')), []);
  assert.deepEqual(found(['default-service-account'], pod('  automountServiceAccountToken: false\n')), []);
});

test('probes: only app containers of long-running workloads', () => {
  const ids = ['liveness-probe-missing', 'readiness-probe-missing'];
  const job = `apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: "app:1"}]
`;
  assert.deepEqual(found(ids, job), []);
  const ownedPod = `apiVersion: v1
kind: Pod
metadata:
  name: j-abc
  ownerReferences: [{apiVersion: batch/v1, kind: Job, name: j, uid: u, controller: true}]
spec:
  containers: [{name: c, image: "app:1"}]
`;
  assert.deepEqual(found(ids, ownedPod), []);
  const deploy = `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  selector: {matchLabels: {app: d}}
  template:
    metadata: {labels: {app: d}}
    spec:
      initContainers: [{name: sidecar, image: "proxy:1", restartPolicy: Always}]
      containers:
        - {name: a, image: "app:1", livenessProbe: {tcpSocket: {port: 80}}}
        - {name: b, image: "app:1", readinessProbe: {tcpSocket: {port: 80}}}
      ephemeralContainers: [{name: debug, image: "busybox:1"}]
`;
  assert.deepEqual(found(ids, deploy), [
    'liveness-probe-missing /spec/template/spec/containers/1/livenessProbe',
    'readiness-probe-missing /spec/template/spec/containers/0/readinessProbe',
  ]);
});

const deployment = (name: string, ns: string, replicas: string, labels = `{app: ${name}}`) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
${replicas}  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: ${labels}}
    spec:
      containers: [{name: c, image: "app:1"}]
---
`;
const pdb = (apiVersion: string, ns: string, selector: string) => `apiVersion: ${apiVersion}
kind: PodDisruptionBudget
metadata: {name: b, namespace: ${ns}}
spec:
  maxUnavailable: 1
${selector}---
`;

test('PodDisruptionBudgets select by the pod template labels in the same namespace, as each policy version reads selectors', () => {
  const id = 'pod-disruption-budget-missing';
  const d = deployment('api', 'shop', '  replicas: 3\n');
  assert.deepEqual(found([id], d + pdb('policy/v1', 'shop', '  selector: {matchLabels: {app: api}}\n')), []);
  assert.deepEqual(found([id], d + pdb('policy/v1', 'shop', '  selector: {matchLabels: {app: web}}\n')), [`${id} /spec/template/metadata`]);
  assert.deepEqual(found([id], d + pdb('policy/v1', 'other', '  selector: {matchLabels: {app: api}}\n')), [`${id} /spec/template/metadata`]);
  // An empty selector: every pod of the namespace in policy/v1, none in policy/v1beta1; a missing one: none.
  assert.deepEqual(found([id], d + pdb('policy/v1', 'shop', '  selector: {}\n')), []);
  assert.deepEqual(found([id], d + pdb('policy/v1beta1', 'shop', '  selector: {}\n')), [`${id} /spec/template/metadata`]);
  assert.deepEqual(found([id], d + pdb('policy/v1', 'shop', '')), [`${id} /spec/template/metadata`]);
  assert.deepEqual(found([id], d + pdb('policy/v1', 'shop', '  selector: {matchExpressions: [{key: app, operator: NotIn, values: [web]}]}\n')), []);
  // Fewer than two replicas is single-replica's finding, not this one.
  assert.deepEqual(found([id, 'single-replica'], deployment('api', 'shop', '')), ['single-replica /spec/replicas']);
});

test('single-replica: an HPA decides by minReplicas (default 1); templated replicas are not guessed', () => {
  const id = 'single-replica';
  const hpa = (min: string) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: h, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
${min}  maxReplicas: 5
`;
  assert.deepEqual(found([id], deployment('api', 'shop', '') + hpa('  minReplicas: 2\n')), []);
  assert.match(messages(id, deployment('api', 'shop', '  replicas: 4\n') + hpa(''))[0]!, /HorizontalPodAutoscaler\/shop\/h scales this workload down to 1 replica/);
  assert.deepEqual(found([id], deployment('api', 'shop', '  replicas: "{{ .Values.replicas }}"\n')), []);
});

test('privileged node ports: hostPort, or containerPort under hostNetwork', () => {
  const pod = (hostNetwork: string, ports: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${hostNetwork}  containers: [{name: c, image: "app:1", ports: ${ports}}]\n`;
  const id = 'host-port-privileged';
  assert.deepEqual(found([id], pod('', '[{containerPort: 80}]')), []);
  assert.deepEqual(found([id], pod('', '[{containerPort: 8080, hostPort: 80}]')), [`${id} /spec/containers/0/ports/0/hostPort`]);
  assert.deepEqual(found([id], pod('  hostNetwork: true\n', '[{containerPort: 80}, {containerPort: 8080}]')), [`${id} /spec/containers/0/ports/0/containerPort`]);
  assert.deepEqual(found([id], pod('', '[{containerPort: 8080, hostPort: 1024}]')), []);
});

test('net-raw-not-dropped reads drop and add case-insensitively, with or without CAP_', () => {
  const pod = (caps: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: "app:1", securityContext: {capabilities: ${caps}}}]\n`;
  const id = 'net-raw-not-dropped';
  for (const ok of ['{drop: [ALL]}', '{drop: [all]}', '{drop: [cap_net_raw]}', '{drop: [Net_Raw]}']) assert.deepEqual(found([id], pod(ok)), [], ok);
  assert.deepEqual(found([id], pod('{drop: [ALL], add: [ALL]}')), [`${id} /spec/containers/0/securityContext/capabilities/add/0`]);
  assert.deepEqual(found([id], pod('{drop: [SYS_ADMIN]}')), [`${id} /spec/containers/0/securityContext/capabilities/drop`]);
});

test('dangerous capabilities carry their own severity', () => {
  const yaml = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: "app:1", securityContext: {capabilities: {add: [all, NET_ADMIN, CAP_SYS_MODULE, NET_RAW, 42]}}}]\n`;
  const findings = scan([check('dangerous-capabilities')], yaml).findings;
  assert.deepEqual(findings.map((f) => [f.path.split('/').pop(), f.severity]), [['0', 'critical'], ['1', 'high'], ['2', 'high']]);
});

test('sensitive and writable host paths: read-only lowers the severity; unrelated volumes do not count', () => {
  const yaml = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      image: app:1
      volumeMounts: [{name: etc, mountPath: /host/etc, readOnly: true}, {name: logs, mountPath: /logs}, {name: tmp, mountPath: /tmp}]
    - name: b
      image: app:1
      volumeMounts: [{name: logs, mountPath: /logs, readOnly: true}]
  volumes:
    - {name: etc, hostPath: {path: /etc/ssl/certs}}
    - {name: logs, hostPath: {path: /var/log/app}}
    - {name: tmp, emptyDir: {}}
`;
  const s = scan([check('sensitive-host-path'), check('writable-host-path')], yaml).findings;
  assert.deepEqual(s.map((f) => `${f.checkId} ${f.severity} ${f.path}`).sort(), [
    'sensitive-host-path high /spec/volumes/1/hostPath/path',
    'sensitive-host-path medium /spec/volumes/0/hostPath/path',
    'writable-host-path medium /spec/containers/0/volumeMounts/1/readOnly',
  ]);
});

test('deprecated-api-version: the target version splits removed (high) from still-served (low)', () => {
  const yaml = `apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec: {}\n`;
  const sev = (options?: CheckOptions) => scan([check('deprecated-api-version')], yaml, 'test.yaml', options).findings.map((f) => f.severity);
  assert.deepEqual(sev(), ['high']);
  assert.deepEqual(sev({ targetVersion: '1.26' }), ['high']);
  assert.deepEqual(sev({ targetVersion: 'v1.25.4' }), ['low']);
});

test('configmap-credential-key never shows the value', () => {
  const secret = 'Zq8-unique-credential-value-41';
  const yaml = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  DB_PASSWORD: ${secret}\n  a/b_token: ${secret}\n`;
  const findings = scan([check('configmap-credential-key')], yaml).findings;
  assert.deepEqual(findings.map((f) => f.path), ['/data/DB_PASSWORD', '/data/a~1b_token']);
  assert.ok(!JSON.stringify(findings).includes(secret));
  assert.equal(findings[0]!.evidence?.found, `<${secret.length} characters, not shown>`);
});

test('image-pull-policy follows the API server defaults', () => {
  const pod = (c: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [${c}]\n`;
  const id = 'image-pull-policy';
  assert.deepEqual(found([id], pod('{name: c, image: "app"}')), []);
  assert.deepEqual(found([id], pod('{name: c, image: "app:latest"}')), []);
  assert.deepEqual(found([id], pod('{name: c, image: "app:latest", imagePullPolicy: Never}')), [`${id} /spec/containers/0/imagePullPolicy`]);
  assert.deepEqual(found([id], pod('{name: c, image: "app:1.0"}')), [`${id} /spec/containers/0/imagePullPolicy`]);
  assert.deepEqual(found([id], pod('{name: c, image: "app:1.0"}'), { mutableTags: 'latest' }), []);
});

test('every new check is registered', () => {
  const ids = new Set(CHECKS.map((c) => c.id));
  for (const id of [...HARDENING, 'pod-disruption-budget-missing', 'single-replica', 'naked-pod', 'deprecated-api-version', 'service-exposed', 'service-external-ips', 'ingress-without-tls', 'configmap-credential-key']) {
    assert.ok(ids.has(id), id);
  }
});

test('service-exposed: internal or source-restricted LoadBalancers are info, and node ports are named only when allocated', () => {
  const svc = (extra: string, annotations = '') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n${annotations}spec:\n  type: LoadBalancer\n${extra}  ports: [{port: 443}]\n`;
  const run = (yaml: string) => scan([check('service-exposed')], yaml).findings.map((f) => `${f.severity}: ${f.message}`);
  assert.deepEqual(run(svc('')), ['low: the Service is of type LoadBalancer, and its nodePorts open on every node']);
  assert.deepEqual(run(svc('  loadBalancerSourceRanges: [10.0.0.0/8]\n')), ['info: the Service is of type LoadBalancer restricted by loadBalancerSourceRanges, and its nodePorts open on every node']);
  assert.deepEqual(run(svc('  allocateLoadBalancerNodePorts: false\n', '  annotations: {service.beta.kubernetes.io/aws-load-balancer-scheme: internal}\n')), [
    'info: the Service is of type LoadBalancer (internal: service.beta.kubernetes.io/aws-load-balancer-scheme)',
  ]);
  // "false" is not internal.
  assert.deepEqual(run(svc('', '  annotations: {service.beta.kubernetes.io/azure-load-balancer-internal: "false"}\n')).map((m) => m.split(':')[0]), ['low']);
});

test('ingress-without-tls: certificates given by a cloud controller annotation are info', () => {
  const ing = (annotations: string) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\n${annotations}spec:\n  rules: [{host: a.example.com}]\n`;
  const run = (yaml: string) => scan([check('ingress-without-tls')], yaml).findings.map((f) => f.severity);
  assert.deepEqual(run(ing('')), ['medium']);
  assert.deepEqual(run(ing('  annotations: {alb.ingress.kubernetes.io/certificate-arn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc"}\n')), ['info']);
  assert.deepEqual(run(ing('  annotations: {alb.ingress.kubernetes.io/certificate-arn: ""}\n')), ['medium']);
});
