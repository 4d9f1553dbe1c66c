/** AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1) read into a typed model. */
import { apiGroup } from '../../model/kinds.js';
import type { LabelSelector } from '../../model/inventory.js';
import { asArray, asRecord, type K8sObject } from '../../model/object.js';
import { parseCidr, type IpRange } from './ip.js';
import { isProtocol, type Protocol } from './ports.js';
import { readSelector, type PolicyProblem } from './policies.js';

export type AdminAction = 'Allow' | 'Deny' | 'Pass';

/** Subjects and pod peers: pods matching podSelector in namespaces matching namespaceSelector. */
export interface PodsSelection {
  namespaceSelector: LabelSelector;
  /** Undefined for a `namespaces` selection: every pod of the namespaces. */
  podSelector?: LabelSelector;
}

export type AdminPeer =
  | ({ kind: 'pods' } & PodsSelection)
  | { kind: 'networks'; ranges: IpRange[] }
  /** nodes peers and anything unreadable: no pod and no external address in this model. */
  | { kind: 'none' };

export type AdminPort = { protocol: Protocol; lo: number; hi: number } | { named: string };

export interface AdminRule {
  name: string;
  index: number;
  path: string;
  action: AdminAction;
  peers: AdminPeer[];
  ports: AdminPort[] | 'all';
}

export interface AdminPolicy {
  object: K8sObject;
  name: string;
  /** Lower is evaluated first; BaselineAdminNetworkPolicy has none (it comes after NetworkPolicies). */
  priority: number;
  baseline: boolean;
  subject: PodsSelection | undefined;
  ingress: AdminRule[];
  egress: AdminRule[];
}

export function isAdminPolicy(o: K8sObject): boolean {
  return apiGroup(o.apiVersion) === 'policy.networking.k8s.io' && (o.kind === 'AdminNetworkPolicy' || o.kind === 'BaselineAdminNetworkPolicy');
}

const EVERYTHING: LabelSelector = {};

function readPods(v: unknown, path: string, problems: string[]): PodsSelection | undefined {
  const r = asRecord(v);
  if (!r) return undefined;
  return { namespaceSelector: readSelector(r.namespaceSelector, `${path}/namespaceSelector`, problems) ?? EVERYTHING, podSelector: readSelector(r.podSelector, `${path}/podSelector`, problems) ?? EVERYTHING };
}

function readPeer(v: unknown, path: string, problems: string[]): AdminPeer {
  const r = asRecord(v) ?? {};
  if (r.namespaces !== undefined) {
    const ns = readSelector(r.namespaces, `${path}/namespaces`, problems);
    return { kind: 'pods', namespaceSelector: ns ?? EVERYTHING };
  }
  if (r.pods !== undefined) {
    const pods = readPods(r.pods, `${path}/pods`, problems);
    if (pods) return { kind: 'pods', ...pods };
  }
  if (r.networks !== undefined) {
    const ranges: IpRange[] = [];
    asArray(r.networks).forEach((c, i) => {
      const x = typeof c === 'string' ? parseCidr(c) : undefined;
      if (x) ranges.push(x);
      else problems.push(`${path}/networks/${i}: not a CIDR`);
    });
    return { kind: 'networks', ranges };
  }
  if (r.nodes === undefined) problems.push(`${path}: a peer needs namespaces, pods, nodes or networks`);
  return { kind: 'none' };
}

function readPorts(v: unknown, path: string, problems: string[]): AdminPort[] | 'all' {
  if (v === undefined || v === null) return 'all';
  const out: AdminPort[] = [];
  asArray(v).forEach((p, i) => {
    const r = asRecord(p) ?? {};
    const num = asRecord(r.portNumber);
    const range = asRecord(r.portRange);
    const proto = (x: unknown) => (x === undefined ? 'TCP' : x);
    if (num && isProtocol(proto(num.protocol)) && typeof num.port === 'number') out.push({ protocol: proto(num.protocol) as Protocol, lo: num.port, hi: num.port });
    else if (range && isProtocol(proto(range.protocol)) && typeof range.start === 'number' && typeof range.end === 'number' && range.start <= range.end)
      out.push({ protocol: proto(range.protocol) as Protocol, lo: range.start, hi: range.end });
    else if (typeof r.namedPort === 'string') out.push({ named: r.namedPort });
    else problems.push(`${path}/${i}: needs portNumber, portRange or namedPort (the entry matches nothing)`);
  });
  return out;
}

function readRules(v: unknown, dir: 'ingress' | 'egress', baseline: boolean, problems: string[]): AdminRule[] {
  const peersKey = dir === 'ingress' ? 'from' : 'to';
  return asArray(v).map((x, index) => {
    const path = `/spec/${dir}/${index}`;
    const r = asRecord(x) ?? {};
    let action = r.action as AdminAction;
    let peers = asArray(r[peersKey]).map((p, i) => readPeer(p, `${path}/${peersKey}/${i}`, problems));
    if (action !== 'Allow' && action !== 'Deny' && !(action === 'Pass' && !baseline)) {
      problems.push(`${path}/action: "${String(r.action)}" is not ${baseline ? 'Allow or Deny' : 'Allow, Deny or Pass'} (the rule is ignored)`);
      action = 'Deny';
      peers = [];
    }
    return { name: typeof r.name === 'string' ? r.name : `#${index}`, index, path, action, peers, ports: readPorts(r.ports, `${path}/ports`, problems) };
  });
}

/** One AdminNetworkPolicy or BaselineAdminNetworkPolicy. A policy without a readable subject selects nothing. */
export function readAdminPolicy(o: K8sObject, problemsOut: PolicyProblem[]): AdminPolicy {
  const problems: string[] = [];
  if (!asRecord(o.raw.spec)) problems.push('/spec: the spec must be a map');
  const spec = asRecord(o.raw.spec) ?? {};
  const baseline = o.kind === 'BaselineAdminNetworkPolicy';
  const subj = asRecord(spec.subject) ?? {};
  let subject: PodsSelection | undefined;
  if (subj.namespaces !== undefined) subject = { namespaceSelector: readSelector(subj.namespaces, '/spec/subject/namespaces', problems) ?? EVERYTHING };
  else subject = readPods(subj.pods, '/spec/subject/pods', problems);
  if (!subject) problems.push('/spec/subject: needs namespaces or pods (the policy selects nothing)');
  let priority = Number.POSITIVE_INFINITY;
  if (!baseline) {
    if (typeof spec.priority === 'number' && spec.priority >= 0) priority = spec.priority;
    else problems.push('/spec/priority: needs a number from 0 to 1000 (the policy is evaluated last)');
  }
  const pol: AdminPolicy = {
    object: o, name: o.name, priority, baseline, subject,
    ingress: readRules(spec.ingress, 'ingress', baseline, problems),
    egress: readRules(spec.egress, 'egress', baseline, problems),
  };
  for (const message of problems) problemsOut.push({ object: o, path: message.slice(0, message.indexOf(':')), message: message.slice(message.indexOf(':') + 2) });
  return pol;
}
