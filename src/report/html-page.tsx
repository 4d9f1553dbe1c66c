import type { FrameworkCompliance } from '../frameworks/compliance.js';
import { complianceHeadline, controlResult, orderControls } from './compliance-text.js';
import { controlCounts, ControlsTable, FrameworkHeadline } from './components/FrameworkControls.js';
import { PostureScore } from './components/PostureScore.js';
import { SeverityBadge } from './components/SeverityBadge.js';
import { SeverityCounts } from './components/SeverityCounts.js';
import { SEVERITY_ORDER } from './components/severity.js';
import { frameworkRefs } from './framework-text.js';
import type { ReportCheck, Report, SuppressedFinding } from './report.js';
import { objectLabel } from './object-key.js';
import { postureScore } from './posture-score.js';
import { summaryText } from './summary-text.js';

/*
 * The body of `kubeward scan -o html` around the findings, rendered with react-dom/server's renderToStaticMarkup
 * (html.ts adds the head, the findings — written by findings-html.ts, the same markup as the shared FindingsTable —
 * the inline data and the filter script). The shared components (./components/) are the ones the dashboard uses;
 * what is here exists only in the report: the summary cards, the filter bar the inline script drives, suppressed
 * findings and the check help.
 */

export const checkAnchor = (id: string) => `check-${id}`;
export const checkHref = (id: string) => `#${checkAnchor(id)}`;

function Cards({ report }: { report: Report }) {
  const s = report.summary;
  return (
    <section className="cards">
      <div className="card">
        <span className="n">
          <PostureScore score={postureScore(report)} />
        </span>
        posture score
      </div>
      <div className="card card-wide">
        <SeverityCounts counts={s.findings} label="findings by severity" />
      </div>
      <div className="card">
        <span className="n">{s.objects}</span>objects
      </div>
      <div className="card">
        <span className="n">{s.files}</span>files
      </div>
      <div className="card">
        <span className="n">{s.suppressed}</span>suppressed
      </div>
    </section>
  );
}

function Compliance({ c }: { c: FrameworkCompliance }) {
  const controls = orderControls(c.controls).map((x) => ({ ...x, name: x.title }));
  return (
    <section className="compliance">
      <h2>Compliance: {c.title}</h2>
      <p>
        <FrameworkHeadline name={c.title} score={c.score === null ? null : c.score * 100} {...controlCounts(controls)} />
      </p>
      <p className="meta">
        {c.version}: {complianceHeadline(c)}
      </p>
      <ControlsTable name={c.title} controls={controls} lastColumn={{ title: 'Result', cell: (x) => controlResult(x) }} />
    </section>
  );
}

function Filters() {
  return (
    <section className="filters">
      <label>
        Search <input id="q" type="search" placeholder="object, file, message" />
      </label>
      {SEVERITY_ORDER.map((s) => (
        <label key={s}>
          <input type="checkbox" className="sev-filter" value={s} defaultChecked /> {s}
        </label>
      ))}
      <label>
        Check{' '}
        <select id="check">
          <option value="">All checks</option>
        </select>
      </label>
      <span id="shown" className="meta" />
    </section>
  );
}

function Suppressed({ list }: { list: readonly SuppressedFinding[] }) {
  if (list.length === 0) return null;
  return (
    <>
      <h2>Suppressed ({list.length})</h2>
      <table>
        <thead>
          <tr>
            <th>Check</th>
            <th>Object</th>
            <th>Location</th>
            <th>By</th>
            <th>Reason</th>
            <th>Owner</th>
            <th>Expires</th>
          </tr>
        </thead>
        <tbody>
          {list.map((s, i) => {
            const f = s.finding;
            return (
              <tr key={i}>
                <td>{f.checkId}</td>
                <td>{f.object ? objectLabel(f.object) : ''}</td>
                <td>{f.location.line > 0 ? `${f.location.file}:${f.location.line}` : f.location.file}</td>
                <td>{s.by}</td>
                <td>{s.reason}</td>
                <td>{s.owner ?? ''}</td>
                <td>{s.expires ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** One check's help: title, severity, description, remediation and framework references (report only). */
export function CheckHelp({ check: c }: { check: Pick<ReportCheck, 'id' | 'title' | 'severity' | 'description' | 'remediation' | 'frameworks'> }) {
  const refs = frameworkRefs(c.frameworks);
  return (
    <details id={checkAnchor(c.id)}>
      <summary>
        {c.id}: {c.title} <SeverityBadge severity={c.severity} />
      </summary>
      <p>{c.description}</p>
      <p>
        <strong>Remediation:</strong> {c.remediation}
      </p>
      {refs.length > 0 && (
        <p>
          <strong>References:</strong> {refs.join(', ')}
        </p>
      )}
    </details>
  );
}

/** The page above the findings: header, summary, warnings, compliance sections and the filter bar. */
export function ReportTop({ report }: { report: Report }) {
  return (
    <>
      <header>
        <h1>kubeward report</h1>
        <p className="meta">
          {summaryText(report)}. Scanned {report.scannedAt} by kubeward {report.tool.version}.
        </p>
      </header>
      <Cards report={report} />
      {report.warnings.length > 0 && (
        <section id="warnings">
          <h2>Warnings</h2>
          {report.warnings.map((w, i) => (
            <div key={i} className="warn">
              {w}
            </div>
          ))}
        </section>
      )}
      {(report.compliance ?? []).map((c) => (
        <Compliance key={c.framework} c={c} />
      ))}
      <Filters />
    </>
  );
}

/** The page below the findings: suppressed findings and the help of every check. */
export function ReportBottom({ report, checks }: { report: Report; checks: readonly ReportCheck[] }) {
  return (
    <>
      <Suppressed list={report.suppressed} />
      <section id="checks">
        <h2>Checks</h2>
        {checks.map((c) => (
          <CheckHelp key={c.id} check={c} />
        ))}
      </section>
    </>
  );
}
