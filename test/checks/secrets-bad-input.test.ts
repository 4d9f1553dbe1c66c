// Odd shapes never crash the secrets checks: every finding is a real one or none, never internal-error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHECKS } from '../../src/checks/index.js';
import { scan } from './example-helpers.js';

const SECRETS = CHECKS.filter((c) => c.category === 'secrets');

test('non-string values, bad base64, broken JSON annotations and odd lists are handled', () => {
  const yaml = `apiVersion: v1
kind: Pod
metadata:
  name: odd
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"broken": '
    note: "{not json either}"
spec:
  containers:
    - name: a
      image: busybox:1.36
      env:
        - name: NUMBER
          value: 12345
        - {name: EMPTY, value: ""}
        - "not a map"
        - name: NESTED
          value: {a: 1}
      command: [sh, 42, {x: 1}, null]
      args: "not a list"
---
apiVersion: v1
kind: ConfigMap
metadata: {name: odd}
data:
  n: 1
  list: [a, b]
binaryData:
  bad: "%%%not-base64%%%"
---
apiVersion: v1
kind: Secret
metadata: {name: odd}
data:
  bad: "%%%not-base64%%%"
  n: 7
  nested: {a: b}
stringData: [1, 2]
`;
  const { findings } = scan(SECRETS, yaml);
  assert.deepEqual(findings.filter((f) => f.checkId === 'internal-error').map((f) => f.message), []);
  // A Secret `data` value that is not base64 is plaintext put where the encoding belongs: judged as written,
  // and this one looks generated. The ConfigMap's undecodable binaryData is not a finding.
  assert.deepEqual(findings.map((f) => `${f.checkId} ${f.path}`), ['secret-in-committed-secret /data/bad']);
});

test('a committed Secret value that is not valid base64 is still judged, as written', () => {
  const { findings } = scan(SECRETS, 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  password: "Wq7#xP2v!mL9"\n');
  assert.deepEqual(findings.map((f) => `${f.checkId} ${f.path} ${String(f.evidence?.found)}`), ['secret-in-committed-secret /data/password committed-secret-value: Wq7*** (12 chars)']);
});
