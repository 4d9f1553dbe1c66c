import { useState } from 'react';
import { api } from '../api';
import { useApi } from '../useApi';
import type { Exception, List } from '../types';
import { Status } from '../components/Status';
import { ExceptionForm } from '../components/ExceptionForm';

function expired(e: Exception): boolean {
  return e.expires !== null && Date.parse(e.expires) < Date.now();
}

export function Exceptions() {
  const list = useApi<List<Exception>>('/api/v1/exceptions');
  const [message, setMessage] = useState<string>();
  const remove = async (e: Exception) => {
    if (!window.confirm(`Delete the exception for ${e.checkId} (owner ${e.owner})?`)) return;
    try {
      await api.del(`/api/v1/exceptions/${encodeURIComponent(String(e.id))}`);
      setMessage(`Deleted the exception for ${e.checkId}.`);
      list.reload();
    } catch (err) {
      setMessage(`Could not delete: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return (
    <>
      <h1 tabIndex={-1}>Exceptions</h1>
      <p className="muted">
        A finding that matches an unexpired exception is <em>excepted</em>. CI scans can use the same list:{' '}
        <a href="/api/v1/exceptions/policy">download as a kubeward policy file</a> for <code>kubeward scan --config</code>.
      </p>
      <p aria-live="polite">{message}</p>
      <Status loading={list.loading} error={list.error}>
        {list.data?.items.length === 0 ? (
          <p>No exceptions.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Check</th>
                  <th scope="col">Applies to</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Expires</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data?.items.map((e) => (
                  <tr key={String(e.id)} className={expired(e) ? 'expired' : undefined}>
                    <td>
                      <code>{e.checkId}</code>
                    </td>
                    <td>
                      {[e.cluster ?? 'every cluster', e.namespace, e.kind, e.name].filter(Boolean).join(' / ')}
                    </td>
                    <td>{e.owner}</td>
                    <td>{e.reason}</td>
                    <td>{e.expires ? `${new Date(e.expires).toLocaleDateString()}${expired(e) ? ' (expired)' : ''}` : 'never'}</td>
                    <td>
                      <button type="button" onClick={() => remove(e)} aria-label={`Delete the exception for ${e.checkId}`}>
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Status>
      <h2>New exception</h2>
      <ExceptionForm
        onCreated={(e) => {
          setMessage(`Added an exception for ${e.checkId}.`);
          list.reload();
        }}
      />
    </>
  );
}
