import { defineCheck } from '../define.js';
import { flagIssue } from '../shared/component-flags.js';
import { HARDENED_APISERVER, staticPod } from '../shared/static-pod.js';

export default defineCheck({
  id: 'apiserver-token-auth-file',
  title: 'API server authenticates users with a static token file',
  severity: 'medium',
  category: 'control-plane',
  description:
    'Tokens of `--token-auth-file` are kept in clear text on the control-plane node, never expire, and can only be changed by restarting the API server.',
  remediation: 'Remove `--token-auth-file` and authenticate users with client certificates from short-lived CSRs, OIDC, or a webhook.',
  frameworks: { cis: ['1.2.2'], nsa: ['authn-authz/authentication'], mitre: ['T1078'] },
  subject: 'component',
  component: 'kube-apiserver',
  run: (ctx) => (ctx.component.flags.has('token-auth-file')
    ? [flagIssue(ctx, 'token-auth-file', 'static tokens authenticate users: clear text on disk, no expiry', { found: ctx.component.flags.last('token-auth-file')!.value, expected: 'not set' })]
    : []),
  examples: {
    fail: [{ yaml: staticPod('kube-apiserver', [...HARDENED_APISERVER, '--token-auth-file=/etc/kubernetes/tokens.csv']), path: '/spec/containers/0/command/26' }],
    pass: [staticPod('kube-apiserver', HARDENED_APISERVER)],
  },
});
