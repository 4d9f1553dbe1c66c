/**
 * The presentational components shared by `kubeward scan -o html` (rendered with react-dom/server) and the
 * dashboard (ui/, rendered in the browser): pure props → markup, no hooks, state, fetch or DOM APIs.
 */
export { SeverityBadge } from './SeverityBadge.js';
export { SeverityCounts } from './SeverityCounts.js';
export { PostureScore, scoreClass } from './PostureScore.js';
export { Evidence, FindingDetail } from './FindingDetail.js';
export { FindingRow, FindingsTable, type FindingRowProps, type FindingsTableProps } from './FindingsTable.js';
export { ControlsBar, ControlsTable, FrameworkHeadline, controlCounts, type ControlCounts } from './FrameworkControls.js';
export { evidenceParts, locationText } from './finding-text.js';
export { findingRowParts, type FindingRowParts } from './finding-row.js';
export { KIT_CSS } from './kit-css.js';
export { SEVERITY_ORDER, type Severity } from './severity.js';
export { PlainLink, type ControlView, type FindingView, type LinkComponent } from './types.js';
