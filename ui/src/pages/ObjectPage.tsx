import { useApi } from '../useApi';
import { useLocation } from '../router';
import { objectLabel } from '../links';
import type { ObjectView } from '../types';
import { checkHref, FindingsTable, findingView, RouterLink } from '../kit';
import { Status } from '../components/Status';
import { DataView } from '../components/DataView';

function Part({ title, value, absent }: { title: string; value: unknown; absent: string }) {
  const empty = value === null || value === undefined || (Array.isArray(value) && value.length === 0);
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      {empty ? <p className="muted">{absent}</p> : <DataView value={value} />}
    </section>
  );
}

export function ObjectPage() {
  const { query } = useLocation();
  const q = { cluster: query.get('cluster'), namespace: query.get('namespace'), kind: query.get('kind'), name: query.get('name') };
  const view = useApi<ObjectView>(q.kind && q.name ? '/api/v1/objects' : null, q);
  if (!q.kind || !q.name) return <p className="error">Which object? The link needs kind and name.</p>;
  const label = objectLabel({ kind: q.kind, namespace: q.namespace, name: q.name });
  const findings = view.data?.findings ?? [];
  return (
    <>
      <h1 tabIndex={-1}>{label}</h1>
      <p className="muted">Cluster {q.cluster ?? '–'} · from the latest scan</p>
      <Status loading={view.loading} error={view.error}>
        <section aria-label="findings">
          <h2>Findings ({findings.length})</h2>
          {findings.length === 0 ? (
            <p>No findings on this object.</p>
          ) : (
            <FindingsTable
              findings={findings.map(findingView)}
              checkHref={checkHref}
              link={RouterLink}
              keyOf={(_, i) => String(findings[i]!.id)}
              extra={(_, i) => (findings[i]!.status === 'excepted' ? <span className="tag">excepted</span> : null)}
            />
          )}
        </section>
        <Part title="RBAC power" value={view.data?.rbac} absent="Not in the latest scan (or this object has no service account power)." />
        <Part title="Network exposure" value={view.data?.exposure} absent="Not in the latest scan." />
        <Part title="Image vulnerabilities" value={view.data?.images} absent="No image scan for this object (scan with --images)." />
      </Status>
    </>
  );
}
