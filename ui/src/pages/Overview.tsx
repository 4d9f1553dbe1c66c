import { useApi } from '../useApi';
import { Link } from '../router';
import { findingsHref, objectHref, objectLabel } from '../links';
import { SEVERITIES, type BySeverity, type Cluster, type Finding, type List, type TrendPoint } from '../types';
import { PostureScore, SeverityBadge, SeverityCounts } from '../kit';
import { Status } from '../components/Status';
import { TrendChart } from '../components/TrendChart';

function ClusterCard({ cluster }: { cluster: Cluster }) {
  const trend = useApi<List<TrendPoint>>('/api/v1/trends', { cluster: cluster.name, days: 30 });
  return (
    <section className="card cluster" aria-labelledby={`cluster-${cluster.name}`}>
      <div className="card-head">
        <h3 id={`cluster-${cluster.name}`}>{cluster.name}</h3>
        <PostureScore score={cluster.score} />
      </div>
      <p className="muted">
        Last scan: {cluster.lastScanAt ? new Date(cluster.lastScanAt).toLocaleString() : 'never'}
      </p>
      <SeverityCounts counts={cluster.bySeverity} label={`${cluster.name} findings by severity`} />
      <Status loading={trend.loading} error={trend.error}>
        <TrendChart points={trend.data?.items ?? []} label={`${cluster.name} posture score, last 30 days`} />
      </Status>
      <p>
        <Link href={findingsHref({ cluster: cluster.name })}>Findings in {cluster.name}</Link>
        {' · '}
        <Link href={`/frameworks?cluster=${encodeURIComponent(cluster.name)}`}>Frameworks</Link>
      </p>
    </section>
  );
}

export function Overview() {
  const clusters = useApi<List<Cluster>>('/api/v1/clusters');
  const top = useApi<List<Finding>>('/api/v1/findings', { status: 'open', sort: 'severity', order: 'desc', limit: 10 });
  const totals: BySeverity = {};
  for (const c of clusters.data?.items ?? []) for (const s of SEVERITIES) totals[s] = (totals[s] ?? 0) + (c.bySeverity[s] ?? 0);
  return (
    <>
      <h1 tabIndex={-1}>Overview</h1>
      <Status loading={clusters.loading} error={clusters.error}>
        {clusters.data?.items.length === 0 ? (
          <p>
            No scans yet. Upload one with <code>kubeward scan DIR -o json --upload URL --token T --cluster-name NAME</code>.
          </p>
        ) : (
          <>
            <section aria-labelledby="totals">
              <h2 id="totals">All clusters</h2>
              <SeverityCounts counts={totals} label="all clusters: findings by severity" />
            </section>
            <h2>Clusters</h2>
            <div className="cards">
              {clusters.data?.items.map((c) => (
                <ClusterCard key={c.name} cluster={c} />
              ))}
            </div>
            <section aria-labelledby="top-risks">
              <h2 id="top-risks">Top risks</h2>
              <Status loading={top.loading} error={top.error}>
                <ol className="top-risks">
                  {top.data?.items.map((f) => (
                    <li key={String(f.id)}>
                      <SeverityBadge severity={f.severity} /> <strong>{f.title}</strong> —{' '}
                      <Link href={objectHref(f)}>{objectLabel(f)}</Link> <span className="muted">({f.cluster})</span>
                    </li>
                  ))}
                </ol>
                <Link href={findingsHref({ severity: 'critical,high' })}>All critical and high findings</Link>
              </Status>
            </section>
          </>
        )}
      </Status>
    </>
  );
}
