import type { Severity } from './severity.js';

/** The severity as a coloured badge: `<span class="sev sev-high">high</span>` in both faces. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`sev sev-${severity}`}>{severity}</span>;
}
