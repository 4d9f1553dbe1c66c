/**
 * Create objects in a test API server through the API (no kubectl): kinds are mapped to resources by discovery,
 * namespaces (with their `default` ServiceAccount: no controller-manager runs) are created first.
 */
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { ApiServer } from './apiserver.js';

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } & Record<string, unknown> } & Record<string, unknown>;

/** The well-formed objects of YAML files (documents that do not parse, or are not objects, are left out). */
export function objectsOf(files: string[]): Obj[] {
  const out: Obj[] = [];
  for (const f of files) {
    for (const doc of parseAllDocuments(readFileSync(f, 'utf8'))) {
      if (doc.errors.length) continue;
      const v = doc.toJS() as Obj | null;
      if (v && typeof v === 'object' && typeof v.kind === 'string' && typeof v.apiVersion === 'string' && v.metadata?.name) out.push(v);
    }
  }
  return out;
}

interface Resource { name: string; namespaced: boolean }

async function resourceOf(api: ApiServer, cache: Map<string, Map<string, Resource>>, apiVersion: string): Promise<Map<string, Resource>> {
  let m = cache.get(apiVersion);
  if (m) return m;
  const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const r = await api.request<{ resources: { name: string; kind: string; namespaced: boolean }[] }>('GET', path);
  if (r.status !== 200) throw new Error(`discovery ${path}: ${r.status}`);
  m = new Map(r.body.resources.filter((x) => !x.name.includes('/')).map((x) => [x.kind, { name: x.name, namespaced: x.namespaced }]));
  cache.set(apiVersion, m);
  return m;
}

export async function ensureNamespace(api: ApiServer, ns: string): Promise<void> {
  const r = await api.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  if (r.status !== 201 && r.status !== 409) throw new Error(`create namespace ${ns}: ${r.status} ${r.text}`);
  const sa = await api.request('POST', `/api/v1/namespaces/${ns}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } });
  if (sa.status !== 201 && sa.status !== 409) throw new Error(`create ${ns}/default ServiceAccount: ${sa.status} ${sa.text}`);
}

/**
 * Create each object (as admin); returns the objects created, with the namespace they landed in. With
 * `rejected`, an object the server does not serve or refuses is named there instead of failing the call.
 */
export async function applyObjects(api: ApiServer, objects: Obj[], rejected?: string[]): Promise<Obj[]> {
  const cache = new Map<string, Map<string, Resource>>();
  const created: Obj[] = [];
  const namespaces = new Set(['default']);
  const served: Obj[] = [];
  for (const o of objects) {
    const res = await resourceOf(api, cache, o.apiVersion).then((m) => m.get(o.kind), (e: Error) => {
      if (rejected) return undefined;
      throw e;
    });
    if (!res) {
      if (rejected) {
        rejected.push(`${o.apiVersion} ${o.kind} ${o.metadata.name}: not served`);
        continue;
      }
      throw new Error(`no resource for ${o.apiVersion} ${o.kind}`);
    }
    if (res.namespaced) namespaces.add(o.metadata.namespace ?? 'default');
    served.push(o);
  }
  for (const ns of namespaces) await ensureNamespace(api, ns);
  for (const o of served) {
    const res = (await resourceOf(api, cache, o.apiVersion)).get(o.kind)!;
    const ns = res.namespaced ? o.metadata.namespace ?? 'default' : undefined;
    const base = o.apiVersion.includes('/') ? `/apis/${o.apiVersion}` : `/api/${o.apiVersion}`;
    const path = ns ? `${base}/namespaces/${ns}/${res.name}` : `${base}/${res.name}`;
    const body = { ...o, metadata: { ...o.metadata, ...(ns ? { namespace: ns } : {}) } };
    const r = await api.request('POST', path, body);
    if (r.status === 409) continue;
    if (r.status !== 201 && rejected) {
      rejected.push(`${o.kind} ${ns ?? ''}/${o.metadata.name}: ${r.status} ${r.text.slice(0, 200)}`);
      continue;
    }
    if (r.status !== 201) throw new Error(`create ${o.kind} ${ns ?? ''}/${o.metadata.name}: ${r.status} ${r.text.slice(0, 300)}`);
    created.push(body);
  }
  return created;
}
