import { defineCheck } from '../define.js';
import { fileControls, CONTROL_PLANE_FILES, nodeFile, ownerIssues } from '../shared/node-files.js';

export default defineCheck({
  id: 'control-plane-file-ownership',
  title: 'Control-plane file is not owned by root (or etcd for its data)',
  severity: 'medium',
  category: 'node',
  description:
    'The owner of a static pod manifest, kubeconfig or PKI file can change its mode and content whatever the mode is now. CIS asks root:root for all of them, and etcd:etcd for the etcd data directory.',
  remediation: 'chown root:root the static pod manifests, kubeconfigs and everything under /etc/kubernetes/pki; chown etcd:etcd the etcd data directory.',
  frameworks: { cis: ['1.1.2', '1.1.4', '1.1.6', '1.1.8', '1.1.12', '1.1.14', '1.1.16', '1.1.18', '1.1.19'], mitre: ['T1552.001'], owasp: ['K09'] },
  subject: 'object',
  kinds: ['NodeFile'],
  cisJudged: (object) => fileControls(object, CONTROL_PLANE_FILES, 'owner'),
  run: (ctx) => ownerIssues(ctx, CONTROL_PLANE_FILES),
  examples: {
    fail: [
      { yaml: nodeFile('/etc/kubernetes/manifests/etcd.yaml', ['etcd-manifest'], '0600', 1000, 1000), path: '/spec/uid' },
      nodeFile('/var/lib/etcd', ['etcd-data-dir'], '0700', 0, 0, { user: 'root', group: 'root' }),
    ],
    pass: [
      nodeFile('/etc/kubernetes/pki/ca.crt', ['pki', 'pki-cert'], '0600'),
      nodeFile('/var/lib/etcd', ['etcd-data-dir'], '0700', 998, 998, { user: 'etcd', group: 'etcd' }),
    ],
  },
});
