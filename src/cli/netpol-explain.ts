import type { Command } from 'commander';
import { explainConnection, type DirectionVerdict } from '../engine/netpol.js';
import { resolveEnd, resolvePort } from '../engine/netpol.js';
import { renderNetpolExplainJson } from '../report/netpol-explain-json.js';
import { loadCluster } from './netpol-inputs.js';
import { UsageError, type Ctx } from './io.js';
import { optionValues } from './options.js';

function directionText(label: string, who: string, v: DirectionVerdict): string {
  const lines = [`  ${label.padEnd(7)} ${v.allowed ? 'allowed' : 'DENIED '}  ${who}: ${v.reason}`];
  if (v.policies.length) lines.push(`          policies: ${v.policies.join(', ')}`);
  for (const r of v.rules) lines.push(`          rule: ${r.policy} ${r.rule}${r.name ? ` "${r.name}"` : ''}${r.action ? ` (${r.action})` : ''}`);
  for (const n of v.unmodelled ?? []) lines.push(`          not modelled: ${n}`);
  return lines.join('\n');
}

/** `kubeward netpol explain SRC DST --port P PATH...`: the verdict and the deciding policies and rules, per direction. */
export async function runNetpolExplain(src: string, dst: string, paths: string[], cmd: Command, ctx: Ctx): Promise<number> {
  const { values: opts } = optionValues(cmd, ['port', 'protocol', 'explainFormat'], ctx.io.env);
  if (!opts.port) throw new UsageError('--port is required (a number, a named port, or PORT/PROTOCOL)');
  const { inventory, cluster } = await loadCluster(paths, cmd, ctx);
  const s = resolveEnd(cluster, inventory, src);
  if ('error' in s) throw new UsageError(`source: ${s.error}`);
  const d = resolveEnd(cluster, inventory, dst);
  if ('error' in d) throw new UsageError(`destination: ${d.error}`);
  if (s.peer.kind === 'ip' && d.peer.kind === 'ip') throw new UsageError('at least one end must be a workload');
  const port = resolvePort(d, opts.port, opts.protocol);
  if ('error' in port) throw new UsageError(port.error);
  const v = explainConnection(cluster, s.peer, d.peer, port.protocol, port.port);
  if (opts.explainFormat === 'json') {
    ctx.io.stdout.write(renderNetpolExplainJson(v, s.name, d.name) + '\n');
  } else {
    ctx.io.stdout.write(`${s.name} -> ${d.name} ${v.protocol}/${v.port}: ${v.allowed ? 'ALLOWED' : 'DENIED'}\n` +
      `${directionText('egress', s.name, v.egress)}\n${directionText('ingress', d.name, v.ingress)}\n`);
  }
  // As `rbac can` and `kubectl auth can-i`: exit 0 allowed, 1 denied.
  return v.allowed ? 0 : 1;
}
