import type { Finding } from './finding.js';

/** A finding that policy set aside, and why. Policy makes them; reports show them. */
export interface SuppressedFinding {
  finding: Finding;
  by: 'annotation' | 'exceptions-file' | 'baseline';
  reason: string;
  owner?: string;
  expires?: string;
}
