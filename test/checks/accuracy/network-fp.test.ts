import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CHECKS } from '../../../src/checks/index.js';
import { scan } from '../example-helpers.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/accuracy/${name}`, import.meta.url), 'utf8');
const ids = (id: string, text: string) =>
  scan(CHECKS.filter((c) => c.id === id), text).findings.map((f) => `${f.object?.kind}/${f.object?.name} ${f.path}`);

test('a Job running the etcd image as a client (calico configure-canal) is not a database', () => {
  assert.deepEqual(ids('database-reachable-from-all-namespaces', fixture('calico-configure-canal-job.yaml')), []);
});

test('a Job or CronJob that declares a database port still counts', () => {
  const text = `apiVersion: batch/v1
kind: Job
metadata: {name: scratch-db, namespace: ci}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: db
          image: postgres:16.4
          ports: [{containerPort: 5432}]
`;
  assert.deepEqual(ids('database-reachable-from-all-namespaces', text), ['Job/scratch-db /spec/template/spec/containers/0/ports/0/containerPort']);
});

const holder = (egress: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: cache, namespace: argocd}
spec:
  serviceName: cache
  selector: {matchLabels: {app: cache}}
  template:
    metadata: {labels: {app: cache}}
    spec:
      automountServiceAccountToken: false
      containers:
        - name: redis
          image: redis:7.2
          env:
            - name: AUTH
              valueFrom: {secretKeyRef: {name: cache-auth, key: auth}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: cache, namespace: argocd}
spec:
  podSelector: {matchLabels: {app: cache}}
  policyTypes: [Egress]
  egress:
${egress}`;

test('egress open to public addresses only on DNS (argo-cd redis-ha pattern) is not reported; one more port is', () => {
  const dnsOnly = '    - ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]\n';
  assert.deepEqual(ids('secret-holder-internet-egress', holder(dnsOnly)), []);
  const more = dnsOnly + '    - ports: [{port: 443, protocol: TCP}]\n';
  assert.deepEqual(ids('secret-holder-internet-egress', holder(more)), ['StatefulSet/cache /spec/template/spec/containers/0/env/0/valueFrom/secretKeyRef']);
});
