import { isEmptySelector } from '../../analysis/netpol/default-deny.js';
import { readNetworkPolicy, type PolicyProblem } from '../../analysis/netpol/policies.js';
import { defineCheck, type Issue } from '../define.js';

export default defineCheck({
  id: 'network-policy-allows-all',
  title: 'NetworkPolicy rule allows every peer',
  severity: 'medium',
  category: 'network',
  description:
    'A rule with no `from`/`to` (or an empty list), a peer `namespaceSelector: {}` without a pod selector (every pod of ' +
    'every namespace), or an `ipBlock` of 0.0.0.0/0 or ::/0 without exceptions opens the selected pods to everyone, ' +
    'which undoes the isolation the policy creates. A rule limited to some ports is reported as low, one open on every port as medium.',
  remediation: 'Name the peers that need access: a podSelector and namespaceSelector for workloads, a narrow ipBlock for external addresses.',
  frameworks: { nsa: ['network/network-policies'], owasp: ['K07'] },
  subject: 'object',
  kinds: ['NetworkPolicy'],
  run: ({ object }) => {
    const problems: PolicyProblem[] = [];
    const p = readNetworkPolicy(object, problems);
    const out: Issue[] = [];
    for (const dir of ['ingress', 'egress'] as const) {
      const what = dir === 'ingress' ? 'from' : 'to';
      for (const rule of p[dir] ?? []) {
        const severity = rule.ports === 'all' ? 'medium' : 'low';
        const on = rule.ports === 'all' ? 'on every port' : 'on its ports';
        if (rule.peers === 'all') {
          out.push({ path: rule.path, message: `${dir} rule ${rule.index} allows traffic ${what} every pod and address ${on}`, severity });
          continue;
        }
        for (const peer of rule.peers) {
          if (peer.kind === 'pods' && peer.namespaceSelector && isEmptySelector(peer.namespaceSelector) && (!peer.podSelector || isEmptySelector(peer.podSelector)))
            out.push({ path: `${peer.path}/namespaceSelector`, message: `${dir} rule ${rule.index} allows traffic ${what} every pod of every namespace ${on}`, severity });
          else if (peer.kind === 'ipBlock' && peer.cidr.lo === 0n && peer.except.length === 0 && (peer.cidr.family === 4 ? peer.cidr.hi === 0xffffffffn : peer.cidr.hi === (1n << 128n) - 1n))
            out.push({ path: `${peer.path}/ipBlock/cidr`, message: `${dir} rule ${rule.index} allows traffic ${what} every address (${peer.text}) ${on}`, severity, evidence: { found: peer.text } });
        }
      }
    }
    return out;
  },
  examples: {
    fail: [
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: open, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
    - from:
        - namespaceSelector: {}
`,
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: egress-anywhere, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
`,
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
    - ports: [{port: 443}]
`,
    ],
    pass: [
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress, Egress]
  ingress:
    - from: [{namespaceSelector: {matchLabels: {team: web}}, podSelector: {}}]
  egress:
    - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]
      ports: [{port: 443}]
`,
    ],
  },
});
