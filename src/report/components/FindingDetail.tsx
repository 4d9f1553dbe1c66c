import type { FindingRowParts } from './finding-row.js';

/** A finding's evidence: `found: <code>…</code>; expected: <code>…</code>` (already redacted upstream). */
export function Evidence({ evidence: e }: { evidence: FindingRowParts['evidence'] }) {
  if (!e) return null;
  return (
    <div className="ev">
      {e.found !== undefined && (
        <>
          found: <code>{e.found}</code>
        </>
      )}
      {e.found !== undefined && e.expected !== undefined && '; '}
      {e.expected !== undefined && (
        <>
          expected: <code>{e.expected}</code>
        </>
      )}
    </div>
  );
}

/** What is wrong and how to fix it: message, field path, evidence and fix, in this order, in both faces. */
export function FindingDetail({ parts: p }: { parts: Pick<FindingRowParts, 'message' | 'path' | 'evidence' | 'fix'> }) {
  return (
    <div className="fd">
      <div className="msg">{p.message}</div>
      {p.path ? <div className="path">{p.path}</div> : null}
      <Evidence evidence={p.evidence} />
      {p.fix ? (
        <div className="fix">
          <strong>Fix:</strong> {p.fix}
        </div>
      ) : null}
    </div>
  );
}
