import { defineCheck, type Issue } from '../define.js';
import { forCis, requireBool, requireFlags } from '../shared/component-flags.js';
import { HARDENED_APISERVER, staticPod, withFlags } from '../shared/static-pod.js';

export default defineCheck({
  id: 'apiserver-service-account',
  title: 'API server does not check service account tokens against their accounts, or has no key to verify them',
  severity: 'medium',
  category: 'control-plane',
  description:
    'With `--service-account-lookup=false` a token stays valid after its ServiceAccount is deleted. `--service-account-key-file` names the public keys that verify tokens; without it the API server falls back to its TLS key, so tokens cannot be rotated apart from serving certificates.',
  remediation: 'Leave `--service-account-lookup` unset or true, and set `--service-account-key-file` to the public key matching the controller manager\'s `--service-account-private-key-file`.',
  frameworks: { cis: ['1.2.21', '1.2.22'], nsa: ['pod-security/service-account-tokens'], mitre: ['T1528'], owasp: ['K09'] },
  subject: 'component',
  component: 'kube-apiserver',
  run: (ctx): Issue[] => [
    ...forCis(['1.2.21'], requireBool(ctx, 'service-account-lookup', true, true, 'tokens of deleted service accounts are still accepted')),
    ...forCis(['1.2.22'], requireFlags(ctx, ['service-account-key-file'], 'service account tokens are verified with the serving key')),
  ],
  examples: {
    fail: [
      staticPod('kube-apiserver', [...HARDENED_APISERVER, '--service-account-lookup=false']),
      staticPod('kube-apiserver', withFlags(HARDENED_APISERVER, ['service-account-key-file'])),
    ],
    pass: [staticPod('kube-apiserver', HARDENED_APISERVER), staticPod('kube-apiserver', [...HARDENED_APISERVER, '--service-account-lookup=true'])],
  },
});
