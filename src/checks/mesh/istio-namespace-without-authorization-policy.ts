import type { K8sObject } from '../../model/object.js';
import { defineCheck, type Issue } from '../define.js';
import { isIstio, ISTIO_SECURITY, istioInjectedNamespaces, rootNamespace } from '../shared/mesh.js';

export default defineCheck({
  id: 'istio-namespace-without-authorization-policy',
  title: 'Injected namespace without any Istio AuthorizationPolicy',
  severity: 'low',
  category: 'mesh',
  description:
    'With no AuthorizationPolicy selecting a workload, Istio allows every request to it: mTLS authenticates callers ' +
    'but nothing restricts which of them may call. For every Namespace with sidecar injection on, this check looks for ' +
    'an AuthorizationPolicy in that namespace or in the root namespace (which apply mesh-wide); with none, every ' +
    'workload there accepts any caller. Policies kept outside the scanned files cannot be seen.',
  remediation:
    'Add a deny-by-default policy (`kind: AuthorizationPolicy`, `spec: {}`) to the namespace or mesh-wide, then ALLOW ' +
    'policies naming the callers each workload needs.',
  frameworks: { nsa: ['network/network-policies'], owasp: ['K07'] },
  subject: 'inventory',
  run: ({ inventory, options }) => {
    const root = rootNamespace(options);
    const has = (ns: string) => inventory.inNamespace(ns).some((o) => o.kind === 'AuthorizationPolicy' && isIstio(o, ISTIO_SECURITY));
    if (has(root)) return [];
    const out: { object: K8sObject; issue: Issue }[] = [];
    for (const inj of istioInjectedNamespaces(inventory)) {
      if (has(inj.namespace.name)) continue;
      out.push({ object: inj.namespace, issue: { path: inj.path, message: `namespace ${inj.namespace.name} (${inj.reason}) has no AuthorizationPolicy here or in ${root}: every caller is allowed`, evidence: { found: 'no AuthorizationPolicy', expected: 'a deny-by-default policy and narrow ALLOW policies' } } });
    }
    return out;
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio-injection: enabled
`,
    ],
    pass: [
      `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio-injection: enabled
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: deny-all
  namespace: shop
spec: {}
---
apiVersion: v1
kind: Namespace
metadata:
  name: tools
  labels:
    istio-injection: disabled
`,
    ],
  },
});
