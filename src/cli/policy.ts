import type { Command } from 'commander';
import type { Ctx } from './io.js';
import { addOptions } from './options.js';

/** `kubeward policy test` (custom rules and ValidatingAdmissionPolicies, offline). */
export function registerPolicy(program: Command, ctx: Ctx, setCode: (c: number) => void): void {
  const policy = program.command('policy').description('policy as code: test custom CEL rules and ValidatingAdmissionPolicies offline');
  addOptions(
    policy
      .command('test')
      .description('evaluate the custom rules and ValidatingAdmissionPolicies of POLICIES on the resources of RESOURCES, against kubeward-test.yaml expectations (exit 1 on a mismatch or a policy that does not compile)')
      .argument('<policies>', 'a directory or file of rules (kind: Rule) and ValidatingAdmissionPolicies with bindings and params')
      .argument('<resources>', 'a directory or file of the resources to test')
      .action(async (policies: string, resources: string, _o, cmd: Command) => setCode(await (await import('./policy-test.js')).runPolicyTest(policies, resources, cmd, ctx))),
    ['expectations', 'policyTestFormat'],
  ).addHelpText('after', '\nExamples:\n  kubeward policy test policies/ resources/\n  kubeward policy test policies/ resources/ --expectations kubeward-test.yaml -o json');
}
