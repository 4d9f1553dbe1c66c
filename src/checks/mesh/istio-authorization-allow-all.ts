import { asArray, asRecord, asString, isRecord } from '../../model/object.js';
import { defineCheck, type Issue } from '../define.js';
import { isIstio, ISTIO_SECURITY, rootNamespace } from '../shared/mesh.js';

/** A rule with no `from`, `to` or `when` (or only empty lists) matches every request. */
function matchesAll(rule: unknown): boolean {
  if (!isRecord(rule)) return false;
  return ['from', 'to', 'when'].every((k) => rule[k] === undefined || rule[k] === null || (Array.isArray(rule[k]) && (rule[k] as unknown[]).length === 0));
}

export default defineCheck({
  id: 'istio-authorization-allow-all',
  title: 'Istio AuthorizationPolicy allows every request',
  severity: 'high',
  category: 'mesh',
  description:
    'Istio evaluates CUSTOM, then DENY, then ALLOW policies: a request is allowed when any ALLOW policy that selects ' +
    'the workload matches it. An ALLOW policy with an empty rule (`rules: [{}]`: no from, to or when) matches every ' +
    'request from anyone, so it cancels every other ALLOW policy on the same workloads. (An ALLOW policy with no rules ' +
    'at all, `spec: {}`, is the opposite: it matches nothing and denies everything not allowed elsewhere; it is not a ' +
    'finding.) DENY, AUDIT and CUSTOM policies are not judged. The scope is named: mesh-wide in the root namespace, the ' +
    'namespace, or the selected workloads.',
  remediation:
    'Replace the empty rule with `from` sources (principals, namespaces) and `to` operations that name who may call ' +
    'what; start from a deny-all `spec: {}` policy and add narrow ALLOW policies.',
  frameworks: { nsa: ['network/network-policies'], owasp: ['K07'] },
  subject: 'object',
  kinds: ['AuthorizationPolicy'],
  run: ({ object, options }) => {
    if (!isIstio(object, ISTIO_SECURITY)) return [];
    const spec = asRecord(object.raw.spec) ?? {};
    const action = asString(spec.action) ?? 'ALLOW';
    if (action !== 'ALLOW') return [];
    const ns = object.namespace ?? 'default';
    const selected = isRecord(spec.selector) || isRecord(spec.targetRef) || Array.isArray(spec.targetRefs);
    const scope = selected ? 'the selected workloads' : ns === rootNamespace(options) ? 'every workload in the mesh' : `every workload in namespace ${ns}`;
    const open = asArray(spec.rules).flatMap((rule, i) => (matchesAll(rule) ? [i] : []));
    if (open.length === 0) return [];
    const which = open.length === 1 ? `rule ${open[0]} has` : `rules ${open.join(', ')} have`;
    // The rules list, not the item: an empty map has no line of its own to point at.
    const issue: Issue = { path: '/spec/rules', message: `ALLOW ${which} no from, to or when: every request to ${scope} is allowed`, evidence: { found: '{}', expected: 'a rule with from/to/when conditions' } };
    return [issue];
  },
  examples: {
    fail: [
      `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-all
  namespace: shop
spec:
  action: ALLOW
  rules:
    - {}
`,
    ],
    pass: [
      `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: deny-all
  namespace: shop
spec: {}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: payments
  namespace: shop
spec:
  selector:
    matchLabels: {app: payments}
  rules:
    - from:
        - source:
            principals: [cluster.local/ns/shop/sa/checkout]
      to:
        - operation:
            methods: [POST]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: block-everything
  namespace: shop
spec:
  action: DENY
  rules:
    - {}
`,
    ],
  },
});
