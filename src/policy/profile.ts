import type { Finding } from '../model/finding.js';

/** `--profile`: `security` (the default) hides reliability hygiene findings; `all` shows every finding. */
export const PROFILES = ['security', 'all'] as const;
export type Profile = (typeof PROFILES)[number];

/** True when the profile shows the finding: `all` shows everything, `security` leaves out `profile: hygiene`. */
export function profileShows(profile: Profile, f: Pick<Finding, 'profile'>): boolean {
  return profile === 'all' || f.profile !== 'hygiene';
}

/** The findings the profile shows, and how many it hid. */
export function applyProfile<F extends Pick<Finding, 'profile'>>(profile: Profile, findings: readonly F[]): { shown: F[]; hidden: number } {
  const shown = findings.filter((f) => profileShows(profile, f));
  return { shown, hidden: findings.length - shown.length };
}

/** A check whose every finding is hygiene: under `security` it is left out of the checks a report lists (no passing JUnit case). */
export function checkShown(profile: Profile, check: { profile?: string }): boolean {
  return profile === 'all' || check.profile !== 'hygiene';
}
