import type { Command } from 'commander';
import { runCan } from './rbac-can.js';
import { addInputOptions } from './rbac-inputs.js';
import { runPaths } from './rbac-paths.js';
import { runPermissions } from './rbac-permissions.js';
import { runWhoCan } from './rbac-who-can.js';

const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

/** `kubeward rbac who-can | can | permissions | paths`, over the same inputs as `scan`. */
export function registerRbac(program: Command, out: (s: string) => void, setCode: (c: number) => void): void {
  const rbac = program.command('rbac').description('RBAC analysis with the Kubernetes authorizer\'s semantics: who-can, can, permissions, escalation paths');

  addInputOptions(rbac.command('who-can')
    .description('every subject allowed VERB on RESOURCE (resource[.group][/subresource], or a /url), with the binding and rule that allow it')
    .argument('<verb>').argument('<resource>').argument('[paths...]', 'files, directories, Helm charts, Kustomize dirs, or - for stdin')
    .option('-n, --namespace <ns>', 'the request\'s namespace (default: cluster-wide, where only ClusterRoleBindings apply)')
    .option('-A, --all-namespaces', 'also subjects allowed in some namespace (by a RoleBinding)')
    .option('--name <name>', 'the object\'s name (rules with resourceNames)')
    .option('-o, --format <format>', 'table or json', 'table'))
    .addHelpText('after', '\nExamples:\n  kubeward rbac who-can get secrets -n prod k8s/\n  kubeward rbac who-can create pods/exec -A k8s/\n  kubeward rbac who-can get /metrics k8s/')
    .action(async (verb: string, resource: string, paths: string[], flags, cmd: Command) => out(await runWhoCan(verb, resource, paths, flags, cmd)));

  addInputOptions(rbac.command('can')
    .description('yes or no, and why: may SUBJECT do VERB on RESOURCE (exit 0 yes, 1 no, like kubectl auth can-i --as)')
    .argument('<subject>', 'system:serviceaccount:NS:NAME, sa:NS/NAME, group:NAME, user:NAME or a user name')
    .argument('<verb>').argument('<resource>').argument('[paths...]')
    .option('-n, --namespace <ns>', 'the request\'s namespace (default: cluster-wide)')
    .option('--name <name>', 'the object\'s name')
    .option('-g, --group <group>', 'a group the subject is in besides the implicit ones (repeatable, like --as-group)', collect)
    .option('-o, --format <format>', 'table or json', 'table'))
    .addHelpText('after', '\nExamples:\n  kubeward rbac can system:serviceaccount:ci:deployer create pods -n prod k8s/\n  kubeward rbac can alice -g devs get secrets -n prod --name db k8s/')
    .action(async (subject: string, verb: string, resource: string, paths: string[], flags, cmd: Command) => {
      const r = await runCan(subject, verb, resource, paths, flags, cmd);
      out(r.text);
      setCode(r.code);
    });

  addInputOptions(rbac.command('permissions')
    .description('the effective rules of a subject in every namespace, flattened and de-duplicated')
    .argument('<subject>').argument('[paths...]')
    .option('-g, --group <group>', 'a group the subject is in besides the implicit ones (repeatable)', collect)
    .option('-o, --format <format>', 'table or json', 'table'))
    .action(async (subject: string, paths: string[], flags, cmd: Command) => out(await runPermissions(subject, paths, flags, cmd)));

  addInputOptions(rbac.command('paths')
    .description('shortest escalation paths from every subject to cluster-admin-equivalent power, with the evidence for every hop')
    .argument('[paths...]')
    .option('--to <target>', 'cluster-admin, node (a node\'s host) or all-pods (every pod of every node)', 'cluster-admin')
    .option('--from <subject>', 'only paths from this subject')
    .option('--max-hops <n>', 'longest path searched', '8')
    .option('-o, --format <format>', 'text, json, dot or mermaid', 'text'))
    .addHelpText('after', '\nExamples:\n  kubeward rbac paths k8s/\n  kubeward rbac paths k8s/ --from sa:ci/deployer -o mermaid')
    .action(async (paths: string[], flags, cmd: Command) => out(await runPaths(paths, flags, cmd)));
}
