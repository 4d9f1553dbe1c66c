import { stringify } from 'yaml';
import { BadRequest } from '../ingest.js';
import { clusterName, query, type Route, type ServerContext } from '../route.js';
import type { ExceptionInput, ExceptionItem } from '../store/types.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function optionalText(body: Record<string, unknown>, key: string): string | null {
  const v = body[key];
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' || v.length > 253) throw new BadRequest(`${key} must be a string of at most 253 characters, or null`);
  return v.trim();
}

function requiredText(body: Record<string, unknown>, key: string): string {
  const v = body[key];
  if (typeof v !== 'string' || v.trim() === '') throw new BadRequest(`${key} is required (a non-empty string)`);
  if (v.length > 2000) throw new BadRequest(`${key} is longer than 2000 characters`);
  return v.trim();
}

/** Check a new exception: checkId, owner and reason required; expires a real date written YYYY-MM-DD (or an ISO date-time). */
export function exceptionInput(body: unknown): ExceptionInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequest('the body must be a JSON object');
  const b = body as Record<string, unknown>;
  let expires = optionalText(b, 'expires');
  if (expires !== null) {
    const day = expires.slice(0, 10);
    const m = DATE.exec(day);
    if (!m || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day || (expires.length > 10 && Number.isNaN(Date.parse(expires)))) {
      throw new BadRequest(`expires must be a date written YYYY-MM-DD, got ${JSON.stringify(expires)}`);
    }
    expires = day;
  }
  return {
    checkId: requiredText(b, 'checkId'),
    cluster: clusterName(optionalText(b, 'cluster') ?? undefined) ?? null,
    namespace: optionalText(b, 'namespace'),
    kind: optionalText(b, 'kind'),
    name: optionalText(b, 'name'),
    owner: requiredText(b, 'owner'),
    reason: requiredText(b, 'reason'),
    expires,
  };
}

/** The exceptions as a kubeward exceptions file (`exceptions:` list), for `kubeward scan --exceptions` or `--config`. */
export function exceptionsPolicy(items: readonly ExceptionItem[], cluster: string | undefined): string {
  const entries = items.filter((e) => cluster === undefined || e.cluster === null || e.cluster === cluster).map((e) => {
    const object: Record<string, string> = {};
    if (e.kind) object.kind = e.kind;
    if (e.namespace) object.namespace = e.namespace;
    if (e.name) object.name = e.name;
    return {
      check: e.checkId,
      ...(Object.keys(object).length ? { object } : {}),
      reason: e.reason,
      owner: e.owner,
      ...(e.expires ? { expires: e.expires } : {}),
    };
  });
  const head = `# kubeward exceptions exported by kubeward serve${cluster ? ` for cluster ${cluster}` : ''} (${new Date().toISOString()})\n`;
  return head + stringify({ exceptions: entries });
}

export function exceptionRoutes(ctx: ServerContext): Route[] {
  return [
    {
      method: 'GET', url: '/api/v1/exceptions', access: 'read',
      handler: async () => {
        const items = await ctx.store.listExceptions();
        return { items, total: items.length };
      },
    },
    {
      method: 'POST', url: '/api/v1/exceptions', access: 'admin',
      handler: async (request, reply) => reply.code(201).send(await ctx.store.createException(exceptionInput(request.body))),
    },
    {
      method: 'DELETE', url: '/api/v1/exceptions/:id', access: 'admin',
      handler: async (request, reply) => {
        const ok = await ctx.store.deleteException((request.params as { id: string }).id);
        return ok ? reply.code(204).send() : reply.code(404).send({ error: 'no such exception' });
      },
    },
    {
      method: 'GET', url: '/api/v1/exceptions/policy', access: 'read',
      handler: async (request, reply) => {
        const cluster = clusterName(query(request).cluster);
        return reply.type('application/yaml; charset=utf-8').send(exceptionsPolicy(await ctx.store.listExceptions(), cluster));
      },
    },
  ];
}
