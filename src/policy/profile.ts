import type { Finding } from '../model/finding.js';

/**
 * `--profile`: `security` (the default) hides reliability hygiene and opt-in hardening findings; `all` shows every
 * finding.
 */
export const PROFILES = ['security', 'all'] as const;
export type Profile = (typeof PROFILES)[number];

/** The finding classes `--profile security` hides. */
export const HIDDEN_CLASSES = ['hygiene', 'hardening'] as const;
export type HiddenClass = (typeof HIDDEN_CLASSES)[number];

/** True when the profile shows the finding: `all` shows everything, `security` leaves out `hygiene` and `hardening`. */
export function profileShows(profile: Profile, f: Pick<Finding, 'profile'>): boolean {
  return profile === 'all' || f.profile === undefined;
}

/** The findings the profile shows, how many it hid, and how many of each class. */
export function applyProfile<F extends Pick<Finding, 'profile'>>(profile: Profile, findings: readonly F[]): { shown: F[]; hidden: number; byClass: Record<HiddenClass, number> } {
  const shown: F[] = [];
  const byClass: Record<HiddenClass, number> = { hygiene: 0, hardening: 0 };
  for (const f of findings) {
    if (profileShows(profile, f)) shown.push(f);
    else if (f.profile === 'hygiene' || f.profile === 'hardening') byClass[f.profile]++;
  }
  return { shown, hidden: findings.length - shown.length, byClass };
}

/** A check whose every finding is hidden: under `security` it is left out of the checks a report lists (no passing JUnit case). */
export function checkShown(profile: Profile, check: { profile?: string }): boolean {
  return profile === 'all' || (check.profile !== 'hygiene' && check.profile !== 'hardening');
}
