/** NetworkPolicy (networking.k8s.io/v1) read into a typed model, with defaulting applied and bad fields reported. */
import { effectiveNamespace, apiGroup } from '../../model/kinds.js';
import type { LabelSelector } from '../../model/inventory.js';
import { asArray, asRecord, isRecord, type K8sObject } from '../../model/object.js';
import { parseCidr, type IpRange } from './ip.js';
import { isProtocol, type Protocol } from './ports.js';

export interface NpPort {
  protocol: Protocol;
  /** A number, a named port (resolved per destination pod), or undefined for every port of the protocol. */
  port?: number | string;
  endPort?: number;
}

export type NpPeer =
  | { kind: 'pods'; path: string; podSelector?: LabelSelector; namespaceSelector?: LabelSelector }
  | { kind: 'ipBlock'; path: string; cidr: IpRange; except: IpRange[]; text: string }
  /** A peer that cannot be read (the API server would reject the policy; such policies are not applied). */
  | { kind: 'invalid'; path: string };

export interface NpRule {
  index: number;
  /** JSON pointer of the rule inside the policy object. */
  path: string;
  /** 'all' when `from`/`to` is missing or empty: every source or destination. */
  peers: NpPeer[] | 'all';
  /** 'all' when `ports` is missing or empty: every port of every protocol. */
  ports: NpPort[] | 'all';
}

export interface NetPol {
  object: K8sObject;
  namespace: string;
  name: string;
  podSelector: LabelSelector;
  /** Present when the policy has the Ingress type (isolates its pods for ingress). */
  ingress?: NpRule[];
  egress?: NpRule[];
}

export interface PolicyProblem {
  object: K8sObject;
  path: string;
  message: string;
}

export function isNetworkPolicy(o: K8sObject): boolean {
  const g = apiGroup(o.apiVersion);
  return o.kind === 'NetworkPolicy' && (g === 'networking.k8s.io' || g === 'extensions');
}

/** A label selector as written; undefined when the field is absent, null selector, or not a map. */
export function readSelector(v: unknown, path: string, problems: string[]): LabelSelector | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isRecord(v)) {
    problems.push(`${path}: a label selector must be a map`);
    return { matchExpressions: [{ key: '', operator: 'Invalid' }] };
  }
  const sel: LabelSelector = {};
  if (isRecord(v.matchLabels)) {
    sel.matchLabels = {};
    for (const [k, val] of Object.entries(v.matchLabels)) sel.matchLabels[k] = String(val);
  }
  const exprs = asArray(v.matchExpressions);
  if (exprs.length) {
    sel.matchExpressions = exprs.map((e, i) => {
      const r = asRecord(e) ?? {};
      const op = typeof r.operator === 'string' ? r.operator : '';
      if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(op)) problems.push(`${path}/matchExpressions/${i}: unknown operator "${op}" (the selector matches nothing)`);
      const values = asArray(r.values).map(String);
      return { key: String(r.key ?? ''), operator: op, values };
    });
  }
  return sel;
}

function readPorts(v: unknown, path: string, problems: string[]): NpPort[] | 'all' {
  const list = asArray(v);
  if (list.length === 0) return 'all';
  const out: NpPort[] = [];
  list.forEach((p, i) => {
    const r = asRecord(p);
    if (!r) return problems.push(`${path}/${i}: a port must be a map`);
    const protocol = r.protocol === undefined ? 'TCP' : r.protocol;
    if (!isProtocol(protocol)) return problems.push(`${path}/${i}/protocol: unknown protocol "${String(protocol)}" (the port matches nothing)`);
    const port: NpPort = { protocol };
    if (typeof r.port === 'number' && Number.isInteger(r.port)) port.port = r.port;
    else if (typeof r.port === 'string') port.port = /^\d+$/.test(r.port) ? Number(r.port) : r.port;
    else if (r.port !== undefined && r.port !== null) return problems.push(`${path}/${i}/port: not a port number or name`);
    if (r.endPort !== undefined && r.endPort !== null) {
      if (typeof r.endPort !== 'number' || typeof port.port !== 'number' || r.endPort < port.port)
        return problems.push(`${path}/${i}/endPort: needs a numeric port not above it (the port matches nothing)`);
      port.endPort = r.endPort;
    }
    out.push(port);
  });
  // Every entry unreadable: the rule matches nothing rather than everything.
  return out;
}

