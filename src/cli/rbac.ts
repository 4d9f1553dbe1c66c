import type { Command } from 'commander';
import type { Ctx } from './io.js';
import { addOptions } from './options.js';
import { INPUT_OPTIONS } from './option-sets.js';

/** `kubeward rbac who-can | can | permissions | paths`, over the same inputs as `scan`. */
export function registerRbac(program: Command, ctx: Ctx, setCode: (c: number) => void): void {
  const rbac = program.command('rbac').description('RBAC analysis with the Kubernetes authorizer\'s semantics: who-can, can, permissions, escalation paths');

  addOptions(rbac.command('who-can')
    .description('every subject allowed VERB on RESOURCE (resource[.group][/subresource], or a /url), with the binding and rule that allow it')
    .argument('<verb>').argument('<resource>').argument('[paths...]', 'files, directories, Helm charts, Kustomize dirs, or - for stdin'),
  [...INPUT_OPTIONS, 'namespace', 'allNamespaces', 'name', 'textFormat'])
    .addHelpText('after', '\nExamples:\n  kubeward rbac who-can get secrets -n prod k8s/\n  kubeward rbac who-can create pods/exec -A k8s/\n  kubeward rbac who-can get /metrics k8s/')
    .action(async (verb: string, resource: string, paths: string[], _f, cmd: Command) => ctx.out(await (await import('./rbac-who-can.js')).runWhoCan(verb, resource, paths, cmd, ctx)));

  addOptions(rbac.command('can')
    .description('yes or no, and why: may SUBJECT do VERB on RESOURCE (exit 0 yes, 1 no, like kubectl auth can-i --as)')
    .argument('<subject>', 'system:serviceaccount:NS:NAME, sa:NS/NAME, group:NAME, user:NAME or a user name')
    .argument('<verb>').argument('<resource>').argument('[paths...]'),
  [...INPUT_OPTIONS, 'namespace', 'name', 'group', 'textFormat'])
    .addHelpText('after', '\nExamples:\n  kubeward rbac can system:serviceaccount:ci:deployer create pods -n prod k8s/\n  kubeward rbac can alice -g devs get secrets -n prod --name db k8s/')
    .action(async (subject: string, verb: string, resource: string, paths: string[], _f, cmd: Command) => {
      const r = await (await import('./rbac-can.js')).runCan(subject, verb, resource, paths, cmd, ctx);
      ctx.out(r.text);
      setCode(r.code);
    });

  addOptions(rbac.command('permissions')
    .description('the effective rules of a subject in every namespace, flattened and de-duplicated')
    .argument('<subject>').argument('[paths...]'),
  [...INPUT_OPTIONS, 'group', 'textFormat'])
    .action(async (subject: string, paths: string[], _f, cmd: Command) => ctx.out(await (await import('./rbac-permissions.js')).runPermissions(subject, paths, cmd, ctx)));

  addOptions(rbac.command('paths')
    .description('shortest escalation paths from every subject to cluster-admin-equivalent power, with the evidence for every hop')
    .argument('[paths...]'),
  [...INPUT_OPTIONS, 'to', 'from', 'maxHops', 'pathsFormat'])
    .addHelpText('after', '\nExamples:\n  kubeward rbac paths k8s/\n  kubeward rbac paths k8s/ --from sa:ci/deployer -o mermaid')
    .action(async (paths: string[], _f, cmd: Command) => ctx.out(await (await import('./rbac-paths.js')).runPaths(paths, cmd, ctx)));
}
