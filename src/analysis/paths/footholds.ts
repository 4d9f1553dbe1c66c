/**
 * What code execution in a workload gives, as chains of hops that end at a crown jewel: a container escape to
 * the node (by the checks' findings) and what the node's root holds; the mounted service account token and what
 * its RBAC powers reach (the escalation graph: cluster-admin, a node, secrets); Secrets mounted into it; being a
 * data store. Each chain ends at the most valuable jewel it reaches.
 */
import type { JewelKind, PathHop } from '../../model/attack-path.js';
import type { Inventory } from '../../model/inventory.js';
import { locate, objectRef } from '../../model/object.js';
import type { Workload } from '../netpol/cluster.js';
import { datastoreOf } from '../netpol/datastores.js';
import { secretsHeld } from '../netpol/secrets-held.js';
import { CLUSTER_ADMIN, NODE, nodeLabel, type Edge } from '../rbac/escalation-graph.js';
import type { RbacModel } from '../rbac/model.js';
import { POWERS, rulePower } from '../rbac/powers.js';
import { grantVia } from '../rbac/token-powers.js';
import { serviceAccountIdentity } from '../rbac/subjects.js';
import { workloadServiceAccount } from '../rbac/workload-sa.js';
import { at, fromFindings, withFindings, type FindingIndex } from './evidence.js';
import { workloadNode } from './entries.js';
import type { RbacReach } from './rbac-reach.js';
import type { Weights, WeightName } from './weights.js';

export interface Chain {
  hops: PathHop[];
  jewel: JewelKind;
  reaches: JewelKind[];
  /** Secrets of the workload's own namespace only (the lower impact). */
  namespaceOnly?: boolean;
}

/** Checks whose findings are a container escape to the node, in order of preference. */
export const ESCAPE_CHECKS = ['privileged-container', 'runtime-socket-mounted', 'windows-host-process', 'sensitive-host-path', 'dangerous-capabilities', 'host-pid'] as const;
const TOKEN_CHECKS = new Set(['automount-service-account-token', 'default-service-account', 'rbac-workload-power']);

export const SECRETS = 'secrets';
export const secretsOf = (ns: string) => `secrets:${ns}`;
export const dataNode = (w: Workload) => `data:${w.id}`;

export interface FootholdContext {
  inventory: Inventory;
  rbac: RbacModel;
  reach: RbacReach;
  findings: FindingIndex;
  weights: Weights;
  /** Per service account node: what its token leads to (null: nothing), filled as workloads are visited. */
  saTails: Map<string, Chain | null>;
}

