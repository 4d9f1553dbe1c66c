import type { Inventory } from '../../model/inventory.js';
import { asRecord, asString, isRecord, type K8sObject } from '../../model/object.js';
import { defineCheck, type Issue } from '../define.js';
import { isIstio, ISTIO_SECURITY, istioInjectedNamespaces, rootNamespace } from '../shared/mesh.js';

/** A PeerAuthentication without a selector (namespace-wide, or mesh-wide in the root namespace) and its mode. */
function namespaceWide(inventory: Inventory, ns: string): { policy: K8sObject; mode: string } | undefined {
  for (const o of inventory.inNamespace(ns)) {
    if (o.kind !== 'PeerAuthentication' || !isIstio(o, ISTIO_SECURITY)) continue;
    const spec = asRecord(o.raw.spec) ?? {};
    if (isRecord(spec.selector) && Object.keys(spec.selector).length > 0) continue;
    return { policy: o, mode: asString(asRecord(spec.mtls)?.mode) ?? 'UNSET' };
  }
  return undefined;
}

export default defineCheck({
  id: 'istio-namespace-mtls-not-strict',
  title: 'Injected namespace without STRICT mTLS',
  severity: 'medium',
  category: 'mesh',
  description:
    'Istio\'s default, with no PeerAuthentication, is PERMISSIVE: sidecars accept plaintext. For every Namespace with ' +
    'sidecar injection on (`istio-injection=enabled` or `istio.io/rev`) that has no namespace-wide PeerAuthentication ' +
    'of its own, the mode is resolved as Istio does: a namespace-wide policy in UNSET mode inherits the mesh-wide ' +
    'policy (root namespace, no selector), and with neither the mode is PERMISSIVE. A namespace that ends up not ' +
    'STRICT is a finding on the Namespace. (Explicit PERMISSIVE/DISABLE policies are reported by istio-mtls-not-strict.) ' +
    'A mesh-wide policy kept outside the scanned files cannot be seen: scan it together with the namespaces.',
  remediation:
    'Add a mesh-wide `PeerAuthentication` named `default` in the root namespace with `mtls.mode: STRICT`, or a ' +
    'namespace-wide one in this namespace.',
  frameworks: { nsa: ['network/encryption'], owasp: ['K07'] },
  subject: 'inventory',
  run: ({ inventory, options }) => {
    const root = rootNamespace(options);
    const mesh = namespaceWide(inventory, root);
    const out: { object: K8sObject; issue: Issue }[] = [];
    for (const inj of istioInjectedNamespaces(inventory)) {
      const own = inj.namespace.name === root ? undefined : namespaceWide(inventory, inj.namespace.name);
      // An explicit weak mode on the namespace's own policy is istio-mtls-not-strict's finding.
      if (own && own.mode !== 'UNSET') continue;
      const effective = mesh && mesh.mode !== 'UNSET' ? mesh.mode : 'PERMISSIVE';
      if (effective === 'STRICT') continue;
      const why = mesh && mesh.mode !== 'UNSET'
        ? `inherits ${effective} from the mesh-wide PeerAuthentication ${root}/${mesh.policy.name}`
        : `has no STRICT PeerAuthentication: Istio's default is PERMISSIVE`;
      out.push({ object: inj.namespace, issue: { path: inj.path, message: `namespace ${inj.namespace.name} (${inj.reason}) ${why}`, evidence: { found: effective, expected: 'STRICT' } } });
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
kind: PeerAuthentication
metadata:
  name: default
  namespace: istio-system
spec:
  mtls:
    mode: STRICT
---
apiVersion: v1
kind: Namespace
metadata:
  name: billing
  labels:
    istio.io/rev: stable
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: billing
spec:
  mtls:
    mode: UNSET
`,
    ],
  },
});
