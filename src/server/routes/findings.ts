import { SEVERITIES } from '../../engine/posture-score.js';
import type { Severity } from '../../model/finding.js';
import { BadRequest } from '../ingest.js';
import { clusterName, integer, oneOf, query, type Query, type Route, type ServerContext } from '../route.js';
import { FINDING_SORTS, type FindingQuery } from '../store/types.js';

function severities(value: string | undefined): Severity[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const s of list) if (!(SEVERITIES as readonly string[]).includes(s)) throw new BadRequest(`severity must be a comma-separated list of ${SEVERITIES.join(', ')}, got ${JSON.stringify(s)}`);
  return list as Severity[];
}

const text = (v: string | undefined, name: string): string | undefined => {
  if (v !== undefined && v.length > 512) throw new BadRequest(`${name} is longer than 512 characters`);
  return v;
};

export function findingQuery(q: Query): FindingQuery {
  return {
    cluster: clusterName(q.cluster),
    scan: text(q.scan, 'scan') ?? 'latest',
    namespace: text(q.namespace, 'namespace'),
    kind: text(q.kind, 'kind'),
    name: text(q.name, 'name'),
    check: text(q.check, 'check'),
    severity: severities(q.severity),
    framework: text(q.framework, 'framework'),
    status: oneOf(q.status, 'status', ['open', 'excepted', 'all'] as const, 'all'),
    q: text(q.q, 'q'),
    sort: oneOf(q.sort, 'sort', FINDING_SORTS, 'severity'),
    order: oneOf(q.order, 'order', ['asc', 'desc'] as const, q.sort === undefined || q.sort === 'severity' ? 'desc' : 'asc'),
    limit: integer(q.limit, 'limit', 50, 1, 500),
    offset: integer(q.offset, 'offset', 0, 0, 1e9),
  };
}

export function findingRoutes(ctx: ServerContext): Route[] {
  return [
    {
      method: 'GET', url: '/api/v1/findings', access: 'read',
      handler: async (request) => ctx.store.queryFindings(findingQuery(query(request))),
    },
    {
      method: 'GET', url: '/api/v1/frameworks', access: 'read',
      handler: async (request) => {
        const items = (await ctx.store.frameworks(clusterName(query(request).cluster, true))) ?? [];
        return { items, total: items.length };
      },
    },
    {
      method: 'GET', url: '/api/v1/objects', access: 'read',
      handler: async (request, reply) => {
        const q = query(request);
        const cluster = clusterName(q.cluster, true);
        if (q.kind === undefined || q.name === undefined) throw new BadRequest('kind and name are required (and namespace for a namespaced object)');
        const scan = await ctx.store.latestScanId(cluster);
        if (!scan) return reply.code(404).send({ error: `no scan of cluster ${cluster}` });
        const namespace = q.namespace ?? '';
        const findings = await ctx.store.queryFindings({
          cluster, scan, namespace, kind: text(q.kind, 'kind'), name: text(q.name, 'name'), status: 'all', sort: 'severity', order: 'desc', limit: 500, offset: 0,
        });
        const sections = (await ctx.store.sections(cluster)) ?? {};
        const key = `${q.kind}/${namespace}/${q.name}`;
        const pick = (section: unknown): unknown => {
          const byObject = (section as { byObject?: Record<string, unknown> } | undefined)?.byObject;
          return byObject && typeof byObject === 'object' ? byObject[key] ?? null : null;
        };
        const images = pick(sections.images);
        return {
          object: { cluster, namespace, kind: q.kind, name: q.name },
          findings: findings.items,
          rbac: pick(sections.rbac),
          exposure: pick(sections.exposure ?? sections.netpol),
          images: Array.isArray(images) ? images : [],
        };
      },
    },
    ...(['rbac', 'netpol'] as const).map((section): Route => ({
      method: 'GET', url: `/api/v1/${section}`, access: 'read',
      handler: async (request) => {
        const sections = await ctx.store.sections(clusterName(query(request).cluster, true));
        const value = sections?.[section] ?? (section === 'netpol' ? sections?.network : undefined);
        return value === undefined ? { available: false } : { available: true, [section]: value };
      },
    })),
  ];
}
