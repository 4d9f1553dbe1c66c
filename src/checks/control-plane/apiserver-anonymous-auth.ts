import { defineCheck } from '../define.js';
import { requireBool } from '../shared/component-flags.js';
import { HARDENED_APISERVER, staticPod, withFlags } from '../shared/static-pod.js';

export default defineCheck({
  id: 'apiserver-anonymous-auth',
  title: 'API server accepts anonymous requests',
  severity: 'medium',
  category: 'control-plane',
  description:
    'Unless `--anonymous-auth=false`, kube-apiserver treats a request without credentials as `system:anonymous` in the `system:unauthenticated` group. Every RBAC grant to those names (or a careless ClusterRoleBinding) is then open to anyone who can reach the API port.',
  remediation: 'Set `--anonymous-auth=false` on kube-apiserver (health probes can use an authenticated client, or the structured authentication configuration can allow anonymous access for /livez, /readyz and /healthz only).',
  frameworks: { cis: ['1.2.1'], nsa: ['authn-authz/authentication'], mitre: ['T1190'], owasp: ['K06', 'K09'] },
  subject: 'component',
  component: 'kube-apiserver',
  run: (ctx) => requireBool(ctx, 'anonymous-auth', false, true, 'requests without credentials are served as system:anonymous'),
  examples: {
    fail: [
      { yaml: staticPod('kube-apiserver', withFlags(HARDENED_APISERVER, ['anonymous-auth'])), path: '/spec/containers/0/command' },
      staticPod('kube-apiserver', withFlags(HARDENED_APISERVER, ['anonymous-auth'], ['--anonymous-auth', 'true'])),
    ],
    pass: [staticPod('kube-apiserver', HARDENED_APISERVER)],
  },
});
