/**
 * Read a live cluster into model objects: discovery of every served group (its preferred version) and resource
 * with the `list` verb (CRDs included), paginated lists (`limit`/`continue`) with bounded concurrency, items
 * given the list's `kind`/`apiVersion`. Secrets keep their metadata only (data, stringData and the
 * last-applied annotation dropped) unless asked. `managedFields` are dropped from every object. What the
 * credentials may not list is "not collected", named in a warning: never silently missing.
 */
import type { K8sObject, JsonObject, SourceRef } from '../../model/object.js';
import { isRecord, stringMap } from '../../model/object.js';
import { fixedPositions } from '../../model/position.js';
import { mapLimited } from '../map-limited.js';
import { ApiClient, type ClientOptions } from './client.js';
import type { ClusterConnection } from './kubeconfig.js';

export interface CollectOptions extends ClientOptions {
  /** Only these namespaces (namespaced resources are listed per namespace); default all. */
  namespaces?: string[];
  /** Drop the objects of these namespaces (and the Namespace objects themselves). */
  excludeNamespaces?: string[];
  /** Keep Secrets' data and stringData (default: metadata only). */
  includeSecretValues?: boolean;
  /** Items per list page (default 500). */
  pageSize?: number;
  /** Lists in flight at once (default 6). */
  concurrency?: number;
}

/** One resource that could not be listed (in one namespace, when listed per namespace). */
export interface NotCollected {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespace?: string;
  status: number;
  reason: string;
}

export interface Collected {
  objects: Omit<K8sObject, 'id'>[];
  /** Resources listed (group/version/resource). */
  resources: string[];
  notCollected: NotCollected[];
  warnings: string[];
}

export class ClusterError extends Error {}

interface ApiResource {
  group: string;
  version: string;
  name: string;
  kind: string;
  namespaced: boolean;
}

/** Resources never collected: events are high-volume and carry no configuration (core and events.k8s.io). */
const SKIPPED = new Set(['/events', 'events.k8s.io/events']);

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The live object's location: cluster://<context>/<namespace>/<kind>/<name> (no namespace part when cluster-scoped). */
export function clusterLocation(context: string, kind: string, name: string, namespace?: string): string {
  return `cluster://${[context, ...(namespace ? [namespace] : []), kind, name].map(encodeURIComponent).join('/')}`;
}

function statusMessage(body: unknown, text?: string): string {
  if (isRecord(body) && typeof body.message === 'string') return body.message;
  return (text ?? '').trim().slice(0, 200) || 'no message';
}

/** Discovery: every served group's preferred version and its resources with the list verb. */
async function discover(client: ApiClient, warnings: string[]): Promise<ApiResource[]> {
  const core = await client.get('/api/v1');
  if (core.status === 401) throw new ClusterError(`the API server refused the credentials (401 Unauthorized): ${statusMessage(core.body, core.text)}`);
  if (core.status !== 200) throw new ClusterError(`discovery of /api/v1 failed: ${core.status} ${statusMessage(core.body, core.text)}`);
  const groups = await client.get('/apis');
  const gvs: { group: string; version: string; path: string }[] = [{ group: '', version: 'v1', path: '/api/v1' }];
  if (groups.status === 200 && isRecord(groups.body) && Array.isArray(groups.body.groups)) {
    for (const g of groups.body.groups) {
      if (!isRecord(g) || typeof g.name !== 'string') continue;
      const pref = isRecord(g.preferredVersion) && typeof g.preferredVersion.version === 'string' ? g.preferredVersion.version
        : Array.isArray(g.versions) && isRecord(g.versions[0]) && typeof g.versions[0].version === 'string' ? g.versions[0].version : undefined;
      if (pref) gvs.push({ group: g.name, version: pref, path: `/apis/${g.name}/${pref}` });
    }
  } else warnings.push(`discovery of /apis failed (${groups.status} ${statusMessage(groups.body, groups.text)}): only the core group (v1) was collected`);
  const lists = await mapLimited(gvs, 6, async (gv) => (gv.path === '/api/v1' ? core : client.get(gv.path)));
  const out: ApiResource[] = [];
  gvs.forEach((gv, i) => {
    const r = lists[i]!;
    if (r.status !== 200 || !isRecord(r.body) || !Array.isArray(r.body.resources)) {
      warnings.push(`not collected: every resource of ${gv.group}/${gv.version} (discovery failed: ${r.status} ${statusMessage(r.body, r.text)})`);
      return;
    }
    for (const res of r.body.resources) {
      if (!isRecord(res) || typeof res.name !== 'string' || res.name.includes('/')) continue;
      if (!Array.isArray(res.verbs) || !res.verbs.includes('list')) continue;
      if (SKIPPED.has(`${gv.group}/${res.name}`)) continue;
      out.push({ group: gv.group, version: gv.version, name: res.name, kind: String(res.kind ?? ''), namespaced: res.namespaced === true });
    }
  });
  return out;
}

function resourcePath(r: ApiResource, namespace?: string): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  return namespace ? `${base}/namespaces/${encodeURIComponent(namespace)}/${r.name}` : `${base}/${r.name}`;
}