function readPeers(v: unknown, path: string, problems: string[]): NpPeer[] | 'all' {
  const list = asArray(v);
  if (list.length === 0) return 'all';
  return list.map((p, i): NpPeer => {
    const at = `${path}/${i}`;
    const r = asRecord(p);
    if (!r) {
      problems.push(`${at}: a peer must be a map`);
      return { kind: 'invalid', path: at };
    }
    if (r.ipBlock !== undefined) {
      const b = asRecord(r.ipBlock);
      const cidr = typeof b?.cidr === 'string' ? parseCidr(b.cidr) : undefined;
      if (!b || !cidr || r.podSelector !== undefined || r.namespaceSelector !== undefined) {
        problems.push(`${at}/ipBlock: needs a valid cidr and no selectors beside it`);
        return { kind: 'invalid', path: at };
      }
      const except: IpRange[] = [];
      asArray(b.except).forEach((e, j) => {
        const x = typeof e === 'string' ? parseCidr(e) : undefined;
        if (!x || x.family !== cidr.family) problems.push(`${at}/ipBlock/except/${j}: not a CIDR of the block's family`);
        else except.push(x);
      });
      return { kind: 'ipBlock', path: at, cidr, except, text: String(b.cidr) };
    }
    const podSelector = readSelector(r.podSelector, `${at}/podSelector`, problems);
    const namespaceSelector = readSelector(r.namespaceSelector, `${at}/namespaceSelector`, problems);
    if (!podSelector && !namespaceSelector) {
      problems.push(`${at}: a peer needs podSelector, namespaceSelector or ipBlock`);
      return { kind: 'invalid', path: at };
    }
    const peer: NpPeer = { kind: 'pods', path: at };
    if (podSelector) peer.podSelector = podSelector;
    if (namespaceSelector) peer.namespaceSelector = namespaceSelector;
    return peer;
  });
}

function readRules(v: unknown, dir: 'ingress' | 'egress', problems: string[]): NpRule[] {
  const peersKey = dir === 'ingress' ? 'from' : 'to';
  return asArray(v).map((r, index) => {
    const path = `/spec/${dir}/${index}`;
    const rule = asRecord(r) ?? {};
    return { index, path, peers: readPeers(rule[peersKey], `${path}/${peersKey}`, problems), ports: readPorts(rule.ports, `${path}/ports`, problems) };
  });
}

/**
 * One NetworkPolicy. policyTypes defaulting is the API server's: without policyTypes a policy is
 * of type Ingress, and also Egress when it has egress rules. A policy type listed isolates the
 * selected pods in that direction even when it has no rules.
 */
export function readNetworkPolicy(o: K8sObject, problemsOut: PolicyProblem[]): NetPol {
  const problems: string[] = [];
  if (!isRecord(o.raw.spec)) problems.push('/spec: the spec must be a map');
  const spec = asRecord(o.raw.spec) ?? {};
  const podSelector = readSelector(spec.podSelector, '/spec/podSelector', problems) ?? {};
  let types: string[];
  if (Array.isArray(spec.policyTypes)) types = spec.policyTypes.map(String);
  else types = asArray(spec.egress).length ? ['Ingress', 'Egress'] : ['Ingress'];
  for (const t of types) if (t !== 'Ingress' && t !== 'Egress') problems.push(`/spec/policyTypes: unknown type "${t}"`);
  const pol: NetPol = { object: o, namespace: effectiveNamespace(o) ?? 'default', name: o.name, podSelector };
  if (types.includes('Ingress')) pol.ingress = readRules(spec.ingress, 'ingress', problems);
  if (types.includes('Egress')) pol.egress = readRules(spec.egress, 'egress', problems);
  for (const message of problems) problemsOut.push({ object: o, path: message.slice(0, message.indexOf(':')), message: message.slice(message.indexOf(':') + 2) });
  return pol;
}
