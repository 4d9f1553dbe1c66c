import type { Command } from 'commander';
import type { Ctx } from './io.js';
import { addOptions } from './options.js';
import { EXPORT_VAP_OPTIONS } from './option-sets.js';

/** `kubeward policy export-vap`. */
export function registerPolicy(program: Command, ctx: Ctx, setCode: (c: number) => void): void {
  const policy = program.command('policy').description('policy as code: built-in checks as Kubernetes ValidatingAdmissionPolicies');
  addOptions(
    policy
      .command('export-vap')
      .description('every built-in check that CEL can express as a ValidatingAdmissionPolicy and its binding (YAML on stdout)')
      .action(async (_o, cmd: Command) => setCode(await (await import('./policy-export-vap.js')).runExportVap(cmd, ctx))),
    EXPORT_VAP_OPTIONS,
  ).addHelpText('after', '\nExamples:\n  kubeward policy export-vap > vap.yaml && kubectl apply -f vap.yaml\n  kubeward policy export-vap --checks privileged-container,host-path-volume --action Warn\n  kubeward policy export-vap --namespace-selector "team in (web,payments)"\n  kubeward policy export-vap --list');
}
