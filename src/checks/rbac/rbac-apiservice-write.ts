import { MORE_POWERS } from '../../analysis/rbac/powers.js';
import { defineCheck } from '../define.js';
import { powerFindings } from '../shared/rbac-rules.js';

export default defineCheck({
  id: 'rbac-apiservice-write',
  title: 'Role can repoint aggregated APIs (update or patch apiservices)',
  severity: 'high',
  category: 'rbac',
  description:
    'An APIService (apiregistration.k8s.io) tells the API server which Service answers an API group version: metrics.k8s.io, custom.metrics.k8s.io, an operator\'s API. A holder of update or patch on apiservices can point one at a Service it controls, and the API server then forwards every request for that group to it, with the caller\'s identity in its headers: the holder reads what clients send and answers what they receive (HPA metrics, admission-relevant objects). A rule with `resourceNames` changes only the named APIServices (an operator updating its own caBundle) and passes.',
  remediation: 'Limit update and patch on apiservices to the operator that owns each one, with `resourceNames` naming its APIServices.',
  frameworks: { nsa: ['authn-authz/rbac'], mitre: ['T1557'], owasp: ['K03'] },
  subject: 'inventory',
  run: ({ inventory }) => powerFindings(inventory, [MORE_POWERS.writeApiServices], undefined, { openOnly: true }),
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: apiservice-manager}
rules:
  - apiGroups: [apiregistration.k8s.io]
    resources: [apiservices]
    verbs: [get, list, watch, update, patch]
`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: cabundle-injector}
rules:
  - apiGroups: [apiregistration.k8s.io]
    resources: [apiservices]
    verbs: [get, list, watch]
  - apiGroups: [apiregistration.k8s.io]
    resources: [apiservices]
    resourceNames: [v1beta1.metrics.k8s.io]
    verbs: [update, patch]
`,
    ],
  },
});
