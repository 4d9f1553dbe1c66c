import { defineCheck } from '../define.js';
import { HARDENED_CONTROLLER_MANAGER, staticPod } from '../shared/static-pod.js';

export default defineCheck({
  id: 'controller-manager-kubelet-cert-rotation',
  title: 'Controller manager disables kubelet serving certificate rotation',
  severity: 'low',
  category: 'control-plane',
  description: '`--feature-gates=RotateKubeletServerCertificate=false` stops the controller manager from approving kubelets\' renewed serving certificates, so kubelets keep self-signed or expiring ones.',
  remediation: 'Remove `RotateKubeletServerCertificate=false` from `--feature-gates` of kube-controller-manager (the gate is on by default).',
  frameworks: { cis: ['1.3.6'], nsa: ['network/encryption'], owasp: ['K09'] },
  subject: 'component',
  component: 'kube-controller-manager',
  run: (ctx) => {
    const gate = ctx.component.flags.featureGate('RotateKubeletServerCertificate');
    return gate && !gate.value
      ? [ctx.at(ctx.component.argPath(gate.index), 'RotateKubeletServerCertificate is disabled', { found: 'RotateKubeletServerCertificate=false', expected: 'true or unset' })]
      : [];
  },
  examples: {
    fail: [staticPod('kube-controller-manager', [...HARDENED_CONTROLLER_MANAGER.filter((f) => !f.startsWith('--feature-gates')), '--feature-gates=SomeGate=true,RotateKubeletServerCertificate=false'])],
    pass: [staticPod('kube-controller-manager', HARDENED_CONTROLLER_MANAGER)],
  },
});
