import { defineCheck, type Issue } from '../define.js';
import { forCis } from '../shared/component-flags.js';
import { asBool, HARDENED_KUBELET, judgeSetting, kubeletConfig, kubeletProcess } from '../shared/kubelet-setting.js';

export default defineCheck({
  id: 'kubelet-certificate-rotation',
  title: 'Kubelet certificates are not rotated',
  severity: 'medium',
  category: 'node',
  description:
    'Without `rotateCertificates: true` (off unless set) the kubelet keeps its client certificate until it expires, and then the node drops out or someone re-issues a long-lived one by hand. `RotateKubeletServerCertificate=false` stops the rotation of its serving certificate.',
  remediation: 'Set `rotateCertificates: true` (and `serverTLSBootstrap: true` for serving certificates) in the kubelet configuration; remove `RotateKubeletServerCertificate: false` from its featureGates.',
  frameworks: { cis: ['4.2.10', '4.2.11'], nsa: ['network/encryption'], owasp: ['K09'] },
  subject: 'component',
  component: 'kubelet',
  run: (ctx): Issue[] => {
    const out = forCis(['4.2.10'], judgeSetting(ctx, { flag: 'rotate-certificates', field: ['rotateCertificates'], defaults: { config: false, flags: false } },
      (v) => asBool(v) !== true, 'the client certificate is not renewed before it expires', 'true'));
    const gate = ctx.component.flags.featureGate('RotateKubeletServerCertificate');
    if (gate && !gate.value) out.push({ ...ctx.at(ctx.component.argPath(gate.index), 'RotateKubeletServerCertificate is disabled', { found: false, expected: 'true or unset' }), cis: ['4.2.11'] });
    else if (!gate) {
      out.push(...forCis(['4.2.11'], judgeSetting(ctx, { field: ['featureGates', 'RotateKubeletServerCertificate'], defaults: { config: true, flags: true } },
        (v) => asBool(v) === false, 'the serving certificate is not rotated', 'true or unset')));
    }
    return out;
  },
  examples: {
    fail: [
      kubeletConfig('rotateCertificates: false\n'),
      kubeletConfig('authorization:\n  mode: Webhook\n'),
      kubeletConfig('rotateCertificates: true\nfeatureGates:\n  RotateKubeletServerCertificate: false\n'),
      { yaml: kubeletProcess(['--rotate-certificates', '--feature-gates=RotateKubeletServerCertificate=false']), path: '/spec/args/2' },
    ],
    pass: [kubeletConfig(HARDENED_KUBELET), kubeletProcess(['--rotate-certificates=true'])],
  },
});
