/**
 * CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (cilium.io/v2) read into a typed model, as far as
 * their semantics can be decided from manifests. One model policy per rule: `spec` and each `specs[i]`
 * (each has its own endpointSelector).
 *
 * Modelled exactly (Cilium docs, "Layer 3/4 Policies", "Deny Policies", "Using Kubernetes Constructs"):
 * - endpoint selectors over a pod's identity labels: its labels, `io.kubernetes.pod.namespace`,
 *   `io.cilium.k8s.namespace.labels.<key>` per namespace label, `io.cilium.k8s.policy.serviceaccount`,
 *   `io.cilium.k8s.policy.cluster` (`default`); selector keys may carry the `k8s:` or `any:` source prefix.
 *   A CiliumNetworkPolicy selects only pods of its namespace, and its fromEndpoints/toEndpoints selectors
 *   without a `io.kubernetes.pod.namespace` key select only pods of its namespace too.
 * - default deny: a rule selecting a pod with a non-empty ingress or ingressDeny list isolates it for
 *   ingress (egress likewise), unless `enableDefaultDeny` says false for that direction.
 * - allow rules: a rule matches a peer by fromEndpoints/toEndpoints, fromEntities/toEntities, fromCIDR/
 *   toCIDR/fromCIDRSet/toCIDRSet (with except); a rule without any of these peers matches every peer
 *   (layer-4 only), a rule with nothing at all (`{}`) allows nothing. toPorts: port numbers, port 0 (every
 *   port), ranges (endPort), named ports, protocols TCP/UDP/SCTP/ANY. Deny rules win over every allow.
 * - entities: world (world-ipv4/-ipv6) = addresses outside the cluster; cluster = every pod, host-network
 *   pods included; all = everything; host + remote-node together = every host-network pod.
 *
 * Not modelled (each use becomes a note, never a guess): L7 rules (`toPorts[].rules`: http, kafka, dns),
 * TLS interception (`terminatingTLS`/`originatingTLS`/`serverNames`), toFQDNs, toServices, toGroups,
 * fromNodes/toNodes and nodeSelector (host policies), fromRequires/toRequires, ICMP rules, cidrGroupRef,
 * the entities kube-apiserver, ingress, health, init, unmanaged, and host or remote-node alone.
 */
import { apiGroup } from '../../model/kinds.js';
import type { LabelSelector } from '../../model/inventory.js';
import { asArray, asRecord, isRecord, type K8sObject } from '../../model/object.js';
import { parseCidr, type IpRange } from './ip.js';
import type { NpPort } from './policies.js';
import { PROTOCOLS, type Protocol } from './ports.js';
import { readSelector, type PolicyProblem } from './policies.js';

export const CILIUM_NS_KEY = 'io.kubernetes.pod.namespace';
export const CILIUM_NS_LABELS = 'io.cilium.k8s.namespace.labels.';
export const CILIUM_SA_KEY = 'io.cilium.k8s.policy.serviceaccount';
export const CILIUM_CLUSTER_KEY = 'io.cilium.k8s.policy.cluster';

export type CnpPeer =
  /** fromEndpoints/toEndpoints: a selector over identity labels (the namespace default already added). */
  | { kind: 'endpoints'; path: string; selector: LabelSelector }
  | { kind: 'entities'; path: string; entities: string[] }
  | { kind: 'cidr'; path: string; cidr: IpRange; except: IpRange[]; text: string }
  /** A peer kubeward does not model (toFQDNs, toServices, ...): matches nothing here, and is noted. */
  | { kind: 'unmodelled'; path: string; what: string };

export interface CnpRule {
  index: number;
  /** JSON pointer of the rule in the object, e.g. /spec/ingress/0 or /specs/1/egressDeny/0. */
  path: string;
  /** 'all' when the rule names no peer (layer-4 only): every peer. */
  peers: CnpPeer[] | 'all';
  ports: NpPort[] | 'all';
  /** What of the rule is not modelled, as `path: what` notes. */
  unmodelled: string[];
}

export interface CiliumPolicy {
  object: K8sObject;
  name: string;
  /** The policy's namespace; undefined for CiliumClusterwideNetworkPolicy. */
  namespace?: string;
  /** `/spec` or `/specs/<i>`. */
  path: string;
  endpointSelector: LabelSelector;
  /** False for a host policy (nodeSelector): it selects nodes, not pods. */
  selectsPods: boolean;
  isolates: { ingress: boolean; egress: boolean };
  ingress: CnpRule[];
  egress: CnpRule[];
  ingressDeny: CnpRule[];
  egressDeny: CnpRule[];
  /** Everything not modelled in this rule, per direction, as `path: what`. */
  notes: { ingress: string[]; egress: string[] };
}

