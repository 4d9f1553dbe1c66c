// The compact RBAC and network sections of a scan report (`scan --include-analyses`, every `--upload`), from the
// analyses `kubeward rbac` and `kubeward netpol matrix` run. Pure: an inventory in, bounded JSON-ready values out.
import { computeMatrix } from '../analysis/netpol/matrix.js';
import { exposedServices } from '../analysis/netpol/exposure.js';
import { isolationOf } from '../analysis/netpol/isolation.js';
import { touchesInternet } from '../analysis/netpol/ip.js';
import { networkView } from '../analysis/netpol/view.js';
import { isEmpty } from '../analysis/netpol/ports.js';
import { CLUSTER_ADMIN, subjectNode } from '../analysis/rbac/escalation-graph.js';
import { rbacModel, type RbacModel } from '../analysis/rbac/model.js';
import { escalationPaths } from '../analysis/rbac/paths.js';
import { ALL_POWERS, fullPower, fullPowerPhrase, rulePower } from '../analysis/rbac/powers.js';
import type { BindingSubject } from '../analysis/rbac/subjects.js';
import { grantVia, serviceAccountPowers } from '../analysis/rbac/token-powers.js';
import { workloadServiceAccount } from '../analysis/rbac/workload-sa.js';
import type { ImageUse } from '../analysis/image/workload-images.js';
import type { VulnMatch } from '../vuln/types.js';
import type { AnalysisSections, ImagesSection, ImageVulnerabilitySummary, NetpolEdge, NetpolSection, NetpolWorkloadReach, RbacObjectPower, RbacPowerEdge, RbacSection, RbacSubjectSummary } from '../model/analysis-sections.js';
import type { Inventory } from '../model/inventory.js';
import { asRecord } from '../model/object.js';
import { podSpecsOf } from '../model/pod-specs.js';
import { portsText } from '../model/ports.js';

/** Caps: a 100,000-object cluster gives sections of a few megabytes at most. */
export const SECTION_LIMITS = { subjects: 2000, edges: 5000, objects: 5000, workloads: 5000, from: 20, matrixClasses: 1500, vulnsPerObject: 100 };

const objectKey = (o: { kind: string; namespace?: string | undefined; name: string }) => `${o.kind}/${o.namespace ?? ''}/${o.name}`;

