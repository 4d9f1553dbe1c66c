import { BadRequest } from '../ingest.js';
import { clusterName, integer, query, type Route, type ServerContext } from '../route.js';

export function auditAlertRoutes(ctx: ServerContext): Route[] {
  return [
    {
      // An agent pushes `kubeward audit scan -o json` for its cluster: the same scope as a scan upload.
      method: 'POST', url: '/api/v1/audit-alerts', access: 'write:scans', bodyLimit: ctx.maxUploadBytes,
      handler: async (request, reply) => {
        const cluster = clusterName(query(request).cluster, true);
        const body = request.body as { kind?: unknown; alerts?: unknown } | null;
        if (typeof body !== 'object' || body === null || !Array.isArray(body.alerts)) throw new BadRequest('the body must be the AuditAlerts document of kubeward audit scan -o json (an "alerts" list)');
        const alerts = body.alerts.filter((a): a is Record<string, unknown> => typeof a === 'object' && a !== null && !Array.isArray(a));
        if (alerts.length !== body.alerts.length) throw new BadRequest('every entry of alerts must be an object');
        const stored = await ctx.store.addAuditAlerts(cluster, alerts);
        return reply.code(201).send({ cluster, alerts: stored });
      },
    },
    {
      method: 'GET', url: '/api/v1/audit-alerts', access: 'read',
      handler: async (request) => {
        const q = query(request);
        return ctx.store.listAuditAlerts(clusterName(q.cluster), integer(q.limit, 'limit', 100, 1, 1000), integer(q.offset, 'offset', 0, 0, 1e9));
      },
    },
  ];
}
