import { defineCheck } from '../define.js';
import { fileControls, KUBELET_FILES, nodeFile, ownerIssues } from '../shared/node-files.js';

export default defineCheck({
  id: 'kubelet-file-ownership',
  title: 'Kubelet file is not owned by root',
  severity: 'medium',
  category: 'node',
  description: 'The owner of the kubelet\'s service file, kubeconfig, configuration file or client CA can rewrite them whatever their mode. CIS asks root:root.',
  remediation: 'chown root:root the kubelet service file, /etc/kubernetes/kubelet.conf, the kubelet config.yaml, the client CA file and the kube-proxy kubeconfig.',
  frameworks: { cis: ['4.1.2', '4.1.4', '4.1.6', '4.1.8', '4.1.10'], mitre: ['T1552.001'], owasp: ['K09'] },
  subject: 'object',
  kinds: ['NodeFile'],
  cisJudged: (object) => fileControls(object, KUBELET_FILES, 'owner'),
  run: (ctx) => ownerIssues(ctx, KUBELET_FILES),
  examples: {
    fail: [{ yaml: nodeFile('/etc/systemd/system/kubelet.service.d/10-kubeadm.conf', ['kubelet-service'], '0600', 0, 1000), path: '/spec/gid' }],
    pass: [nodeFile('/etc/kubernetes/kubelet.conf', ['kubelet-kubeconfig'], '0600')],
  },
});
