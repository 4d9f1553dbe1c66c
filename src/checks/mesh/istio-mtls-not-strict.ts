import { asRecord, asString, isRecord } from '../../model/object.js';
import { pointerSegment } from '../../model/position.js';
import { defineCheck, type Issue } from '../define.js';
import { isIstio, ISTIO_SECURITY, rootNamespace } from '../shared/mesh.js';

const WEAK: Record<string, 'high' | 'medium'> = { DISABLE: 'high', PERMISSIVE: 'medium' };

export default defineCheck({
  id: 'istio-mtls-not-strict',
  title: 'Istio PeerAuthentication accepts plaintext',
  severity: 'medium',
  category: 'mesh',
  description:
    'A PeerAuthentication in `PERMISSIVE` mode accepts both mutual TLS and plaintext, and `DISABLE` turns the mTLS tunnel ' +
    'off: any pod (or anything that reaches the pod IP) can talk to the workloads it covers without a mesh identity, ' +
    'which also makes identity-based AuthorizationPolicies ineffective for that traffic. The scope is as Istio applies ' +
    'it: mesh-wide (root namespace, no selector), namespace-wide (no selector) or per workload (selector); ' +
    '`portLevelMtls` entries override the mode for one port and are checked too. `UNSET` inherits from the parent ' +
    'and is not itself a finding. A policy with a selector in the root namespace is ignored by Istio and is not judged.',
  remediation:
    'Set `spec.mtls.mode: STRICT` (and remove PERMISSIVE/DISABLE `portLevelMtls` entries) once every client is in the ' +
    'mesh; keep PERMISSIVE only as a short migration step, scoped to the workloads that still need it.',
  frameworks: { nsa: ['network/encryption'], owasp: ['K07'] },
  subject: 'object',
  kinds: ['PeerAuthentication'],
  run: ({ object, options }) => {
    if (!isIstio(object, ISTIO_SECURITY)) return [];
    const spec = asRecord(object.raw.spec) ?? {};
    const hasSelector = isRecord(spec.selector) && Object.keys(asRecord(spec.selector)!).length > 0;
    const root = rootNamespace(options);
    const ns = object.namespace ?? 'default';
    if (hasSelector && ns === root) return [];
    const scope = hasSelector ? 'the selected workloads' : ns === root ? 'the whole mesh' : `every workload in namespace ${ns}`;
    const out: Issue[] = [];
    const mode = asString(asRecord(spec.mtls)?.mode);
    if (mode && WEAK[mode]) {
      out.push({
        path: '/spec/mtls/mode',
        message: `PeerAuthentication mode ${mode} ${mode === 'DISABLE' ? 'turns mTLS off' : 'accepts plaintext'} for ${scope}`,
        evidence: { found: mode, expected: 'STRICT' },
        severity: WEAK[mode],
      });
    }
    const ports = asRecord(spec.portLevelMtls);
    if (ports && hasSelector) {
      for (const [port, cfg] of Object.entries(ports)) {
        const pm = asString(asRecord(cfg)?.mode);
        if (!pm || !WEAK[pm]) continue;
        out.push({
          path: `/spec/portLevelMtls/${pointerSegment(port)}/mode`,
          message: `port ${port} is ${pm} (${pm === 'DISABLE' ? 'plaintext only' : 'plaintext accepted'}) for ${scope}, overriding ${mode ?? 'the inherited mode'}`,
          evidence: { found: pm, expected: 'STRICT or no port-level override' },
          severity: WEAK[pm],
        });
      }
    }
    return out;
  },
  examples: {
    fail: [
      `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: istio-system
spec:
  mtls:
    mode: PERMISSIVE
`,
      `apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
metadata:
  name: finance
  namespace: foo
spec:
  selector:
    matchLabels: {app: finance}
  mtls:
    mode: STRICT
  portLevelMtls:
    8080:
      mode: DISABLE
`,
    ],
    pass: [
      `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: istio-system
spec:
  mtls:
    mode: STRICT
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: finance
  namespace: foo
spec:
  selector:
    matchLabels: {app: finance}
  mtls:
    mode: UNSET
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: ignored-by-istio
  namespace: istio-system
spec:
  selector:
    matchLabels: {app: x}
  mtls:
    mode: DISABLE
`,
    ],
  },
});
