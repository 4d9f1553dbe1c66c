import { useApi } from '../useApi';
import { navigate, useLocation } from '../router';
import type { Section } from '../types';
import { ClusterSelect, useCluster } from './ClusterSelect';
import { Status } from './Status';
import { DataView } from './DataView';
import { findEdges, Matrix } from './Matrix';

/** The RBAC and network pages: a section of the latest scan as a matrix when it has edges, else as data. */
export function SectionPage({ title, path, route, matrixCaption, absent }: { title: string; path: string; route: string; matrixCaption: string; absent: string }) {
  const { query } = useLocation();
  const cluster = useCluster(query.get('cluster'));
  const section = useApi<Section>(cluster ? path : null, { cluster });
  const data = section.data;
  const edges = data && data.available !== false ? findEdges(data) : null;
  return (
    <>
      <h1 tabIndex={-1}>{title}</h1>
      <ClusterSelect value={cluster} onChange={(v) => navigate(`${route}?cluster=${encodeURIComponent(v)}`, true)} />
      <Status loading={section.loading} error={section.error}>
        {data?.available === false ? (
          <p>Not in the latest scan. {absent}</p>
        ) : data ? (
          <>
            {edges && <Matrix edges={edges} caption={matrixCaption} />}
            <details>
              <summary>All data</summary>
              <DataView value={data} />
            </details>
          </>
        ) : null}
      </Status>
    </>
  );
}
