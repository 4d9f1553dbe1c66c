import { useApi } from '../useApi';
import { navigate, useLocation, Link } from '../router';
import { findingsHref } from '../links';
import type { Framework, List } from '../types';
import { ClusterSelect, useCluster } from '../components/ClusterSelect';
import { controlCounts, ControlsTable, FrameworkHeadline } from '../kit';
import { Status } from '../components/Status';

export function Frameworks() {
  const { query } = useLocation();
  const cluster = useCluster(query.get('cluster'));
  const list = useApi<List<Framework>>(cluster ? '/api/v1/frameworks' : null, { cluster });
  return (
    <>
      <h1 tabIndex={-1}>Frameworks</h1>
      <ClusterSelect value={cluster} onChange={(v) => navigate(`/frameworks?cluster=${encodeURIComponent(v)}`, true)} />
      <Status loading={list.loading} error={list.error}>
        {list.data?.items.length === 0 && <p>The latest scan of {cluster} carried no framework results.</p>}
        {list.data?.items.map((fw) => (
          <details key={fw.id} className="card framework">
            <summary>
              <FrameworkHeadline name={fw.name} score={fw.score} {...controlCounts(fw.controls)} />
            </summary>
            <ControlsTable
              name={fw.name}
              controls={fw.controls}
              lastColumn={{
                title: 'Findings',
                cell: (c) =>
                  c.findings > 0 ? <Link href={findingsHref({ cluster, framework: `${fw.id}-${c.id}` })}>{c.findings}</Link> : c.findings,
              }}
            />
          </details>
        ))}
      </Status>
    </>
  );
}
