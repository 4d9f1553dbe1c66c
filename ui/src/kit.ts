/**
 * The presentational components the dashboard shares with `kubeward scan -o html` (src/report/components/, one
 * copy, rendered here in the browser and there with react-dom/server), and how the dashboard feeds them: a server
 * finding item as a FindingView, and the in-page router Link for their links.
 */
import type { FindingView, LinkComponent } from '../../src/report/components/index.js';
import { findingsHref } from './links';
import { Link } from './router';
import type { Finding } from './types';

export {
  ControlsTable,
  controlCounts,
  FindingDetail,
  FindingsTable,
  findingRowParts,
  FrameworkHeadline,
  PostureScore,
  SeverityBadge,
  SeverityCounts,
  type FindingView,
} from '../../src/report/components/index.js';

/** A server finding item (GET /api/v1/findings, /objects) as the shared components show it. */
export function findingView(f: Finding): FindingView {
  const v: FindingView = { severity: f.severity, checkId: f.checkId, title: f.title, message: f.message };
  if (f.line) v.line = f.line;
  if (f.evidence && typeof f.evidence === 'object') v.evidence = f.evidence;
  if (f.fix) v.fix = f.fix;
  return v;
}

/** The shared components link a check id to this: the open findings of that check. */
export const checkHref = (checkId: string) => findingsHref({ check: checkId });

export const RouterLink: LinkComponent = Link;