export function isCiliumPolicy(o: K8sObject): boolean {
  return apiGroup(o.apiVersion) === 'cilium.io' && (o.kind === 'CiliumNetworkPolicy' || o.kind === 'CiliumClusterwideNetworkPolicy');
}

/** `CiliumNetworkPolicy ns/name`, the object's name (rule paths are JSON pointers in it). */
export function ciliumObjectName(p: CiliumPolicy): string {
  return p.namespace !== undefined ? `${p.object.kind} ${p.namespace}/${p.name}` : `${p.object.kind} ${p.name}`;
}

/** The object's name, with `/specs/1` appended for a rule of `specs`. */
export function ciliumName(p: CiliumPolicy): string {
  return p.path === '/spec' ? ciliumObjectName(p) : `${ciliumObjectName(p)} ${p.path}`;
}

/** A selector key without its `k8s:`/`any:` source prefix; other sources (reserved:, cidr:) keep theirs and match no pod label. */
function normalizeKey(k: string): string {
  if (k.startsWith('k8s:')) return k.slice(4);
  if (k.startsWith('any:')) return k.slice(4);
  return k;
}

function normalizeSelector(sel: LabelSelector): LabelSelector {
  const out: LabelSelector = {};
  if (sel.matchLabels) out.matchLabels = Object.fromEntries(Object.entries(sel.matchLabels).map(([k, v]) => [normalizeKey(k), v]));
  if (sel.matchExpressions) out.matchExpressions = sel.matchExpressions.map((e) => ({ ...e, key: normalizeKey(e.key) }));
  return out;
}

export function selectorHasKey(sel: LabelSelector, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(sel.matchLabels ?? {}, key) || (sel.matchExpressions ?? []).some((e) => e.key === key);
}

/** The same selector also requiring the namespace (a CiliumNetworkPolicy's implicit restriction), ANDed with what it says. */
export function inNamespace(sel: LabelSelector, ns: string): LabelSelector {
  return { ...sel, matchExpressions: [...(sel.matchExpressions ?? []), { key: CILIUM_NS_KEY, operator: 'In', values: [ns] }] };
}

const ENTITIES = new Set(['world', 'world-ipv4', 'world-ipv6', 'cluster', 'all', 'host', 'remote-node', 'kube-apiserver', 'ingress', 'health', 'init', 'unmanaged']);

function readPorts(v: unknown, path: string, problems: string[], unmodelled: string[]): NpPort[] | 'all' {
  const list = asArray(v);
  if (list.length === 0) return 'all';
  const out: NpPort[] = [];
  list.forEach((tp, i) => {
    const r = asRecord(tp);
    if (!r) return problems.push(`${path}/${i}: a toPorts entry must be a map`);
    if (r.rules !== undefined && r.rules !== null) unmodelled.push(`${path}/${i}/rules: L7 rules further restrict requests on these ports (not modelled: the ports count as allowed)`);
    for (const f of ['terminatingTLS', 'originatingTLS', 'serverNames', 'listener']) if (r[f] !== undefined) unmodelled.push(`${path}/${i}/${f}: not modelled`);
    const ports = asArray(r.ports);
    // toPorts without ports (only rules): every port, as Cilium wildcards the L4 part.
    if (ports.length === 0) {
      for (const protocol of PROTOCOLS) out.push({ protocol });
      return;
    }
    ports.forEach((p, j) => {
      const q = asRecord(p);
      const at = `${path}/${i}/ports/${j}`;
      if (!q) return problems.push(`${at}: a port must be a map`);
      const proto = q.protocol === undefined || q.protocol === '' ? 'ANY' : String(q.protocol).toUpperCase();
      if (proto === 'ICMP' || proto === 'ICMPV6') return;
      if (proto !== 'ANY' && !(PROTOCOLS as readonly string[]).includes(proto)) return problems.push(`${at}/protocol: unknown protocol "${String(q.protocol)}"`);
      const protocols = proto === 'ANY' ? PROTOCOLS : [proto as Protocol];
      const raw = q.port;
      let port: number | string | undefined;
      if (raw === undefined || raw === null || raw === '' || raw === 0 || raw === '0') port = undefined;
      else if (typeof raw === 'number' && Number.isInteger(raw) && raw > 0 && raw <= 65535) port = raw;
      else if (typeof raw === 'string' && /^\d+$/.test(raw) && Number(raw) <= 65535) port = Number(raw);
      else if (typeof raw === 'string' && /^[a-z0-9-]+$/i.test(raw)) port = raw;
      else return problems.push(`${at}/port: not a port number or name`);
      const end = typeof q.endPort === 'number' && typeof port === 'number' && q.endPort > port ? q.endPort : undefined;
      for (const protocol of protocols) {
        const np: NpPort = { protocol };
        if (port !== undefined) np.port = port;
        if (end !== undefined) np.endPort = end;
        out.push(np);
      }
    });
  });
  return out;
}

