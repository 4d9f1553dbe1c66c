import { MORE_POWERS } from '../../analysis/rbac/powers.js';
import { defineCheck } from '../define.js';
import { clusterWide, powerFindings } from '../shared/rbac-rules.js';

export default defineCheck({
  id: 'rbac-services-proxy',
  title: 'Role can reach any service through the API server proxy',
  severity: 'medium',
  category: 'rbac',
  description:
    'The `services/proxy` subresource (and the legacy `proxy` verb on services) lets a holder send HTTP requests through the API server to any service in scope, with the API server as the client: internal dashboards (the Kubernetes dashboard is the classic one, reached at `.../services/https:kubernetes-dashboard:/proxy/`), admin endpoints and databases with HTTP front ends that a NetworkPolicy keeps away from the holder. A rule with `resourceNames` reaches only the named services and passes. Cluster-wide (a ClusterRoleBinding), high.',
  remediation: 'Limit services/proxy to the services that must be reached this way with `resourceNames`, or reach them through an Ingress or `kubectl port-forward` scoped to one namespace.',
  frameworks: { nsa: ['authn-authz/rbac', 'network/network-policies'], mitre: ['T1133'], owasp: ['K03'] },
  subject: 'inventory',
  run: ({ inventory }) => powerFindings(inventory, [MORE_POWERS.servicesProxy, MORE_POWERS.servicesProxyVerb], ({ bindings }) => (clusterWide(bindings) ? 'high' : undefined), { openOnly: true }),
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: proxy-anything, namespace: monitoring}
rules:
  - apiGroups: [""]
    resources: [services/proxy]
    verbs: [get, create]
`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: dashboard-metrics, namespace: kubernetes-dashboard}
rules:
  - apiGroups: [""]
    resources: [services]
    resourceNames: [dashboard-metrics-scraper]
    verbs: [proxy]
  - apiGroups: [""]
    resources: [services/proxy]
    resourceNames: [dashboard-metrics-scraper, "http:dashboard-metrics-scraper"]
    verbs: [get]
`,
    ],
  },
});
