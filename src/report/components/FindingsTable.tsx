import type { ReactNode } from 'react';
import { locationText } from './finding-text.js';
import { FindingDetail } from './FindingDetail.js';
import { SeverityBadge } from './SeverityBadge.js';
import { PlainLink, type FindingView, type LinkComponent } from './types.js';

export interface FindingRowProps {
  finding: FindingView;
  /** Where the check id links to: the report's check help (`#check-ID`), the dashboard's findings of that check. */
  checkHref: (checkId: string) => string;
  link?: LinkComponent;
  /** Extra content after the check title (the dashboard's "excepted" tag). */
  extra?: ReactNode;
}

/**
 * One finding as a table row: severity, check (linked), location, and the detail (message, path, evidence, fix).
 * `class="f"` with `data-sev` and `data-check` is what the HTML report's filter script selects on.
 */
export function FindingRow({ finding: f, checkHref, link: A = PlainLink, extra }: FindingRowProps) {
  return (
    <tr className="f" data-sev={f.severity} data-check={f.checkId}>
      <td>
        <SeverityBadge severity={f.severity} />
      </td>
      <td>
        <A href={checkHref(f.checkId)} className="check">
          {f.checkId}
        </A>
        {f.title ? <div className="title">{f.title}</div> : null}
        {extra}
      </td>
      <td className="pos">{locationText(f)}</td>
      <td>
        <FindingDetail finding={f} />
      </td>
    </tr>
  );
}

export interface FindingsTableProps {
  findings: readonly FindingView[];
  checkHref: (checkId: string) => string;
  link?: LinkComponent;
  /** A key per finding (defaults to its index) and extra cell content per finding. */
  keyOf?: (f: FindingView, i: number) => string;
  extra?: (f: FindingView, i: number) => ReactNode;
}

/** The findings of one object (a section of the HTML report, the dashboard's object page). */
export function FindingsTable({ findings, checkHref, link, keyOf, extra }: FindingsTableProps) {
  return (
    <table className="findings-table">
      <thead>
        <tr>
          <th scope="col">Severity</th>
          <th scope="col">Check</th>
          <th scope="col">Line</th>
          <th scope="col">Finding</th>
        </tr>
      </thead>
      <tbody>
        {findings.map((f, i) => (
          <FindingRow key={keyOf ? keyOf(f, i) : i} finding={f} checkHref={checkHref} link={link} extra={extra?.(f, i)} />
        ))}
      </tbody>
    </table>
  );
}
