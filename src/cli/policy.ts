import type { Command } from 'commander';
import type { Ctx } from './io.js';
import { addOptions } from './options.js';
import { EXPORT_VAP_OPTIONS } from './option-sets.js';

/** `kubeward policy test` (custom rules and ValidatingAdmissionPolicies, offline) and `kubeward policy export-vap`. */
export function registerPolicy(program: Command, ctx: Ctx, setCode: (c: number) => void): void {
  const policy = program.command('policy').description('policy as code: test custom CEL rules and ValidatingAdmissionPolicies offline; export built-in checks as ValidatingAdmissionPolicies');
  addOptions(
    policy
      .command('test')
      .description('evaluate the custom rules and ValidatingAdmissionPolicies of POLICIES on the resources of RESOURCES, against kubeward-test.yaml expectations (exit 1 on a mismatch or a policy that does not compile)')
      .argument('<policies>', 'a directory or file of rules (kind: Rule) and ValidatingAdmissionPolicies with bindings and params')
      .argument('<resources>', 'a directory or file of the resources to test')
      .action(async (policies: string, resources: string, _o, cmd: Command) => setCode(await (await import('./policy-test.js')).runPolicyTest(policies, resources, cmd, ctx))),
    ['expectations', 'policyTestFormat'],
  ).addHelpText('after', '\nExamples:\n  kubeward policy test policies/ resources/\n  kubeward policy test policies/ resources/ --expectations kubeward-test.yaml -o json');
  addOptions(
    policy
      .command('export-vap')
      .description('every built-in check that CEL can express as a ValidatingAdmissionPolicy and its binding (YAML on stdout)')
      .action(async (_o, cmd: Command) => setCode(await (await import('./policy-export-vap.js')).runExportVap(cmd, ctx))),
    EXPORT_VAP_OPTIONS,
  ).addHelpText('after', '\nExamples:\n  kubeward policy export-vap > vap.yaml && kubectl apply -f vap.yaml\n  kubeward policy export-vap --checks privileged-container,host-path-volume --action Warn\n  kubeward policy export-vap --namespace-selector "team in (web,payments)"\n  kubeward policy export-vap --list');
}
