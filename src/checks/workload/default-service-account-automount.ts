import { defineCheck } from '../define.js';

export default defineCheck({
  id: 'default-service-account-automount',
  title: 'The default ServiceAccount mounts its token into pods',
  severity: 'low',
  category: 'workload',
  description:
    'Every namespace has a ServiceAccount named `default`, and every pod that names no account runs as it. Unless ' +
    'the account sets `automountServiceAccountToken: false`, each such pod gets an API token, so anything ever ' +
    'granted to `default` (by a careless RoleBinding, or to `system:serviceaccounts`) reaches every one of those ' +
    'pods, and an attacker in any of them can call the API. CIS 5.1.5 asks for the setting on the object itself; ' +
    'pods that need a token should run as their own ServiceAccount. Reported on `default` ServiceAccount objects in ' +
    'the input (the ones Kubernetes creates are not in manifests; `kubeward scan --cluster` reads them).',
  remediation: 'Set `automountServiceAccountToken: false` on the `default` ServiceAccount of every namespace, and give workloads that call the API a dedicated ServiceAccount.',
  frameworks: {
    cis: ['5.1.5'],
    nsa: ['pod-security/service-account-tokens'],
    mitre: ['T1528', 'T1078.001'],
    owasp: ['K03'],
  },
  aliases: { kubescape: ['C-0189'] },
  subject: 'object',
  kinds: ['ServiceAccount'],
  run: ({ object, at }) => {
    if (object.name !== 'default' || object.apiVersion !== 'v1') return [];
    const v = object.raw.automountServiceAccountToken;
    if (v === false) return [];
    return v === undefined
      ? [at('metadata/name', `the default ServiceAccount${object.namespace ? ` of namespace ${object.namespace}` : ''} does not set automountServiceAccountToken: false, so every pod that names no account gets its token`, { found: 'unset (true)', expected: 'automountServiceAccountToken: false' })]
      : [at('automountServiceAccountToken', `the default ServiceAccount${object.namespace ? ` of namespace ${object.namespace}` : ''} sets automountServiceAccountToken: ${String(v)}`, { found: String(v), expected: 'false' })];
  },
  fix: ({ object }) => [{ op: object.raw.automountServiceAccountToken === undefined ? 'add' : 'replace', path: '/automountServiceAccountToken', value: false }],
  vap: { unsupported: 'judges the default ServiceAccount by the workloads that use it (cross-object)' },
  examples: {
    fail: [
      {
        yaml: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: default
  namespace: shop
`,
        path: '/metadata/name',
      },
      {
        yaml: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: default
  namespace: shop
automountServiceAccountToken: true
`,
        path: '/automountServiceAccountToken',
      },
    ],
    pass: [
      `apiVersion: v1
kind: ServiceAccount
metadata:
  name: default
  namespace: shop
automountServiceAccountToken: false
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: api
  namespace: shop
`,
    ],
  },
});
