import type { Command } from 'commander';
import type { Ctx } from './io.js';
import { addOptions } from './options.js';
import { AUDIT_SCAN_OPTIONS, AUDIT_SERVE_OPTIONS } from './option-sets.js';

/** `kubeward audit scan | serve | policy`: threat detection over the API server's audit events. */
export function registerAudit(program: Command, ctx: Ctx, setCode: (c: number) => void): void {
  const audit = program.command('audit').description('threat detection over Kubernetes audit events: scan audit logs, receive them as the API server\'s audit webhook, print the audit policy the rules need');

  addOptions(audit.command('scan')
    .description('run the audit rules over audit log files (JSON lines of audit.k8s.io/v1 Events; .gz and rotated files; directories read oldest first)')
    .argument('<paths...>', 'audit log files or directories'), AUDIT_SCAN_OPTIONS)
    .addHelpText('after', '\nExamples:\n  kubeward audit scan /var/log/kubernetes/audit.log\n  kubeward audit scan audit.log.1.gz audit.log -o json --fail-on high\n  kubeward audit scan /var/log/kubernetes/ --allowed-source-cidrs 10.0.0.0/8 -o sarif --output audit.sarif')
    .action(async (paths: string[], _f, cmd: Command) => setCode(await (await import('./audit-scan.js')).runAuditScan(paths, cmd, ctx)));

  addOptions(audit.command('serve')
    .description('the API server\'s audit webhook backend: HTTPS, authenticates the sender, stores every event durably before acknowledging, raises alerts'), AUDIT_SERVE_OPTIONS)
    .addHelpText('after', '\nExamples:\n  kubeward audit serve --listen 0.0.0.0:8443 --tls-cert tls.crt --tls-key tls.key --client-ca apiserver-ca.crt --store /var/lib/kubeward/audit\n  kubeward audit serve --tls-cert tls.crt --tls-key tls.key --token-file token --alerts-stdout')
    .action(async (_f, cmd: Command) => setCode(await (await import('./audit-serve.js')).runAuditServe(cmd, ctx)));

  audit.command('policy')
    .description('print an audit policy (audit.k8s.io/v1 Policy, for kube-apiserver --audit-policy-file) that records what the audit rules need')
    .addHelpText('after', '\nExamples:\n  kubeward audit policy > /etc/kubernetes/audit-policy.yaml')
    .action(async () => ctx.out((await import('../engine/audit-policy.js')).auditPolicyYaml()));
}