function readCidrs(list: unknown, path: string, withExcept: boolean, problems: string[], peers: CnpPeer[], unmodelled: string[]): void {
  asArray(list).forEach((c, i) => {
    const at = `${path}/${i}`;
    const r = withExcept ? asRecord(c) : undefined;
    const text = withExcept ? r?.cidr : c;
    if (withExcept && r && r.cidr === undefined && r.cidrGroupRef !== undefined) {
      unmodelled.push(`${at}/cidrGroupRef: CIDR groups are not modelled (the addresses it allows are not shown)`);
      peers.push({ kind: 'unmodelled', path: at, what: 'cidrGroupRef' });
      return;
    }
    const cidr = typeof text === 'string' ? parseCidr(text) : undefined;
    if (!cidr) return problems.push(`${at}: not a CIDR`);
    const except: IpRange[] = [];
    if (r) asArray(r.except).forEach((e) => { const x = typeof e === 'string' ? parseCidr(e) : undefined; if (x && x.family === cidr.family) except.push(x); });
    peers.push({ kind: 'cidr', path: at, cidr, except, text: String(text) });
  });
}

const UNMODELLED_PEERS: Record<'from' | 'to', string[]> = {
  from: ['fromRequires', 'fromNodes', 'fromGroups'],
  to: ['toRequires', 'toNodes', 'toGroups', 'toFQDNs', 'toServices'],
};

function readRules(v: unknown, base: string, dir: 'ingress' | 'egress', deny: boolean, ns: string | undefined, problems: string[]): CnpRule[] {
  const p = dir === 'ingress' ? 'from' : 'to';
  const key = `${dir}${deny ? 'Deny' : ''}`;
  return asArray(v).map((x, index) => {
    const path = `${base}/${key}/${index}`;
    const r = asRecord(x) ?? {};
    if (!isRecord(x)) problems.push(`${path}: a rule must be a map`);
    const unmodelled: string[] = [];
    const peers: CnpPeer[] = [];
    let named = false;
    if (r[`${p}Endpoints`] !== undefined) {
      named = true;
      asArray(r[`${p}Endpoints`]).forEach((s, i) => {
        const at = `${path}/${p}Endpoints/${i}`;
        const sel = readSelector(s ?? {}, at, problems);
        let selector = normalizeSelector(sel ?? {});
        const reserved = [...Object.keys(selector.matchLabels ?? {}), ...(selector.matchExpressions ?? []).map((e) => e.key)].filter((k) => k.startsWith('reserved:'));
        if (reserved.length) unmodelled.push(`${at}: ${reserved.join(', ')} selects a reserved identity (host, world, ...), not modelled: it matches no pod here`);
        // A namespaced policy's peers are in its namespace unless the selector names a namespace.
        if (ns !== undefined && !selectorHasKey(selector, CILIUM_NS_KEY)) selector = inNamespace(selector, ns);
        peers.push({ kind: 'endpoints', path: at, selector });
      });
    }
    if (r[`${p}Entities`] !== undefined) {
      named = true;
      const entities = asArray(r[`${p}Entities`]).map(String);
      for (const e of entities) if (!ENTITIES.has(e)) problems.push(`${path}/${p}Entities: unknown entity "${e}"`);
      const at = `${path}/${p}Entities`;
      peers.push({ kind: 'entities', path: at, entities });
      const hostOnly = (entities.includes('host') !== entities.includes('remote-node')) && !entities.some((e) => e === 'cluster' || e === 'all');
      if (hostOnly) unmodelled.push(`${at}: ${entities.includes('host') ? 'host' : 'remote-node'} alone depends on the node a pod runs on (not modelled: host-network peers are not matched)`);
      for (const e of entities) if (['kube-apiserver', 'ingress', 'health', 'init', 'unmanaged'].includes(e)) unmodelled.push(`${at}: the ${e} entity is not modelled`);
    }
    if (r[`${p}CIDR`] !== undefined) { named = true; readCidrs(r[`${p}CIDR`], `${path}/${p}CIDR`, false, problems, peers, unmodelled); }
    if (r[`${p}CIDRSet`] !== undefined) { named = true; readCidrs(r[`${p}CIDRSet`], `${path}/${p}CIDRSet`, true, problems, peers, unmodelled); }
    for (const f of UNMODELLED_PEERS[p]) {
      if (r[f] === undefined) continue;
      const at = `${path}/${f}`;
      if (f.endsWith('Requires')) {
        unmodelled.push(`${at}: label requirements restrict every rule of the selector (not modelled: traffic shown allowed may be denied)`);
        continue;
      }
      named = true;
      peers.push({ kind: 'unmodelled', path: at, what: f });
      unmodelled.push(`${at}: ${f} is not modelled (the traffic it ${deny ? 'denies' : 'allows'} is not shown)`);
    }
    if (r.icmps !== undefined) unmodelled.push(`${path}/icmps: ICMP is not modelled`);
    if (r.authentication !== undefined) unmodelled.push(`${path}/authentication: mutual authentication is not modelled`);
    const hasL4 = asArray(r.toPorts).length > 0 || asArray(r.icmps).length > 0;
    // ICMP rules restrict the L4 part to ICMP, which this model has no ports for: TCP/UDP/SCTP get nothing from them.
    const ports = asArray(r.toPorts).length === 0 && asArray(r.icmps).length > 0 ? [] : readPorts(r.toPorts, `${path}/toPorts`, problems, unmodelled);
    // No peer named: layer-4 only (every peer on its ports); nothing at all ({}, or ICMP only): allows nothing.
    let rulePeers: CnpPeer[] | 'all' = named ? peers : 'all';
    if (!named && !hasL4) rulePeers = [];
    return { index, path, peers: rulePeers, ports, unmodelled };
  });
}

