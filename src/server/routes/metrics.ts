import type { Route, ServerContext } from '../route.js';

const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** The Prometheus text exposition (format 0.0.4) of the latest scans and the requests served. */
export async function metricsText(ctx: ServerContext): Promise<string> {
  const m = await ctx.store.metrics();
  const lines = [
    '# HELP kubeward_findings Findings in the latest scan of each cluster, by severity.',
    '# TYPE kubeward_findings gauge',
    ...m.findings.map((f) => `kubeward_findings{cluster="${label(f.cluster)}",severity="${f.severity}"} ${f.count}`),
    '# HELP kubeward_last_scan_timestamp_seconds When the latest scan of each cluster was received (Unix time).',
    '# TYPE kubeward_last_scan_timestamp_seconds gauge',
    ...m.lastScan.map((s) => `kubeward_last_scan_timestamp_seconds{cluster="${label(s.cluster)}"} ${Math.floor(Date.parse(s.at) / 1000)}`),
    '# HELP kubeward_http_requests_total HTTP requests answered, by route and status.',
    '# TYPE kubeward_http_requests_total counter',
    ...[...ctx.requests].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => {
      const [route, status] = key.split('\t');
      return `kubeward_http_requests_total{route="${label(route!)}",status="${status}"} ${n}`;
    }),
  ];
  return lines.join('\n') + '\n';
}

export function metricsRoutes(ctx: ServerContext): Route[] {
  return [
    {
      method: 'GET', url: '/metrics', access: 'read',
      handler: async (_request, reply) => reply.type('text/plain; version=0.0.4; charset=utf-8').send(await metricsText(ctx)),
    },
    { method: 'GET', url: '/healthz', access: 'public', handler: async () => ({ ok: true }) },
  ];
}
