import { useState, type FormEvent } from 'react';
import { useApi } from '../useApi';
import { withQuery } from '../api';
import { Link, navigate, useLocation } from '../router';
import { objectHref, objectLabel } from '../links';
import { SEVERITIES, type Finding, type List } from '../types';
import { checkHref, FindingDetail, findingRowParts, findingView, SeverityBadge } from '../kit';
import { Status } from '../components/Status';
import { Pager } from '../components/Pager';
import { ClusterSelect } from '../components/ClusterSelect';
import { ExceptionForm } from '../components/ExceptionForm';

const LIMIT = 50;
const TEXT_FILTERS = [
  ['namespace', 'Namespace'],
  ['check', 'Check id'],
  ['framework', 'Framework'],
  ['q', 'Search'],
] as const;

function FindingRow({ finding, onChanged }: { finding: Finding; onChanged: () => void }) {
  const [excepting, setExcepting] = useState(false);
  const where = finding.file ? `${finding.file}${finding.line ? `:${finding.line}` : ''}` : '';
  return (
    <li className={`finding status-${finding.status}`} data-check={finding.checkId}>
      <details>
        <summary>
          <SeverityBadge severity={finding.severity} /> <span className="title">{finding.title}</span>{' '}
          <code className="muted">{finding.checkId}</code>
          {finding.status === 'excepted' && <span className="tag">excepted</span>}
        </summary>
        <div className="detail">
          <FindingDetail parts={findingRowParts(findingView(finding), checkHref)} />
          <p className="muted">
            {finding.cluster}
            {finding.container ? ` · container ${finding.container}` : ''}
            {where ? ` · ${where}` : ''}
            {finding.frameworks?.length ? ` · ${finding.frameworks.join(', ')}` : ''}
          </p>
          {finding.status === 'open' &&
            (excepting ? (
              <ExceptionForm target={finding} onCreated={onChanged} />
            ) : (
              <button type="button" onClick={() => setExcepting(true)}>
                Add an exception…
              </button>
            ))}
          <p className="muted">
            More about this check: <code>kubeward explain {finding.checkId}</code>
          </p>
          {finding.status === 'excepted' && <Link href="/exceptions">Manage exceptions</Link>}
        </div>
      </details>
      <Link className="object" href={objectHref(finding)}>
        {objectLabel(finding)}
      </Link>
    </li>
  );
}

export function Findings() {
  const { query } = useLocation();
  const get = (k: string) => query.get(k) ?? '';
  const severities = get('severity').split(',').filter(Boolean);
  const status = get('status') || 'open';
  const group = get('group');
  const offset = Number(get('offset')) || 0;
  const [text, setText] = useState<Record<string, string>>({});
  const textValue = (k: string) => text[k] ?? get(k);

  const set = (changes: Record<string, string | undefined>) => {
    const next: Record<string, string> = {};
    for (const [k, v] of query) next[k] = v;
    for (const [k, v] of Object.entries(changes)) {
      if (v) next[k] = v;
      else delete next[k];
    }
    if (!('offset' in changes)) delete next.offset;
    navigate(withQuery('/findings', next), true);
  };

  const sort = group === 'check' ? 'check' : group === 'object' ? 'name' : 'severity';
  const list = useApi<List<Finding>>('/api/v1/findings', {
    cluster: get('cluster'),
    namespace: get('namespace'),
    check: get('check'),
    framework: get('framework'),
    q: get('q'),
    severity: severities.join(','),
    status,
    sort,
    order: sort === 'severity' ? 'desc' : 'asc',
    limit: LIMIT,
    offset,
  });

  const applyText = (e: FormEvent) => {
    e.preventDefault();
    set(Object.fromEntries(TEXT_FILTERS.map(([k]) => [k, textValue(k).trim()])));
    setText({});
  };

  const items = list.data?.items ?? [];
  const groups = new Map<string, Finding[]>();
  for (const f of items) {
    const key = group === 'check' ? `${f.checkId} — ${f.title}` : group === 'object' ? `${f.cluster}: ${objectLabel(f)}` : '';
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }

  return (
    <>
      <h1 tabIndex={-1}>Findings</h1>
      <form className="filters" onSubmit={applyText} aria-label="filters">
        <ClusterSelect allowAll value={get('cluster')} onChange={(v) => set({ cluster: v })} />
        {TEXT_FILTERS.map(([k, label]) => (
          <label className="field" key={k}>
            <span>{label}</span>
            <input
              type={k === 'q' ? 'search' : 'text'}
              name={k}
              value={textValue(k)}
              onChange={(e) => setText({ ...text, [k]: e.target.value })}
            />
          </label>
        ))}
        <label className="field">
          <span>Status</span>
          <select name="status" value={status} onChange={(e) => set({ status: e.target.value })}>
            <option value="open">open</option>
            <option value="excepted">excepted</option>
            <option value="all">all</option>
          </select>
        </label>
        <label className="field">
          <span>Group by</span>
          <select name="group" value={group} onChange={(e) => set({ group: e.target.value })}>
            <option value="">nothing</option>
            <option value="check">check</option>
            <option value="object">object</option>
          </select>
        </label>
        <fieldset className="severities">
          <legend>Severity</legend>
          {SEVERITIES.map((s) => (
            <label key={s}>
              <input
                type="checkbox"
                name="severity"
                value={s}
                checked={severities.includes(s)}
                onChange={(e) => set({ severity: (e.target.checked ? [...severities, s] : severities.filter((x) => x !== s)).join(',') })}
              />{' '}
              {s}
            </label>
          ))}
        </fieldset>
        <button type="submit">Apply</button>
      </form>
      <Status loading={list.loading} error={list.error}>
        <p className="muted" aria-live="polite" id="findings-count">
          {`${list.data?.total ?? 0} ${status === 'all' ? '' : `${status} `}finding${list.data?.total === 1 ? '' : 's'}`}
        </p>
        {[...groups].map(([key, findings]) => (
          <section key={key || 'all'} aria-label={key || 'findings'}>
            {key && (
              <h2 className="group-head">
                {key} <span className="muted">({findings.length} on this page)</span>
              </h2>
            )}
            <ul className="findings">
              {findings.map((f) => (
                <FindingRow key={String(f.id)} finding={f} onChanged={list.reload} />
              ))}
            </ul>
          </section>
        ))}
        {list.data && list.data.total > LIMIT && (
          <Pager offset={offset} limit={LIMIT} total={list.data.total} onPage={(o) => set({ offset: String(o) })} />
        )}
      </Status>
    </>
  );
}
