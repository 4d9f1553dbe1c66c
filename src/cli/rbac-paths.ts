import type { Command } from 'commander';
import { ALL_PODS, CLUSTER_ADMIN, NODE, nodeLabel, type Edge } from '../engine/rbac.js';
import { escalationPaths, type EscalationPath } from '../engine/rbac.js';
import { parseServiceAccountUser } from '../engine/rbac.js';
import { grantJson, grantLine, where } from './rbac-evidence.js';
import { loadRbac } from './rbac-inputs.js';
import { UsageError, type Ctx } from './io.js';
import { optionValues } from './options.js';
import { jsonDocument } from '../report/json-document.js';

const TARGETS: Record<string, string> = { 'cluster-admin': CLUSTER_ADMIN, node: NODE, 'all-pods': ALL_PODS };

/** The graph node of a subject given as the other rbac commands take it. */
function fromNode(text: string): string {
  const m = /^(user|group|serviceaccount|sa):(.*)$/i.exec(text);
  const kind = m?.[1]!.toLowerCase();
  const rest = m?.[2] ?? text;
  if (kind === 'group') return `Group:${rest}`;
  if (kind === 'serviceaccount' || kind === 'sa') return `ServiceAccount:${rest}`;
  const sa = parseServiceAccountUser(rest);
  return sa ? `ServiceAccount:${sa.namespace}/${sa.name}` : `User:${rest}`;
}

function evidence(e: Edge): string {
  if (e.grant) return grantLine(e.grant);
  if (e.objects?.length) return e.objects.map((o) => `${o.kind} ${o.namespace ? o.namespace + '/' : ''}${o.name} (${where(o)})`).join(', ');
  return e.note ?? '';
}

function edgeJson(e: Edge): Record<string, unknown> {
  return {
    from: e.from, to: e.to, how: e.how,
    ...(e.grant ? { grant: grantJson(e.grant) } : {}),
    ...(e.note ? { note: e.note } : {}),
    ...(e.objects ? { objects: e.objects.map((o) => ({ kind: o.kind, namespace: o.namespace, name: o.name, file: where(o) })) } : {}),
  };
}

const quote = (s: string) => JSON.stringify(s);

function dot(paths: EscalationPath[]): string {
  const edges = new Map<string, Edge>();
  for (const p of paths) for (const e of p.hops) edges.set(`${e.from}\u0000${e.to}`, e);
  const nodes = new Set([...edges.values()].flatMap((e) => [e.from, e.to]));
  return ['digraph escalation {', '  rankdir=LR;', ...[...nodes].sort().map((n) => `  ${quote(n)} [label=${quote(nodeLabel(n))}${n === CLUSTER_ADMIN || n === NODE || n === ALL_PODS ? ', shape=doubleoctagon' : ''}];`),
    ...[...edges.values()].map((e) => `  ${quote(e.from)} -> ${quote(e.to)} [label=${quote(e.how)}];`), '}'].join('\n');
}

function mermaid(paths: EscalationPath[]): string {
  const ids = new Map<string, string>();
  const id = (n: string) => ids.get(n) ?? (ids.set(n, `n${ids.size}`), ids.get(n)!);
  const esc = (s: string) => s.replace(/"/g, '#quot;');
  const edges = new Map<string, Edge>();
  for (const p of paths) for (const e of p.hops) edges.set(`${e.from}\u0000${e.to}`, e);
  const lines = ['flowchart LR'];
  for (const e of edges.values()) lines.push(`  ${id(e.from)}["${esc(nodeLabel(e.from))}"] -->|"${esc(e.how)}"| ${id(e.to)}["${esc(nodeLabel(e.to))}"]`);
  return lines.join('\n');
}

/** `kubeward rbac paths PATH...`: shortest escalation paths to cluster-admin-equivalent power, evidence on every hop. */
export async function runPaths(paths: string[], cmd: Command, ctx: Ctx): Promise<string> {
  const { values: flags } = optionValues(cmd, ['to', 'from', 'maxHops', 'pathsFormat'], ctx.io.env);
  const target = TARGETS[flags.to]!;
  const maxHops = flags.maxHops;
  if (maxHops < 1) throw new UsageError('--max-hops must be a positive integer');
  const { model } = await loadRbac(paths, cmd, ctx);
  const result = escalationPaths(model, { target, maxHops });
  const only = flags.from ? fromNode(flags.from) : undefined;
  const pick = (ps: EscalationPath[]) => (only ? ps.filter((p) => p.from === only) : ps);
  const direct = pick(result.direct);
  const found = pick(result.paths);
  if (flags.pathsFormat === 'json') {
    return jsonDocument('RbacPaths', {
      target: flags.to, graph: result.graph,
      direct: direct.map((p) => ({ from: p.from, hops: p.hops.map(edgeJson) })),
      paths: found.map((p) => ({ from: p.from, length: p.hops.length, hops: p.hops.map(edgeJson) })),
    });
  }
  if (flags.pathsFormat === 'dot') return dot([...direct, ...found]);
  if (flags.pathsFormat === 'mermaid') return mermaid([...direct, ...found]);
  const out = [`Escalation to ${nodeLabel(target)}: ${direct.length} subject${direct.length === 1 ? ' holds' : 's hold'} it directly, ${found.length} more reach it (graph: ${result.graph.nodes} nodes, ${result.graph.edges} edges).`];
  if (direct.length) {
    out.push('', 'Held directly:');
    for (const p of direct) out.push(`  ${nodeLabel(p.from)}: ${p.hops[0]!.how}`, `      ${evidence(p.hops[0]!)}`);
  }
  for (const p of found) {
    out.push('', `${nodeLabel(p.from)} → ${nodeLabel(target)} in ${p.hops.length} hops:`);
    p.hops.forEach((e, i) => out.push(`  ${i + 1}. ${nodeLabel(e.from)} → ${nodeLabel(e.to)}: ${e.how}`, `      ${evidence(e)}`));
  }
  if (only && !direct.length && !found.length) out.push('', `No path from ${nodeLabel(only)} within ${maxHops} hops.`);
  return out.join('\n');
}
