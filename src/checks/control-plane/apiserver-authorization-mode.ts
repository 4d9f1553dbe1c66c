import { defineCheck, type Issue } from '../define.js';
import { flagIssue } from '../shared/component-flags.js';
import { HARDENED_APISERVER, staticPod, withFlags } from '../shared/static-pod.js';

export default defineCheck({
  id: 'apiserver-authorization-mode',
  title: 'API server authorizes everything, or without the Node or RBAC authorizer',
  severity: 'high',
  category: 'control-plane',
  description:
    '`--authorization-mode` decides who may do what. `AlwaysAllow` (also the default when the flag is not given) lets every authenticated request do anything. Without `Node`, kubelets are not limited to their own node\'s objects; without `RBAC`, Roles and bindings mean nothing.',
  remediation: 'Set `--authorization-mode=Node,RBAC` (Webhook may be added), or an `--authorization-config` file with the Node and RBAC authorizers.',
  frameworks: { cis: ['1.2.6', '1.2.7', '1.2.8'], nsa: ['authn-authz/rbac'], mitre: ['T1078'], owasp: ['K03'] },
  subject: 'component',
  component: 'kube-apiserver',
  run: (ctx) => {
    const flags = ctx.component.flags;
    // A structured authorization configuration file replaces the flag; its authorizers are not read here.
    if (flags.has('authorization-config')) return [];
    const modes = flags.list('authorization-mode').map((m) => m.item);
    const found = modes.length ? modes.join(',') : 'not set (default AlwaysAllow)';
    const out: Issue[] = [];
    const always = flags.list('authorization-mode').find((m) => m.item === 'AlwaysAllow');
    if (modes.length === 0 || always) {
      return [{ ...flagIssue(ctx, 'authorization-mode', `authorization mode is ${found}: every authenticated request is allowed`, { found, expected: '--authorization-mode=Node,RBAC' }), severity: 'critical', cis: modes.length ? ['1.2.6'] : ['1.2.6', '1.2.7', '1.2.8'] }];
    }
    if (!modes.includes('Node')) out.push({ ...flagIssue(ctx, 'authorization-mode', 'authorization modes lack Node: a kubelet can read and change objects of other nodes', { found, expected: 'includes Node' }), cis: ['1.2.7'] });
    if (!modes.includes('RBAC')) out.push({ ...flagIssue(ctx, 'authorization-mode', 'authorization modes lack RBAC: Roles and bindings are not enforced', { found, expected: 'includes RBAC' }), cis: ['1.2.8'] });
    return out;
  },
  examples: {
    fail: [
      { yaml: staticPod('kube-apiserver', withFlags(HARDENED_APISERVER, ['authorization-mode'], ['--authorization-mode=AlwaysAllow'])), path: '/spec/containers/0/command/25' },
      staticPod('kube-apiserver', withFlags(HARDENED_APISERVER, ['authorization-mode'])),
      staticPod('kube-apiserver', withFlags(HARDENED_APISERVER, ['authorization-mode'], ['--authorization-mode=RBAC'])),
      { yaml: staticPod('kube-apiserver', withFlags(HARDENED_APISERVER, ['authorization-mode'], ['--authorization-mode=Webhook'])), findings: 2 },
    ],
    pass: [
      staticPod('kube-apiserver', HARDENED_APISERVER),
      staticPod('kube-apiserver', withFlags(HARDENED_APISERVER, ['authorization-mode'], ['--authorization-mode', 'Node', '--authorization-mode=RBAC,Webhook'])),
    ],
  },
});
