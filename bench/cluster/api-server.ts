/**
 * A loopback stand-in for a kube-apiserver's read path at scale: discovery (/api/v1, /apis, /apis/apps/v1) and
 * paginated lists (`limit`/`continue`) of N generated objects, with the metadata a real server adds (uid,
 * resourceVersion, creationTimestamp, managedFields) and Deployment status, so pages are as large as real ones.
 * Pages of the client's default size are serialised before the server says it is ready: the benchmark then
 * measures the scanner, not this server. Run as its own process: `node --import tsx bench/cluster/api-server.ts N`;
 * it prints `ready <port>` and serves until killed.
 */
import { createServer } from 'node:http';
import { loadAll } from 'js-yaml';
import { generateManifests } from '../generate.js';

type Obj = { apiVersion: string; kind: string; metadata: Record<string, unknown>; [k: string]: unknown };
interface Resource { group: string; version: string; name: string; kind: string; namespaced: boolean }

const RESOURCES: Resource[] = [
  { group: '', version: 'v1', name: 'namespaces', kind: 'Namespace', namespaced: false },
  { group: '', version: 'v1', name: 'services', kind: 'Service', namespaced: true },
  { group: '', version: 'v1', name: 'configmaps', kind: 'ConfigMap', namespaced: true },
  { group: 'apps', version: 'v1', name: 'deployments', kind: 'Deployment', namespaced: true },
];
const PAGE = 500;

function served(o: Obj, i: number): Obj {
  const t = new Date(Date.UTC(2026, 0, 1, 0, 0, i % 3600)).toISOString().replace('.000', '');
  o.metadata = {
    ...o.metadata, uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, resourceVersion: String(1000 + i), generation: 1, creationTimestamp: t,
    managedFields: [{ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: o.apiVersion, time: t, fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } }, 'f:spec': { 'f:replicas': {}, 'f:selector': {}, 'f:template': { 'f:spec': { 'f:containers': {} } } } } }],
  };
  if (o.kind === 'Deployment') o.status = { observedGeneration: 1, replicas: 2, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 2, conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', lastUpdateTime: t, lastTransitionTime: t }] };
  return o;
}

function build(n: number): Map<string, Obj[]> {
  const byResource = new Map<string, Obj[]>(RESOURCES.map((r) => [r.name, []]));
  let i = 0;
  const namespaces = new Set<string>();
  for (const f of generateManifests(n)) {
    for (const doc of loadAll(f.text) as Obj[]) {
      const r = RESOURCES.find((x) => x.kind === doc.kind)!;
      byResource.get(r.name)!.push(served(doc, i++));
      namespaces.add(doc.metadata.namespace as string);
    }
  }
  for (const ns of namespaces) byResource.get('namespaces')!.push(served({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } }, i++));
  return byResource;
}

function listPage(r: Resource, items: Obj[], from: number, limit: number): string {
  const next = from + limit < items.length ? String(from + limit) : '';
  return JSON.stringify({ kind: `${r.kind}List`, apiVersion: r.group ? `${r.group}/${r.version}` : r.version, metadata: { resourceVersion: '999999', ...(next ? { continue: next, remainingItemCount: items.length - from - limit } : {}) }, items: items.slice(from, from + limit) });
}

const n = Number(process.argv[2] ?? 100_000);
const objects = build(n);
const pages = new Map<string, string>();
for (const r of RESOURCES) {
  const items = objects.get(r.name)!;
  for (let from = 0; from < Math.max(items.length, 1); from += PAGE) pages.set(`${r.name}@${from}`, listPage(r, items, from, PAGE));
}
const discovery = new Map<string, string>([
  ['/api/v1', JSON.stringify({ kind: 'APIResourceList', groupVersion: 'v1', resources: RESOURCES.filter((r) => !r.group).map((r) => ({ name: r.name, kind: r.kind, namespaced: r.namespaced, verbs: ['get', 'list', 'watch'] })) })],
  ['/apis', JSON.stringify({ kind: 'APIGroupList', groups: [{ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } }] })],
  ['/apis/apps/v1', JSON.stringify({ kind: 'APIResourceList', groupVersion: 'apps/v1', resources: RESOURCES.filter((r) => r.group).map((r) => ({ name: r.name, kind: r.kind, namespaced: r.namespaced, verbs: ['get', 'list', 'watch'] })) })],
]);

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const send = (status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  };
  const d = discovery.get(url.pathname);
  if (d) return send(200, d);
  const r = RESOURCES.find((x) => url.pathname === (x.group ? `/apis/${x.group}/${x.version}/${x.name}` : `/api/${x.version}/${x.name}`));
  if (!r) return send(404, JSON.stringify({ kind: 'Status', status: 'Failure', message: `${url.pathname} not found`, code: 404 }));
  const from = Number(url.searchParams.get('continue') ?? 0);
  const limit = Number(url.searchParams.get('limit') ?? 0) || objects.get(r.name)!.length;
  send(200, limit === PAGE && pages.has(`${r.name}@${from}`) ? pages.get(`${r.name}@${from}`)! : listPage(r, objects.get(r.name)!, from, limit));
});
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  console.log(`ready ${typeof addr === 'object' && addr ? addr.port : 0} ${[...objects.values()].reduce((s, l) => s + l.length, 0)} ${[...pages.values()].reduce((s, p) => s + p.length, 0)}`);
});
