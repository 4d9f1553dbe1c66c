import { defineCheck } from '../define.js';
import { fileControls, CONTROL_PLANE_FILES, modeIssues, nodeFile } from '../shared/node-files.js';

export default defineCheck({
  id: 'control-plane-file-permissions',
  title: 'Control-plane file is readable or writable by others',
  severity: 'high',
  category: 'node',
  description:
    'Static pod manifests, the administrative and component kubeconfigs and the PKI keys of a control-plane node grant control of the cluster: a user of the node who can read admin.conf or a CA key is cluster-admin, and one who can write a manifest runs anything as root on the control plane. CIS asks 600 (700 for the etcd data directory) or stricter.',
  remediation: 'chmod 600 the static pod manifests, admin.conf, super-admin.conf, scheduler.conf, controller-manager.conf and /etc/kubernetes/pki/*.crt and *.key; chmod 700 the etcd data directory.',
  frameworks: { cis: ['1.1.1', '1.1.3', '1.1.5', '1.1.7', '1.1.11', '1.1.13', '1.1.15', '1.1.17', '1.1.20', '1.1.21'], mitre: ['T1552.001'], owasp: ['K09'] },
  subject: 'object',
  kinds: ['NodeFile'],
  cisJudged: (object) => fileControls(object, CONTROL_PLANE_FILES, 'mode'),
  run: (ctx) => modeIssues(ctx, CONTROL_PLANE_FILES),
  examples: {
    fail: [
      { yaml: nodeFile('/etc/kubernetes/admin.conf', ['admin-kubeconfig'], '0644'), path: '/spec/mode' },
      nodeFile('/var/lib/etcd', ['etcd-data-dir'], '0755'),
      nodeFile('/etc/kubernetes/pki/ca.key', ['pki', 'pki-key'], '0640'),
    ],
    pass: [
      nodeFile('/etc/kubernetes/manifests/kube-apiserver.yaml', ['apiserver-manifest'], '0600'),
      nodeFile('/var/lib/etcd', ['etcd-data-dir'], '0700'),
      nodeFile('/etc/kubernetes/pki', ['pki'], '0755'),
    ],
  },
});