function subjectLabel(s: BindingSubject): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount ${s.namespace}/${s.name}` : `${s.kind} ${s.name}`;
}

/** Powers of a user or group: its grants through every binding, as serviceAccountPowers does for a token. */
function identityPowers(model: RbacModel, s: BindingSubject): { admin: boolean; powers: { phrase: string; via: string }[] } {
  const who = s.kind === 'User' ? { user: s.name, groups: [] } : { groups: [s.name] };
  const grants = model.grantsFor(who, '*');
  const admin = grants.find((g) => g.namespace === undefined && fullPower(g.ref.rule) !== undefined);
  if (admin) return { admin: true, powers: [{ phrase: fullPowerPhrase(fullPower(admin.ref.rule)!), via: grantVia(admin) }] };
  const powers: { phrase: string; via: string }[] = [];
  for (const g of grants) {
    const kind = fullPower(g.ref.rule);
    if (kind) powers.push({ phrase: `${fullPowerPhrase(kind)} in ${g.namespace}`, via: grantVia(g) });
  }
  for (const p of ALL_POWERS) {
    const open = grants.find((g) => { const m = rulePower(g.ref.rule, p); return m !== undefined && m.onlyNames === undefined; });
    if (open) powers.push({ phrase: p.phrase, via: grantVia(open) });
  }
  return { admin: false, powers };
}

/** "cluster-wide" or the namespace, from grantVia's "in every namespace through …" / "in prod through …". */
function scopeOf(via: string): string {
  if (via.startsWith('in every namespace')) return 'cluster-wide';
  return /^in (\S+) through/.exec(via)?.[1] ?? 'cluster-wide';
}

export function rbacSection(inventory: Inventory, model: RbacModel = rbacModel(inventory)): RbacSection {
  const paths = escalationPaths(model);
  const hops = new Map<string, { hops: number; first: string }>();
  for (const p of [...paths.direct, ...paths.paths]) hops.set(p.from, { hops: p.hops.length, first: p.hops[0]!.how });
  const seen = new Map<string, BindingSubject>();
  for (const b of model.bindings) for (const s of b.subjects) if (s.kind !== 'ServiceAccount' || s.namespace) seen.set(subjectNode(s), s);
  const subjects: RbacSubjectSummary[] = [];
  const edges: RbacPowerEdge[] = [];
  for (const [node, s] of seen) {
    const held = s.kind === 'ServiceAccount' ? serviceAccountPowers(model, s.namespace!, s.name) : undefined;
    const p = held ? { admin: held.admin, powers: held.powers.map((x) => ({ phrase: x.phrase, via: x.via })) } : identityPowers(model, s);
    const esc = hops.get(node);
    // One hop to cluster-admin is holding it (e.g. bound to the default ClusterRole cluster-admin the input does not carry).
    if (esc?.hops === 1 && !p.admin) {
      p.admin = true;
      if (!p.powers.length) p.powers.push({ phrase: 'do anything (* on *)', via: esc.first });
    }
    const label = subjectLabel(s);
    subjects.push({
      subject: label, kind: s.kind, ...(s.namespace !== undefined && s.kind === 'ServiceAccount' ? { namespace: s.namespace } : {}), name: s.name,
      clusterAdmin: p.admin, powers: p.powers.map((x) => x.phrase),
      ...(esc && node !== CLUSTER_ADMIN ? { escalationHops: esc.hops, escalation: esc.first } : {}),
    });
    for (const x of p.powers) edges.push({ subject: label, power: x.phrase, scope: scopeOf(x.via), via: x.via });
  }
  const rank = (s: RbacSubjectSummary) => (s.clusterAdmin ? 0 : s.escalationHops !== undefined ? 1 : s.powers.length ? 2 : 3);
  subjects.sort((a, b) => rank(a) - rank(b) || b.powers.length - a.powers.length || (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
  edges.sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.power < b.power ? -1 : a.power > b.power ? 1 : 0));

  const byObject: Record<string, RbacObjectPower> = {};
  let objects = 0;
  for (const o of inventory.objects) {
    const pod = podSpecsOf(o)[0];
    if (!pod) continue;
    const sa = workloadServiceAccount(inventory, pod);
    const held = serviceAccountPowers(model, sa.namespace, sa.name);
    const esc = hops.get(`ServiceAccount:${sa.namespace}/${sa.name}`);
    if (!held.powers.length && !esc) continue;
    objects++;
    if (objects > SECTION_LIMITS.objects) continue;
    byObject[objectKey(o)] = {
      serviceAccount: `${sa.namespace}/${sa.name}`, tokenMounted: sa.tokenMounted, clusterAdmin: held.admin, powers: held.powers.map((x) => x.phrase),
      ...(esc ? { escalationHops: esc.hops } : {}),
    };
  }
  const truncated: NonNullable<RbacSection['truncated']> = {};
  if (subjects.length > SECTION_LIMITS.subjects) truncated.subjects = SECTION_LIMITS.subjects;
  if (edges.length > SECTION_LIMITS.edges) truncated.edges = SECTION_LIMITS.edges;
  if (objects > SECTION_LIMITS.objects) truncated.objects = SECTION_LIMITS.objects;
  return {
    subjects: subjects.slice(0, SECTION_LIMITS.subjects),
    edges: edges.slice(0, SECTION_LIMITS.edges),
    byObject,
    totals: { subjects: subjects.length, withPowers: subjects.filter((s) => s.powers.length).length, clusterAdmin: subjects.filter((s) => s.clusterAdmin).length, edges: edges.length, objects },
    ...(Object.keys(truncated).length ? { truncated } : {}),
  };
}

/** Service selector ⊆ pod labels, same namespace. */
function selects(selector: Record<string, unknown>, labels: Record<string, string>): boolean {
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every((k) => labels[k] === selector[k]);
}

export function netpolSection(inventory: Inventory): NetpolSection {
  const cluster = networkView(inventory);
  const mx = computeMatrix(cluster);
  const n = mx.classes;
  const withMatrix = n <= SECTION_LIMITS.matrixClasses;
  const internet = mx.externals.filter((e) => e.ranges.some(touchesInternet));
  const exposures = exposedServices(inventory);
  const order = mx.workloads.map((_, i) => i).sort((a, b) => (mx.workloads[a]!.id < mx.workloads[b]!.id ? -1 : 1));
  const edges: NetpolEdge[] = [];
  let edgeCount = 0;
  const reach: NetpolWorkloadReach[] = [];
  let fromCapped = false;
  for (const j of order) {
    const w = mx.workloads[j]!;
    const cj = mx.classOf[j]!;
    const from: string[] = [];
    let fromCount = 0;
    if (withMatrix) {
      for (const i of order) {
        if (i === j) continue;
        const allowed = mx.pods[mx.classOf[i]! * n + cj]!;
        if (isEmpty(allowed)) continue;
        fromCount++;
        const src = mx.workloads[i]!.id;
        if (from.length < SECTION_LIMITS.from) from.push(src);
        if (++edgeCount <= SECTION_LIMITS.edges) edges.push({ from: src, to: w.id, allowed: portsText(allowed) });
      }
    }
    if (fromCount > from.length) fromCapped = true;
    const iso = isolationOf(cluster, w);
    const fromInternet = internet.some((e) => !isEmpty(e.ingress[cj]!));
    const toInternet = internet.some((e) => !isEmpty(e.egress[cj]!));
    const exposedBy = exposures
      .filter((x) => (x.service.namespace ?? 'default') === w.namespace && selects(asRecord(asRecord(x.service.raw.spec)?.selector) ?? {}, w.labels))
      .map((x) => `Service ${x.service.namespace ?? 'default'}/${x.service.name}: ${x.how}`);
    reach.push({ workload: w.id, namespace: w.namespace, from, fromCount, fromAllPods: !iso.ingress && cluster.admin.length + cluster.baseline.length === 0, fromInternet, toInternet, exposedBy });
  }
  const byObject: NetpolSection['byObject'] = {};
  reach.slice(0, SECTION_LIMITS.workloads).forEach((r, k) => {
    const { workload: _w, namespace: _n, ...rest } = r;
    byObject[objectKey(mx.workloads[order[k]!]!.object)] = rest;
  });
  const truncated: NonNullable<NetpolSection['truncated']> = {};
  if (reach.length > SECTION_LIMITS.workloads) truncated.workloads = SECTION_LIMITS.workloads;
  if (edgeCount > SECTION_LIMITS.edges) truncated.edges = SECTION_LIMITS.edges;
  if (fromCapped) truncated.from = SECTION_LIMITS.from;
  if (!withMatrix) truncated.matrix = 'skipped';
  return {
    workloads: reach.slice(0, SECTION_LIMITS.workloads),
    edges,
    byObject,
    totals: {
      workloads: reach.length, namespaces: cluster.namespaces.size, isolatedIngress: reach.filter((r) => !r.fromAllPods).length,
      fromInternet: reach.filter((r) => r.fromInternet).length, exposed: reach.filter((r) => r.exposedBy.length).length,
      ...(withMatrix ? { edges: edgeCount } : {}),
    },
    ...(Object.keys(truncated).length ? { truncated } : {}),
  };
}

const VULN_RANK = { critical: 0, high: 1, medium: 2, low: 3, unknown: 4 } as const;

/** `scan --images`: each workload's image vulnerabilities, for the object view. */
export function imagesSection(images: readonly { uses: readonly ImageUse[]; vulnerabilities?: readonly VulnMatch[] }[]): ImagesSection {
  const all = new Map<string, ImageVulnerabilitySummary[]>();
  let vulnerabilities = 0;
  for (const img of images) {
    if (!img.vulnerabilities?.length) continue;
    for (const use of img.uses) {
      const key = objectKey(use.object);
      let list = all.get(key);
      if (!list) all.set(key, (list = []));
      for (const v of img.vulnerabilities) {
        vulnerabilities++;
        list.push({ container: use.container, image: use.image, id: v.id, severity: v.severity, package: v.package.name, version: v.package.version, ...(v.fixedIn ? { fixedIn: v.fixedIn } : {}) });
      }
    }
  }
  const byObject: Record<string, ImageVulnerabilitySummary[]> = {};
  let perObjectCut = false;
  let n = 0;
  for (const [key, list] of [...all].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (++n > SECTION_LIMITS.objects) break;
    list.sort((a, b) => VULN_RANK[a.severity] - VULN_RANK[b.severity] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (list.length > SECTION_LIMITS.vulnsPerObject) perObjectCut = true;
    byObject[key] = list.slice(0, SECTION_LIMITS.vulnsPerObject);
  }
  const truncated: NonNullable<ImagesSection['truncated']> = {};
  if (all.size > SECTION_LIMITS.objects) truncated.objects = SECTION_LIMITS.objects;
  if (perObjectCut) truncated.perObject = SECTION_LIMITS.vulnsPerObject;
  return { byObject, totals: { objects: all.size, vulnerabilities }, ...(Object.keys(truncated).length ? { truncated } : {}) };
}

export function analysisSections(inventory: Inventory, images?: Parameters<typeof imagesSection>[0]): AnalysisSections {
  return { rbac: rbacSection(inventory), netpol: netpolSection(inventory), ...(images ? { images: imagesSection(images) } : {}) };
}
