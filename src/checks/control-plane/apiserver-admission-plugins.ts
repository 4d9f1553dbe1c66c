import { defineCheck, type Issue } from '../define.js';
import { flagIssue } from '../shared/component-flags.js';
import { HARDENED_APISERVER, staticPod, withFlags } from '../shared/static-pod.js';

export default defineCheck({
  id: 'apiserver-admission-plugins',
  title: 'API server admission: NodeRestriction off, AlwaysAdmit on, or a default plugin disabled',
  severity: 'high',
  category: 'control-plane',
  description:
    'Admission plugins guard what the authorizer lets through. `NodeRestriction` (not on by default) limits a kubelet to its own Node and the pods bound to it, so one compromised node cannot relabel other nodes or steer pods; `AlwaysAdmit` admits everything; `ServiceAccount` and `NamespaceLifecycle` (on by default) must not be disabled.',
  remediation: 'Add NodeRestriction to `--enable-admission-plugins`, remove AlwaysAdmit from it, and remove ServiceAccount and NamespaceLifecycle from `--disable-admission-plugins`.',
  frameworks: { cis: ['1.2.10', '1.2.12', '1.2.13', '1.2.14'], nsa: ['authn-authz/rbac'], mitre: ['T1611'] },
  subject: 'component',
  component: 'kube-apiserver',
  run: (ctx) => {
    const flags = ctx.component.flags;
    const enabled = flags.list('enable-admission-plugins');
    const disabled = flags.list('disable-admission-plugins');
    const out: Issue[] = [];
    const ev = (found: string, expected: string) => ({ found, expected });
    if (!enabled.some((p) => p.item === 'NodeRestriction')) {
      out.push({ ...flagIssue(ctx, 'enable-admission-plugins', 'NodeRestriction is not enabled: a kubelet may change other nodes and their pods', ev(enabled.map((p) => p.item).join(',') || 'not set', 'includes NodeRestriction')), cis: ['1.2.14'] });
    }
    const always = enabled.find((p) => p.item === 'AlwaysAdmit');
    if (always) out.push({ ...ctx.at(ctx.component.argPath(always.index), 'AlwaysAdmit is enabled: every request is admitted', ev('AlwaysAdmit', 'not enabled')), severity: 'critical', cis: ['1.2.10'] });
    for (const name of ['ServiceAccount', 'NamespaceLifecycle']) {
      const off = disabled.find((p) => p.item === name);
      if (off) out.push({ ...ctx.at(ctx.component.argPath(off.index), `${name} is disabled`, ev(name, 'not in --disable-admission-plugins')), cis: [name === 'ServiceAccount' ? '1.2.12' : '1.2.13'] });
    }
    return out;
  },
  examples: {
    fail: [
      { yaml: staticPod('kube-apiserver', withFlags(HARDENED_APISERVER, ['enable-admission-plugins'])), path: '/spec/containers/0/command' },
      { yaml: staticPod('kube-apiserver', withFlags(HARDENED_APISERVER, ['enable-admission-plugins'], ['--enable-admission-plugins=NodeRestriction,AlwaysAdmit', '--disable-admission-plugins=ServiceAccount'])), findings: 2 },
    ],
    pass: [
      staticPod('kube-apiserver', HARDENED_APISERVER),
      staticPod('kube-apiserver', withFlags(HARDENED_APISERVER, ['enable-admission-plugins'], ['--enable-admission-plugins', 'PodSecurity', '--enable-admission-plugins=NodeRestriction,EventRateLimit'])),
    ],
  },
});
