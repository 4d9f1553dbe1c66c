import type { ReactNode } from 'react';
import { findingRowParts } from './finding-row.js';
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
 * One finding as a table row: severity, check (linked) and title, location, and the detail (message, path,
 * evidence, fix). `class="f"` with `data-sev` and `data-check` is what the HTML report's filter script selects on.
 * The HTML report writes the same markup from the same findingRowParts without React (../findings-html.ts).
 */
export function FindingRow({ finding, checkHref, link: A = PlainLink, extra }: FindingRowProps) {
  const p = findingRowParts(finding, checkHref);
  return (
    <tr className="f" data-sev={p.severity} data-check={p.checkId}>
      <td>
        <SeverityBadge severity={p.severity} />
      </td>
      <td>
        <A href={p.checkHref} className="check">
          {p.checkId}
        </A>
        {p.title ? <div className="title">{p.title}</div> : null}
        {extra}
      </td>
      <td className="pos">{p.location}</td>
      <td>
        <FindingDetail parts={p} />
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
