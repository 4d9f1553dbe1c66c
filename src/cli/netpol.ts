import type { Command } from 'commander';
import { MATRIX_FORMATS } from '../report/netpol-matrix.js';
import { addInputOptions } from './netpol-inputs.js';
import { runNetpolExplain } from './netpol-explain.js';
import { runNetpolGenerate } from './netpol-generate.js';
import { runNetpolMatrix } from './netpol-matrix.js';

/** Paths default to the working directory, like the examples in the docs. */
const orCwd = (paths: string[]) => (paths.length ? paths : ['.']);

/** `kubeward netpol matrix | explain | generate`. */
export function registerNetpol(program: Command, setCode: (c: number) => void): void {
  const netpol = program.command('netpol').description('NetworkPolicy reachability: matrix, explain one connection, generate policies from flows');
  addInputOptions(
    netpol
      .command('matrix')
      .description('every workload × workload (and external range) connection the policies allow, with its ports')
      .argument('[paths...]', 'what to read, as for scan (default: .)')
      .option('-n, --namespace <ns>', 'only connections with at least one end in this namespace')
      .option('-o, --format <format>', MATRIX_FORMATS.join('|'), 'table')
      .action(async (paths: string[], _o, cmd: Command) => setCode(await runNetpolMatrix(orCwd(paths), cmd))),
  ).addHelpText('after', '\nExamples:\n  kubeward netpol matrix k8s/\n  kubeward netpol matrix k8s/ -n payments -o json');
  addInputOptions(
    netpol
      .command('explain')
      .description('is SRC → DST on a port allowed, and which policies and rules decide, in both directions')
      .argument('<src>', 'namespace/name, namespace/name[Kind], a Service, or an IP address')
      .argument('<dst>', 'namespace/name, namespace/name[Kind], a Service, or an IP address')
      .argument('[paths...]', 'what to read, as for scan (default: .)')
      .option('--port <port>', 'destination port: number, named port, or PORT/PROTOCOL')
      .option('--protocol <protocol>', 'TCP, UDP or SCTP (default TCP)')
      .option('-o, --format <format>', 'text|json', 'text')
      .action(async (src: string, dst: string, paths: string[], _o, cmd: Command) => setCode(await runNetpolExplain(src, dst, orCwd(paths), cmd))),
  ).addHelpText('after', '\nExamples:\n  kubeward netpol explain frontend/web payments/db --port 5432 k8s/\n  kubeward netpol explain shop/frontend 203.0.113.7 --port 443 k8s/ -o json');
  addInputOptions(
    netpol
      .command('generate')
      .description('least-privilege NetworkPolicies that allow exactly the observed flows (plus DNS to kube-dns)')
      .argument('[paths...]', 'the workloads, as for scan (default: .)')
      .option('--flows <file>', 'observed flows: JSON lines ({"src","dst","port","protocol"}) or a Hubble JSON export')
      .action(async (paths: string[], _o, cmd: Command) => setCode(await runNetpolGenerate(orCwd(paths), cmd))),
  ).addHelpText('after', '\nExamples:\n  kubeward netpol generate --flows flows.jsonl k8s/ > policies.yaml\n  hubble observe -o json > flows.json && kubeward netpol generate --flows flows.json k8s/');
}
