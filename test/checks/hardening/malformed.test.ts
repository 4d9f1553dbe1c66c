import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHECKS } from '../../../src/checks/index.js';
import { scan } from '../example-helpers.js';

// Shapes the API server would reject, half-rendered templates and plain mistakes: no check may throw.
const MALFORMED = `apiVersion: v1
kind: Pod
metadata: {name: odd, namespace: default}
spec:
  automountServiceAccountToken: "yes"
  serviceAccountName: 7
  hostNetwork: true
  shareProcessNamespace: "true"
  hostUsers: null
  volumes: [null, "vol", {name: a, hostPath: "/etc"}, {name: b, hostPath: {path: 5}}, {name: c, hostPath: {path: relative/dir}}, {hostPath: {path: /var/run/docker.sock}}]
  resources: "lots"
  containers:
    - "just-a-string"
    - name: c1
      image: 42
      imagePullPolicy: 3
      ports: [null, {hostPort: "80"}, {containerPort: "http"}, {containerPort: 70000}, "8080"]
      resources: {limits: [cpu], requests: "none"}
      volumeMounts: [null, {name: a}, {name: b, readOnly: "true"}, {name: 3}]
      securityContext: {capabilities: {add: "SYS_ADMIN", drop: {all: true}}}
      livenessProbe: "yes"
    - name: c2
      image: ""
      securityContext: "privileged"
      resources: {limits: {cpu: null, memory: {}}}
  initContainers: {name: x}
  ephemeralContainers: [7]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: x}
spec:
  replicas: "{{ .Values.replicas }}"
  template:
    metadata: {labels: "app=d"}
    spec:
      containers: [{name: c, image: "app:1"}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s, namespace: x}
spec:
  replicas: 3
  template: {metadata: {labels: {app: s}}, spec: "nope"}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: b, namespace: x}
spec: {selector: {matchLabels: "app", matchExpressions: [{key: app}, "x", {key: app, operator: Weird, values: 3}]}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: h, namespace: x}
spec: {scaleTargetRef: "d", minReplicas: "2"}
---
apiVersion: v1
kind: Service
metadata: {name: svc, annotations: {"service.beta.kubernetes.io/aws-load-balancer-internal": "true"}}
spec: {type: LoadBalancer, externalIPs: "1.2.3.4", loadBalancerSourceRanges: "10.0.0.0/8"}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ing}
spec: {tls: "yes", rules: [null, {host: 5}, "x"]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ing2}
spec: {tls: [null, {hosts: "a.example.com"}], rules: [{host: b.example.com}]}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cm}
data: [password, hunter22]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cm2}
data: {password: 12345678, token: null, "": "x", secret: {nested: true}}
---
apiVersion: extensions/v1beta1
kind: Ingress
metadata: {name: old}
spec: null
`;

test('malformed objects never make a check throw, and what is well-formed is still reported', () => {
  const { findings } = scan(CHECKS, MALFORMED, 'malformed.yaml', { allowedRegistries: 5, resources: { cpu: true }, defaults: 'x', targetVersion: 1.2, unsetNamespace: 'yes', mutableTags: [] });
  assert.deepEqual(findings.filter((f) => f.checkId === 'internal-error').map((f) => f.message), []);
  const ids = new Set(findings.map((f) => f.checkId));
  for (const id of ['runtime-socket-mounted', 'deprecated-api-version', 'service-exposed', 'ingress-without-tls', 'workload-in-default-namespace', 'host-port-privileged']) assert.ok(ids.has(id), `${id} still reports`);
  // The hostPath "/etc" written as a string is not a hostPath the kubelet would mount; the relative path is not guessed at.
  assert.ok(!findings.some((f) => f.checkId === 'sensitive-host-path'));
});
