import { useId, useState, type FormEvent } from 'react';
import { api } from '../api';
import type { Exception } from '../types';

export interface ExceptionTarget {
  checkId: string;
  cluster?: string | null;
  namespace?: string | null;
  kind?: string | null;
  name?: string | null;
}

/**
 * Create an exception (owner and reason required, expiry optional). With a target from a finding the scope can be
 * "this object" or "this check everywhere in the cluster"; without one every field is typed in.
 */
export function ExceptionForm({ target, onCreated }: { target?: ExceptionTarget; onCreated: (e: Exception) => void }) {
  const id = useId();
  const [checkId, setCheckId] = useState(target?.checkId ?? '');
  const [cluster, setCluster] = useState(target?.cluster ?? '');
  const [namespace, setNamespace] = useState(target?.namespace ?? '');
  const [kind, setKind] = useState(target?.kind ?? '');
  const [name, setName] = useState(target?.name ?? '');
  const [scope, setScope] = useState<'object' | 'check'>('object');
  const [owner, setOwner] = useState('');
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const whole = target && scope === 'check';
    try {
      const created = await api.post<Exception>('/api/v1/exceptions', {
        checkId: checkId.trim(),
        cluster: cluster.trim() || null,
        namespace: whole ? null : namespace.trim() || null,
        kind: whole ? null : kind.trim() || null,
        name: whole ? null : name.trim() || null,
        owner: owner.trim(),
        reason: reason.trim(),
        expires: expires || null, // YYYY-MM-DD, as <input type=date> gives it
      });
      setOwner('');
      setReason('');
      setExpires('');
      onCreated(created);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="exception-form" onSubmit={submit} aria-label="add exception">
      {target ? (
        <fieldset>
          <legend>Applies to</legend>
          <label>
            <input type="radio" name={`${id}-scope`} checked={scope === 'object'} onChange={() => setScope('object')} /> this
            object ({target.kind} {target.namespace ? `${target.namespace}/` : ''}
            {target.name})
          </label>
          <label>
            <input type="radio" name={`${id}-scope`} checked={scope === 'check'} onChange={() => setScope('check')} /> every
            object in {target.cluster ? `cluster ${target.cluster}` : 'every cluster'}
          </label>
        </fieldset>
      ) : (
        <div className="row">
          <label className="field">
            <span>Check id</span>
            <input required value={checkId} onChange={(e) => setCheckId(e.target.value)} placeholder="privileged-container" />
          </label>
          <label className="field">
            <span>Cluster (empty = all)</span>
            <input value={cluster} onChange={(e) => setCluster(e.target.value)} />
          </label>
          <label className="field">
            <span>Namespace</span>
            <input value={namespace} onChange={(e) => setNamespace(e.target.value)} />
          </label>
          <label className="field">
            <span>Kind</span>
            <input value={kind} onChange={(e) => setKind(e.target.value)} />
          </label>
          <label className="field">
            <span>Name</span>
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </label>
        </div>
      )}
      <div className="row">
        <label className="field">
          <span>Owner</span>
          <input required name="owner" value={owner} onChange={(e) => setOwner(e.target.value)} placeholder="team-payments" />
        </label>
        <label className="field grow">
          <span>Reason</span>
          <input required name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <label className="field">
          <span>Expires (optional)</span>
          <input type="date" name="expires" value={expires} onChange={(e) => setExpires(e.target.value)} />
        </label>
        <button type="submit" disabled={busy}>
          Add exception
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