/** Every rule (spec and specs[]) of one Cilium policy. Bad fields are reported; a policy with problems is not applied. */
export function readCiliumPolicy(o: K8sObject, problemsOut: PolicyProblem[]): CiliumPolicy[] {
  const problems: string[] = [];
  const clusterwide = o.kind === 'CiliumClusterwideNetworkPolicy';
  const ns = clusterwide ? undefined : o.namespace ?? 'default';
  const specs: [unknown, string][] = [];
  if (o.raw.spec !== undefined) specs.push([o.raw.spec, '/spec']);
  asArray(o.raw.specs).forEach((s, i) => specs.push([s, `/specs/${i}`]));
  if (specs.length === 0) problems.push('/spec: the policy needs spec or specs');
  const out: CiliumPolicy[] = [];
  for (const [raw, base] of specs) {
    const spec = asRecord(raw);
    if (!spec) { problems.push(`${base}: a rule must be a map`); continue; }
    const selectsPods = spec.nodeSelector === undefined;
    if (!selectsPods) problems.push(`${base}/nodeSelector: a host policy selects nodes (not modelled; it is left out)`);
    let endpointSelector = normalizeSelector(readSelector(spec.endpointSelector ?? {}, `${base}/endpointSelector`, problems) ?? {});
    if (ns !== undefined) endpointSelector = inNamespace(endpointSelector, ns);
    const rules = {
      ingress: readRules(spec.ingress, base, 'ingress', false, ns, problems),
      egress: readRules(spec.egress, base, 'egress', false, ns, problems),
      ingressDeny: readRules(spec.ingressDeny, base, 'ingress', true, ns, problems),
      egressDeny: readRules(spec.egressDeny, base, 'egress', true, ns, problems),
    };
    const dd = asRecord(spec.enableDefaultDeny) ?? {};
    const isolates = {
      ingress: dd.ingress === false ? false : rules.ingress.length + rules.ingressDeny.length > 0,
      egress: dd.egress === false ? false : rules.egress.length + rules.egressDeny.length > 0,
    };
    const notes = {
      ingress: [...rules.ingress, ...rules.ingressDeny].flatMap((r) => r.unmodelled),
      egress: [...rules.egress, ...rules.egressDeny].flatMap((r) => r.unmodelled),
    };
    out.push({ object: o, name: o.name, ...(ns !== undefined ? { namespace: ns } : {}), path: base, endpointSelector, selectsPods, isolates, ...rules, notes });
  }
  // The host-policy note is a limitation, not an error: keep the pod rules of the object.
  const errors = problems.filter((m) => !m.includes('/nodeSelector:'));
  for (const message of problems) problemsOut.push({ object: o, path: message.slice(0, message.indexOf(':')), message: message.slice(message.indexOf(':') + 2) });
  return errors.length ? [] : out.filter((p) => p.selectsPods);
}
