import { defineCheck } from '../define.js';
import { fileControls, KUBELET_FILES, modeIssues, nodeFile } from '../shared/node-files.js';

export default defineCheck({
  id: 'kubelet-file-permissions',
  title: 'Kubelet file is readable or writable by others',
  severity: 'medium',
  category: 'node',
  description:
    'The kubelet\'s service file, kubeconfig (its credentials), configuration file and client CA decide who the node is and whom it trusts. A user of the node who can write them can turn the kubelet\'s authentication off or trust another CA; one who can read the kubeconfig acts as the node. CIS asks 600 or stricter.',
  remediation: 'chmod 600 the kubelet service file, /etc/kubernetes/kubelet.conf, the kubelet config.yaml, the client CA file and the kube-proxy kubeconfig.',
  frameworks: { cis: ['4.1.1', '4.1.3', '4.1.5', '4.1.7', '4.1.9'], mitre: ['T1552.001'], owasp: ['K09'] },
  subject: 'object',
  kinds: ['NodeFile'],
  cisJudged: (object) => fileControls(object, KUBELET_FILES, 'mode'),
  run: (ctx) => modeIssues(ctx, KUBELET_FILES),
  examples: {
    fail: [
      { yaml: nodeFile('/var/lib/kubelet/config.yaml', ['kubelet-config'], '0644'), path: '/spec/mode' },
      nodeFile('/etc/kubernetes/kubelet.conf', ['kubelet-kubeconfig'], '0666'),
    ],
    pass: [nodeFile('/var/lib/kubelet/config.yaml', ['kubelet-config'], '0600'), nodeFile('/etc/kubernetes/pki/ca.crt', ['kubelet-ca'], '0400')],
  },
});
