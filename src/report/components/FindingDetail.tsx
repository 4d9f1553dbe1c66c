import { evidenceParts } from './finding-text.js';
import type { FindingView } from './types.js';

/** A finding's evidence: `found: <code>…</code>; expected: <code>…</code>` (already redacted upstream). */
export function Evidence({ evidence }: { evidence: FindingView['evidence'] }) {
  const e = evidenceParts(evidence);
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
export function FindingDetail({ finding }: { finding: FindingView }) {
  return (
    <div className="fd">
      <div className="msg">{finding.message}</div>
      {finding.path ? <div className="path">{finding.path}</div> : null}
      <Evidence evidence={finding.evidence} />
      {finding.fix ? (
        <div className="fix">
          <strong>Fix:</strong> {finding.fix}
        </div>
      ) : null}
    </div>
  );
}
