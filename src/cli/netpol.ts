import type { Command } from 'commander';
import type { Ctx } from './io.js';
import { addOptions } from './options.js';
import { INPUT_OPTIONS } from './option-sets.js';

/** Paths default to the working directory, like the examples in the docs. */
const orCwd = (paths: string[]) => (paths.length ? paths : ['.']);

/** `kubeward netpol matrix | explain | generate`. */
export function registerNetpol(program: Command, ctx: Ctx, setCode: (c: number) => void): void {
  const netpol = program.command('netpol').description('NetworkPolicy reachability: matrix, explain one connection, generate policies from flows');
  addOptions(
    netpol
      .command('matrix')
      .description('every workload × workload (and external range) connection the policies allow, with its ports')
      .argument('[paths...]', 'what to read, as for scan (default: .)')
      .action(async (paths: string[], _o, cmd: Command) => setCode(await (await import('./netpol-matrix.js')).runNetpolMatrix(orCwd(paths), cmd, ctx))),
    [...INPUT_OPTIONS, 'namespace', 'matrixFormat'],
  ).addHelpText('after', '\nExamples:\n  kubeward netpol matrix k8s/\n  kubeward netpol matrix k8s/ -n payments -o json');
  addOptions(
    netpol
      .command('explain')
      .description('is SRC → DST on a port allowed, and which policies and rules decide, in both directions (exit 0 allowed, 1 denied)')
      .argument('<src>', 'namespace/name, namespace/name[Kind], a Service, or an IP address')
      .argument('<dst>', 'namespace/name, namespace/name[Kind], a Service, or an IP address')
      .argument('[paths...]', 'what to read, as for scan (default: .)')
      .action(async (src: string, dst: string, paths: string[], _o, cmd: Command) => setCode(await (await import('./netpol-explain.js')).runNetpolExplain(src, dst, orCwd(paths), cmd, ctx))),
    [...INPUT_OPTIONS, 'port', 'protocol', 'explainFormat'],
  ).addHelpText('after', '\nExamples:\n  kubeward netpol explain frontend/web payments/db --port 5432 k8s/\n  kubeward netpol explain shop/frontend 203.0.113.7 --port 443 k8s/ -o json');
  addOptions(
    netpol
      .command('generate')
      .description('least-privilege NetworkPolicies that allow exactly the observed flows (plus DNS to kube-dns)')
      .argument('[paths...]', 'the workloads, as for scan (default: .)')
      .action(async (paths: string[], _o, cmd: Command) => setCode(await (await import('./netpol-generate.js')).runNetpolGenerate(orCwd(paths), cmd, ctx))),
    [...INPUT_OPTIONS, 'flows'],
  ).addHelpText('after', '\nExamples:\n  kubeward netpol generate --flows flows.jsonl k8s/ > policies.yaml\n  hubble observe -o json > flows.json && kubeward netpol generate --flows flows.json k8s/');
}
