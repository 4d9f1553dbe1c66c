import { useApi } from '../useApi';
import { navigate, useLocation, Link } from '../router';
import { findingsHref } from '../links';
import type { Framework, List } from '../types';
import { ClusterSelect, useCluster } from '../components/ClusterSelect';
import { Score } from '../components/Score';
import { Status } from '../components/Status';

function Bar({ passed, failed, notEvaluated }: { passed: number; failed: number; notEvaluated: number }) {
  const total = Math.max(1, passed + failed + notEvaluated);
  return (
    <svg className="fw-bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true">
      <rect className="fill-pass" x={0} width={(passed / total) * 100} height={6} />
      <rect className="fill-fail" x={(passed / total) * 100} width={(failed / total) * 100} height={6} />
      <rect className="fill-none" x={((passed + failed) / total) * 100} width={(notEvaluated / total) * 100} height={6} />
    </svg>
  );
}

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
        {list.data?.items.map((fw) => {
          const count = (s: string) => fw.controls.filter((c) => c.status === s).length;
          const passed = count('passed');
          const failed = count('failed');
          const notEvaluated = count('not-evaluated');
          return (
            <details key={fw.id} className="card framework">
              <summary>
                <Score score={fw.score} /> <strong>{fw.name}</strong> — {passed} passed, {failed} failed, {notEvaluated} not
                evaluated
                <Bar passed={passed} failed={failed} notEvaluated={notEvaluated} />
              </summary>
              <table>
                <caption className="visually-hidden">{fw.name} controls</caption>
                <thead>
                  <tr>
                    <th scope="col">Control</th>
                    <th scope="col">Name</th>
                    <th scope="col">Status</th>
                    <th scope="col">Findings</th>
                  </tr>
                </thead>
                <tbody>
                  {fw.controls.map((c) => (
                    <tr key={c.id} className={`control-${c.status}`}>
                      <td>{c.id}</td>
                      <td>{c.name}</td>
                      <td>{c.status}</td>
                      <td>
                        {c.findings > 0 ? (
                          <Link href={findingsHref({ cluster, framework: `${fw.id}-${c.id}` })}>{c.findings}</Link>
                        ) : (
                          c.findings
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          );
        })}
      </Status>
    </>
  );
}
