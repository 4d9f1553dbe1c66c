import type { ReactNode } from 'react';
import { statusLabel } from '../compliance-text.js';
import { PostureScore } from './PostureScore.js';
import type { ControlView } from './types.js';

export interface ControlCounts {
  passed: number;
  failed: number;
  notEvaluated: number;
}

/** Passed / failed / not evaluated as a stacked bar (decoration: the counts are written out beside it). */
export function ControlsBar({ passed, failed, notEvaluated }: ControlCounts) {
  const total = Math.max(1, passed + failed + notEvaluated);
  return (
    <svg className="fw-bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true">
      <rect className="fill-pass" x={0} width={(passed / total) * 100} height={6} />
      <rect className="fill-fail" x={(passed / total) * 100} width={(failed / total) * 100} height={6} />
      <rect className="fill-none" x={((passed + failed) / total) * 100} width={(notEvaluated / total) * 100} height={6} />
    </svg>
  );
}

/** A framework's headline: its score (0–100), its name and how many controls passed, failed, were not evaluated. */
export function FrameworkHeadline({ name, score, passed, failed, notEvaluated }: ControlCounts & { name: string; score: number | null }) {
  return (
    <span className="fw-head">
      <PostureScore score={score} title="compliance score, 0–100 (share of evaluated controls passed)" /> <strong>{name}</strong> —{' '}
      {passed} passed, {failed} failed, {notEvaluated} not evaluated
      <ControlsBar passed={passed} failed={failed} notEvaluated={notEvaluated} />
    </span>
  );
}

/** The counts of a list of controls. */
export function controlCounts(controls: readonly ControlView[]): ControlCounts {
  const out = { passed: 0, failed: 0, notEvaluated: 0 };
  for (const c of controls) {
    if (c.status === 'passed') out.passed++;
    else if (c.status === 'failed') out.failed++;
    else out.notEvaluated++;
  }
  return out;
}

export interface ControlsTableProps<C extends ControlView> {
  name: string;
  controls: readonly C[];
  /** The last column: the report's result ("3/4 resources pass", or why not evaluated), the dashboard's findings link. */
  lastColumn: { title: string; cell: (c: C) => ReactNode };
}

/** One row per control: id, name, status (passed, FAILED, not evaluated) and one more column chosen by the face. */
export function ControlsTable<C extends ControlView>({ name, controls, lastColumn }: ControlsTableProps<C>) {
  return (
    <table className="controls">
      <caption className="visually-hidden">{name} controls</caption>
      <thead>
        <tr>
          <th scope="col">Control</th>
          <th scope="col">Name</th>
          <th scope="col">Status</th>
          <th scope="col">{lastColumn.title}</th>
        </tr>
      </thead>
      <tbody>
        {controls.map((c) => (
          <tr key={c.id} className={`control-${c.status}`}>
            <td>{c.id}</td>
            <td>{c.name}</td>
            <td className="status">{statusLabel(c.status)}</td>
            <td>{lastColumn.cell(c)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
