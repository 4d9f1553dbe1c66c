import type { Severity } from '../../model/finding.js';

/**
 * Most severe first. The same list as model/finding.ts's SEVERITIES (a test holds them equal); repeated here so the
 * dashboard bundle does not pull in the model module (and its node:crypto fingerprinting).
 */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export type { Severity };
