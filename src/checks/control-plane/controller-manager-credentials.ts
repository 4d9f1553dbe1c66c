import { defineCheck } from '../define.js';
import { forCis, requireBool, requireFlags } from '../shared/component-flags.js';
import { HARDENED_CONTROLLER_MANAGER, staticPod, withFlags } from '../shared/static-pod.js';

export default defineCheck({
  id: 'controller-manager-credentials',
  title: 'Controller manager shares one identity, or cannot sign or root service account tokens',
  severity: 'medium',
  category: 'control-plane',
  description:
    'Without `--use-service-account-credentials=true` every controller acts with the controller manager\'s own, very broad identity instead of a per-controller service account with only its role. `--service-account-private-key-file` signs service account tokens and `--root-ca-file` puts the cluster CA in each token volume so pods can verify the API server.',
  remediation: 'Set `--use-service-account-credentials=true`, `--service-account-private-key-file` and `--root-ca-file` on kube-controller-manager.',
  frameworks: { cis: ['1.3.3', '1.3.4', '1.3.5'], nsa: ['authn-authz/rbac'], mitre: ['T1078'], owasp: ['K03', 'K09'] },
  subject: 'component',
  component: 'kube-controller-manager',
  run: (ctx) => [
    ...forCis(['1.3.3'], requireBool(ctx, 'use-service-account-credentials', true, false, 'all controllers share the controller manager\'s identity')),
    ...forCis(['1.3.4'], requireFlags(ctx, ['service-account-private-key-file'], 'no key signs service account tokens')),
    ...forCis(['1.3.5'], requireFlags(ctx, ['root-ca-file'], 'pods get no CA to verify the API server')),
  ],
  examples: {
    fail: [
      staticPod('kube-controller-manager', withFlags(HARDENED_CONTROLLER_MANAGER, ['use-service-account-credentials'])),
      { yaml: staticPod('kube-controller-manager', withFlags(HARDENED_CONTROLLER_MANAGER, ['service-account-private-key-file', 'root-ca-file'])), findings: 2 },
    ],
    pass: [staticPod('kube-controller-manager', HARDENED_CONTROLLER_MANAGER)],
  },
});
