import { asArray, asRecord, asString } from '../../model/object.js';
import { defineCheck, type Issue } from '../define.js';
import { isIstio, ISTIO_NETWORKING } from '../shared/mesh.js';

/**
 * Whether a DestinationRule host is a service inside the cluster (where Istio would use mTLS):
 * a short name, `name.namespace`, `*.svc...` or `*.cluster.local`. External hosts (ServiceEntry
 * FQDNs such as www.googleapis.com) are not mesh traffic: DISABLE there only means no TLS origination.
 */
export function isMeshHost(host: string): boolean {
  const h = host.toLowerCase();
  if (h === '*' || !h.includes('.')) return true;
  if (/(^|\.)svc(\.|$)|\.cluster\.local$|\.local$/.test(h)) return true;
  const labels = h.split('.');
  return labels.length === 2 && !/^(com|net|org|io|dev|app|cloud|co|ai|gov|edu|info|biz|me|us|uk|de|fr|eu|internal)$/.test(labels[1]!);
}

function policyIssues(policy: unknown, base: string, host: string, where: string): Issue[] {
  const p = asRecord(policy);
  if (!p) return [];
  const out: Issue[] = [];
  if (asString(asRecord(p.tls)?.mode) === 'DISABLE') {
    out.push({ path: `${base}/tls/mode`, message: `traffic to ${host}${where} is sent without mTLS (tls.mode DISABLE)`, evidence: { found: 'DISABLE', expected: 'ISTIO_MUTUAL or unset (auto mTLS)' } });
  }
  asArray(p.portLevelSettings).forEach((s, i) => {
    const r = asRecord(s);
    if (asString(asRecord(r?.tls)?.mode) !== 'DISABLE') return;
    const port = asRecord(r?.port)?.number;
    out.push({ path: `${base}/portLevelSettings/${i}/tls/mode`, message: `traffic to ${host}${where} on port ${port ?? '?'} is sent without mTLS (tls.mode DISABLE)`, evidence: { found: 'DISABLE', expected: 'ISTIO_MUTUAL or unset (auto mTLS)' } });
  });
  return out;
}

export default defineCheck({
  id: 'istio-destination-rule-tls-disabled',
  title: 'Istio DestinationRule disables mTLS to an in-mesh service',
  severity: 'high',
  category: 'mesh',
  description:
    'A DestinationRule with `trafficPolicy.tls.mode: DISABLE` makes client sidecars send plaintext to the host, ' +
    'overriding auto mTLS. Against a PERMISSIVE server the traffic crosses the network unencrypted and without a peer ' +
    'identity (so principal-based AuthorizationPolicies cannot match it); against a STRICT server it breaks. ' +
    'Port-level settings and subsets are checked as well. Hosts outside the cluster (ServiceEntry FQDNs) are not ' +
    'judged: there DISABLE only means no TLS origination.',
  remediation:
    'Remove the `tls` block (auto mTLS) or set `tls.mode: ISTIO_MUTUAL` for in-mesh hosts; if a destination really has ' +
    'no sidecar, bring it into the mesh rather than downgrading every client.',
  frameworks: { nsa: ['network/encryption'], owasp: ['K07'] },
  subject: 'object',
  kinds: ['DestinationRule'],
  run: ({ object }) => {
    if (!isIstio(object, ISTIO_NETWORKING)) return [];
    const spec = asRecord(object.raw.spec) ?? {};
    const host = asString(spec.host) ?? '';
    if (!isMeshHost(host)) return [];
    const out = policyIssues(spec.trafficPolicy, '/spec/trafficPolicy', host, '');
    asArray(spec.subsets).forEach((s, i) => {
      const sub = asRecord(s);
      out.push(...policyIssues(sub?.trafficPolicy, `/spec/subsets/${i}/trafficPolicy`, host, ` (subset ${asString(sub?.name) ?? i})`));
    });
    return out;
  },
  examples: {
    fail: [
      `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: payments
  namespace: shop
spec:
  host: payments.shop.svc.cluster.local
  trafficPolicy:
    tls:
      mode: DISABLE
`,
      `apiVersion: networking.istio.io/v1beta1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  subsets:
    - name: v1
      labels: {version: v1}
      trafficPolicy:
        portLevelSettings:
          - port: {number: 9080}
            tls:
              mode: DISABLE
`,
    ],
    pass: [
      `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: googleapis
spec:
  host: www.googleapis.com
  trafficPolicy:
    tls:
      mode: DISABLE
`,
    ],
  },
});