/** The object as kept: apiVersion and kind first, no managedFields, a Secret's values dropped unless asked. */
function keep(item: JsonObject, r: ApiResource, includeSecretValues: boolean): JsonObject {
  const { apiVersion: _a, kind: _k, metadata, ...rest } = item;
  const md = isRecord(metadata) ? { ...metadata } : {};
  delete md.managedFields;
  const secret = r.group === '' && r.name === 'secrets' && !includeSecretValues;
  if (secret) {
    delete rest.data;
    delete rest.stringData;
    if (isRecord(md.annotations) && LAST_APPLIED in md.annotations) {
      const { [LAST_APPLIED]: _dropped, ...annotations } = md.annotations;
      md.annotations = annotations;
    }
  }
  return { apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind: r.kind, metadata: md, ...rest };
}

/** Collect every listable object the connection may read. Throws ClusterError when the cluster cannot be read at all. */
export async function collectCluster(conn: ClusterConnection, opts: CollectOptions = {}): Promise<Collected> {
  const client = new ApiClient(conn, opts);
  const warnings: string[] = [];
  const notCollected: NotCollected[] = [];
  const exclude = new Set(opts.excludeNamespaces ?? []);
  const only = opts.namespaces?.length ? new Set(opts.namespaces) : undefined;
  const pageSize = String(opts.pageSize ?? 500);
  try {
    let resources: ApiResource[];
    try {
      resources = await discover(client, warnings);
    } catch (e) {
      if (e instanceof ClusterError) throw e;
      throw new ClusterError(`cannot reach the API server ${conn.server} (context ${conn.context}): ${(e as Error).message}`);
    }
    // One list per cluster-scoped resource; a namespaced one per chosen namespace, or once across all of them.
    const jobs: { r: ApiResource; namespace?: string }[] = [];
    for (const r of resources) {
      if (r.namespaced && only) for (const ns of only) jobs.push({ r, namespace: ns });
      else jobs.push({ r });
    }
    const results = await mapLimited(jobs, opts.concurrency ?? 6, async ({ r, namespace }) => {
      const items: Omit<K8sObject, 'id'>[] = [];
      let cont: string | undefined;
      do {
        let page;
        try {
          page = await client.get(resourcePath(r, namespace), { limit: pageSize, ...(cont ? { continue: cont } : {}) });
        } catch (e) {
          page = { status: 0, body: undefined, text: (e as Error).message };
        }
        if (page.status !== 200 || !isRecord(page.body)) {
          notCollected.push({ group: r.group, version: r.version, resource: r.name, kind: r.kind, ...(namespace ? { namespace } : {}), status: page.status, reason: statusMessage(page.body, page.text) });
          return [];
        }
        for (const item of Array.isArray(page.body.items) ? page.body.items : []) {
          if (!isRecord(item)) continue;
          const raw = keep(item, r, opts.includeSecretValues === true);
          const md = raw.metadata as JsonObject;
          const name = typeof md.name === 'string' ? md.name : '';
          const ns = typeof md.namespace === 'string' && md.namespace !== '' ? md.namespace : undefined;
          if (ns && exclude.has(ns)) continue;
          if (r.group === '' && r.name === 'namespaces' && (exclude.has(name) || (only && !only.has(name)))) continue;
          const source: SourceRef = { file: clusterLocation(conn.context, r.kind, name, ns), document: 0, pointerPrefix: '', positions: fixedPositions({ line: 0, column: 0 }) };
          items.push({ apiVersion: raw.apiVersion as string, kind: r.kind, name, ...(ns ? { namespace: ns } : {}), labels: stringMap(md.labels), annotations: stringMap(md.annotations), raw, source });
        }
        const meta = isRecord(page.body.metadata) ? page.body.metadata : {};
        cont = typeof meta.continue === 'string' && meta.continue !== '' ? meta.continue : undefined;
      } while (cont);
      return items;
    });
    notCollected.sort((a, b) => `${a.group}/${a.resource}/${a.namespace ?? ''}`.localeCompare(`${b.group}/${b.resource}/${b.namespace ?? ''}`));
    for (const n of notCollected) {
      const what = `${n.resource}${n.group ? `.${n.group}` : ''} (${n.kind}, ${n.group ? `${n.group}/` : ''}${n.version})`;
      warnings.push(`not collected: ${what}${n.namespace ? ` in namespace ${n.namespace}` : ''}: ${n.status === 403 ? 'forbidden' : n.status === 0 ? 'no response' : `HTTP ${n.status}`}: ${n.reason}`);
    }
    if (client.retried.length) warnings.push(`${client.retried.length} request${client.retried.length === 1 ? '' : 's'} retried: ${client.retried.slice(0, 5).join('; ')}${client.retried.length > 5 ? '; …' : ''}`);
    return {
      objects: results.flat(),
      resources: resources.map((r) => `${r.group ? `${r.group}/` : ''}${r.version}/${r.name}`),
      notCollected,
      warnings,
    };
  } finally {
    client.close();
  }
}
