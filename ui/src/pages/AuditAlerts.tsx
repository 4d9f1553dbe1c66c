import { useApi } from '../useApi';
import { navigate, useLocation } from '../router';
import type { AuditAlert, List, Severity } from '../types';
import { ClusterSelect } from '../components/ClusterSelect';
import { SeverityBadge } from '../kit';
import { Status } from '../components/Status';
import { Pager } from '../components/Pager';

const LIMIT = 50;
const str = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** objectRef as the API server wrote it: resource, namespace/name, subresource. */
function objectRef(ref: unknown): string {
  if (!ref || typeof ref !== 'object') return '';
  const r = ref as Record<string, unknown>;
  const where = [r.namespace, r.name].filter(Boolean).map(String).join('/');
  return [r.resource, where, r.subresource].filter(Boolean).map(String).join(' ');
}

export function AuditAlerts() {
  const { query } = useLocation();
  const cluster = query.get('cluster') ?? '';
  const offset = Number(query.get('offset')) || 0;
  const list = useApi<List<AuditAlert>>('/api/v1/audit-alerts', { cluster, limit: LIMIT, offset });
  return (
    <>
      <h1 tabIndex={-1}>Audit alerts</h1>
      <ClusterSelect allowAll value={cluster} onChange={(v) => navigate(v ? `/audit?cluster=${encodeURIComponent(v)}` : '/audit', true)} />
      <Status loading={list.loading} error={list.error}>
        {list.data?.items.length === 0 ? (
          <p>
            No audit alerts. Upload them with <code>kubeward audit scan LOG -o json</code> to{' '}
            <code>POST /api/v1/audit-alerts?cluster=NAME</code>.
          </p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Severity</th>
                  <th scope="col">Rule</th>
                  <th scope="col">User</th>
                  <th scope="col">Request</th>
                  <th scope="col">What</th>
                  <th scope="col">Cluster</th>
                </tr>
              </thead>
              <tbody>
                {list.data?.items.map((a, i) => {
                  const sev = str(a.severity) as Severity;
                  return (
                    <tr key={str(a.id) || i}>
                      <td>{str(a.time ?? a.timestamp ?? a.createdAt)}</td>
                      <td>{sev ? <SeverityBadge severity={sev} /> : ''}</td>
                      <td>
                        <code>{str(a.ruleId ?? a.rule)}</code>
                      </td>
                      <td>{str(a.user ?? (a.subject as { user?: unknown } | undefined)?.user)}</td>
                      <td>
                        {str(a.verb)} {objectRef(a.objectRef)}
                      </td>
                      <td>{str(a.message ?? a.title)}</td>
                      <td>{str(a.cluster)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {list.data && list.data.total > LIMIT && (
          <Pager offset={offset} limit={LIMIT} total={list.data.total} onPage={(o) => navigate(`/audit?cluster=${encodeURIComponent(cluster)}&offset=${o}`, true)} />
        )}
      </Status>
    </>
  );
}
