import { randomUUID } from 'node:crypto';
import { BadRequest, prepareScan } from '../ingest.js';
import { NDJSON, ndjsonScan } from '../ingest-stream.js';
import { clusterName, integer, query, type Route, type ServerContext } from '../route.js';

const isStream = (v: unknown): v is AsyncIterable<Buffer> => typeof v === 'object' && v !== null && typeof (v as AsyncIterable<Buffer>)[Symbol.asyncIterator] === 'function';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function scanRoutes(ctx: ServerContext): Route[] {
  return [
    {
      method: 'POST', url: '/api/v1/scans', access: 'write:scans', bodyLimit: ctx.maxUploadBytes,
      handler: async (request, reply) => {
        const q = query(request);
        const cluster = clusterName(q.cluster, true);
        if (q.id !== undefined && !UUID.test(q.id)) throw new BadRequest(`id must be a UUID, got ${JSON.stringify(q.id.slice(0, 60))}`);
        const id = (q.id ?? randomUUID()).toLowerCase();
        const body = request.body as unknown;
        const streamed = isStream(body) && String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() === NDJSON;
        const { created, scan } = streamed
          ? await ctx.store.putScanStream(ndjsonScan(id, cluster, body, ctx.maxUploadBytes))
          : await ctx.store.putScan(prepareScan(id, cluster, body));
        if (scan.cluster !== cluster) return reply.code(409).send({ error: `scan ${id} is already stored for another cluster` });
        return reply.code(created ? 201 : 200).send({ id: scan.id, cluster: scan.cluster, findings: scan.findings, createdAt: scan.createdAt });
      },
    },
    {
      method: 'GET', url: '/api/v1/scans', access: 'read',
      handler: async (request) => {
        const q = query(request);
        return ctx.store.listScans(clusterName(q.cluster), integer(q.limit, 'limit', 50, 1, 500), integer(q.offset, 'offset', 0, 0, 1e9));
      },
    },
    {
      method: 'GET', url: '/api/v1/scans/:id', access: 'read',
      handler: async (request, reply) => {
        const scan = await ctx.store.getScan((request.params as { id: string }).id);
        return scan ?? reply.code(404).send({ error: 'no such scan' });
      },
    },
    {
      method: 'GET', url: '/api/v1/clusters', access: 'read',
      handler: async () => {
        const items = await ctx.store.listClusters();
        return { items, total: items.length };
      },
    },
    {
      method: 'GET', url: '/api/v1/trends', access: 'read',
      handler: async (request) => {
        const q = query(request);
        const days = integer(q.days, 'days', 30, 1, 3660);
        const items = await ctx.store.trends(clusterName(q.cluster), new Date(Date.now() - days * 86_400_000).toISOString());
        return { items, total: items.length };
      },
    },
  ];
}