/** An RBAC escalation edge as a hop: its grant (binding → role) or fact as evidence, the binding as the fix. */
function rbacHop(e: Edge, w: Weights, findings: FindingIndex): PathHop {
  // Only a grant is a step the attacker takes; membership facts (a service account of the namespace, a group) cost nothing.
  const hop: PathHop = { from: e.from, to: e.to, how: e.how, factor: e.grant ? w['rbac-hop'] : 1, evidence: { fact: e.note ?? e.how } };
  if (e.grant) {
    const b = e.grant.binding.object;
    const ruleAt = e.grant.ref.source;
    hop.evidence = withFindings(
      { fact: grantVia(e.grant), object: objectRef(b), path: '/subjects', location: locate(b, '/subjects') },
      [...findings.on(b, (id) => id.startsWith('rbac-')), ...findings.on(ruleAt, (id) => id.startsWith('rbac-'))],
    );
    const bname = `${e.grant.binding.kind} ${e.grant.binding.namespace ? `${e.grant.binding.namespace}/` : ''}${e.grant.binding.name}`;
    hop.fix = { id: `binding:${bname}`, text: `remove ${e.grant.subject.kind} ${e.grant.subject.namespace ? `${e.grant.subject.namespace}/` : ''}${e.grant.subject.name} from ${bname}, or narrow ${e.grant.role.kind} ${e.grant.role.name}` };
  } else if (e.objects?.length) {
    const o = e.objects[0]!;
    hop.evidence = withFindings({ fact: e.note ?? e.how, object: objectRef(o), path: '', location: locate(o, '') }, findings.on(o, (id) => id.startsWith('rbac-')));
    if (o.kind === 'ClusterRoleBinding' || o.kind === 'RoleBinding') {
      const bname = `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
      hop.fix = { id: `binding:${bname}`, text: `remove ${nodeLabel(e.from)} from ${bname}` };
    }
  }
  return hop;
}

/** Root on a node: onward to cluster-admin through RBAC when a node leads there (a DaemonSet's token), else every Secret on the node. */
const nodeTails = new WeakMap<FootholdContext, { hops: PathHop[]; jewel: JewelKind }>();
function fromNode(ctx: FootholdContext): { hops: PathHop[]; jewel: JewelKind } {
  let tail = nodeTails.get(ctx);
  if (!tail) nodeTails.set(ctx, (tail = nodeTail(ctx)));
  return tail;
}

function nodeTail(ctx: FootholdContext): { hops: PathHop[]; jewel: JewelKind } {
  const w = ctx.weights;
  const route = ctx.reach.route(NODE, CLUSTER_ADMIN);
  if (route) return { hops: route.map((e) => rbacHop(e, w, ctx.findings)), jewel: 'cluster-admin' };
  return {
    hops: [{
      from: NODE, to: SECRETS, how: 'root on the node reads the Secrets and service account tokens of every pod scheduled there, and the kubelet\'s credentials',
      factor: w['node-secrets'], evidence: { fact: 'the kubelet keeps every mounted Secret and projected token of its pods on the node\'s filesystem' },
    }],
    jewel: 'secrets',
  };
}

/** Every chain from code execution in the workload to a jewel. */
export function footholdsOf(ctx: FootholdContext, wl: Workload): Chain[] {
  const { findings, weights: w } = ctx;
  const me = workloadNode(wl);
  const chains: Chain[] = [];
  let node: { hops: PathHop[]; jewel: JewelKind } | undefined;

  // 1. Container escapes: one hop for all of them (each alone is a way out, so the fix must remove every one).
  const escapes = ESCAPE_CHECKS.map((check) => ({ check, found: findings.on(wl.object, (id) => id === check, wl.pod.path) })).filter((e) => e.found.length);
  if (escapes.length) {
    node ??= fromNode(ctx);
    const factor = Math.max(...escapes.map((e) => w[`escape.${e.check}` as WeightName]));
    const first = escapes[0]!;
    const evidence = fromFindings(first.check, first.found);
    evidence.findings = escapes.flatMap((e) => e.found.map((f) => f.fingerprint));
    const all = escapes.map((e) => e.check).join(', ');
    chains.push({
      hops: [
        {
          from: me, to: NODE, how: `escape the container to the node (${escapes.map((e) => `${e.check}: ${e.found[0]!.message}`).join('; ')})`, factor, evidence,
          fix: { id: `escape:${wl.id}`, text: `${wl.id}: ${escapes.length === 1 ? firstSentence(first.found[0]!.remediation) + ` (${all})` : `fix every way to the node (${all}): ${escapes.map((e) => firstSentence(e.found[0]!.remediation)).join(' ')}`}` },
        },
        ...node.hops,
      ],
      jewel: node.jewel,
      reaches: node.jewel === 'node' ? ['node'] : ['node', node.jewel],
    });
  }

  // 2. The service account token, and what its RBAC powers reach.
  const sa = workloadServiceAccount(ctx.inventory, wl.pod);
  if (sa.tokenMounted) {
    const saNode = `ServiceAccount:${sa.namespace}/${sa.name}`;
    const tokenFix = { id: `token:${wl.id}`, text: `set automountServiceAccountToken: false on ${wl.id} (or give ${sa.namespace}/${sa.name} no powers it does not need)` };
    const tokenHop: PathHop = {
      from: me, to: saNode, how: `read the mounted token of service account ${sa.namespace}/${sa.name}`, factor: w.token,
      evidence: withFindings(at(wl.object, sa.path, { fact: 'the service account token is mounted (automountServiceAccountToken is not false)' }), findings.on(wl.object, (id) => TOKEN_CHECKS.has(id), wl.pod.path)),
      fix: tokenFix,
    };
    let tail = ctx.saTails.get(saNode);
    if (tail === undefined) ctx.saTails.set(saNode, (tail = saTail(ctx, saNode, sa.namespace, sa.name)));
    if (tail) chains.push({ ...tail, hops: [tokenHop, ...tail.hops] });
  }

  // 3. Secrets mounted into the workload (their values are in its filesystem or environment).
  const held = secretsHeld(wl.pod).filter((s) => s.secret !== '?');
  if (held.length) {
    const names = [...new Set(held.map((s) => s.secret))];
    chains.push({
      hops: [{
        from: me, to: secretsOf(wl.namespace), how: `read the Secret${names.length === 1 ? '' : 's'} mounted into it: ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', ...' : ''}`,
        factor: 1, evidence: at(wl.object, held[0]!.path, { fact: `mounts Secret ${names[0]}` }),
      }],
      jewel: 'secrets', reaches: ['secrets'], namespaceOnly: true,
    });
  }

  // 4. A data store: being in the workload is being at the data.
  const ds = datastoreOf(wl.pod);
  if (ds) {
    chains.push({
      hops: [{ from: me, to: dataNode(wl), how: `it is a data store (${ds.kind}, port ${ds.port}): its data is the prize`, factor: 1, evidence: withFindings(at(wl.object, ds.path, { fact: `${ds.kind} on port ${ds.port}` }), findings.on(wl.object, (id) => id === 'database-reachable-from-all-namespaces', wl.pod.path)) }],
      jewel: 'data', reaches: ['data'],
    });
  }
  return chains;
}

/** What a service account's token leads to (the same for every workload that mounts it): computed once per account. */
function saTail(ctx: FootholdContext, saNode: string, namespace: string, name: string): Chain | null {
  const { findings, weights: w } = ctx;
  const toAdmin = ctx.reach.route(saNode, CLUSTER_ADMIN);
  if (toAdmin) return { hops: toAdmin.map((e) => rbacHop(e, w, findings)), jewel: 'cluster-admin', reaches: reachesOf(toAdmin, 'cluster-admin') };
  const grants = ctx.rbac.grantsFor(serviceAccountIdentity(namespace, name), '*');
  const secretGrant = (scope: 'cluster' | 'namespace') => grants.find((g) => (scope === 'cluster' ? g.namespace === undefined : g.namespace !== undefined) && rulePower(g.ref.rule, POWERS.readSecrets) && !rulePower(g.ref.rule, POWERS.readSecrets)!.onlyNames);
  const all = secretGrant('cluster');
  if (all) return { hops: [grantHop(saNode, SECRETS, 'read the Secrets of every namespace', all, w, findings)], jewel: 'secrets', reaches: ['secrets'] };
  const toNode = ctx.reach.route(saNode, NODE);
  if (toNode) {
    const node = fromNode(ctx);
    return { hops: [...toNode.map((e) => rbacHop(e, w, findings)), ...node.hops], jewel: node.jewel, reaches: ['node', node.jewel] };
  }
  const own = secretGrant('namespace');
  if (own) return { hops: [grantHop(saNode, secretsOf(own.namespace!), `read the Secrets of namespace ${own.namespace}`, own, w, findings)], jewel: 'secrets', reaches: ['secrets'], namespaceOnly: true };
  return null;
}

function grantHop(from: string, to: string, how: string, g: NonNullable<ReturnType<RbacModel['grantsFor']>[number]>, w: Weights, findings: FindingIndex): PathHop {
  const hop = rbacHop({ from, to, how, grant: g }, w, findings);
  hop.factor = 1;
  return hop;
}

function reachesOf(route: Edge[], jewel: JewelKind): JewelKind[] {
  return route.some((e) => e.to === NODE) ? ['node', jewel] : [jewel];
}

/** The first sentence of a remediation: what the fix list shows. */
function firstSentence(text: string): string {
  const m = /^(.+?\.)(\s|$)/.exec(text);
  return m ? m[1]! : text;
}
