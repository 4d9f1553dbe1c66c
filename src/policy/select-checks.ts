import type { Check } from '../checks/define.js';
import { checkNames, checkResolver } from './check-resolver.js';
import { suggestion } from './did-you-mean.js';

export interface CheckSelection {
  /** Run only these (ids or aliases, case-insensitive; "*" means all). Empty or absent: all checks. */
  checks?: readonly string[] | undefined;
  /** Do not run these (ids or aliases, case-insensitive). */
  skipChecks?: readonly string[] | undefined;
}

/**
 * The checks to run, in registry order. Names may be kubeward ids or other tools' ids from
 * `check.aliases` (an alias may select several checks). Names that match no check are returned in
 * `unknown`, as written, so the caller can refuse to run (a typo must not silently run everything).
 */
export function selectChecks(all: readonly Check[], sel: CheckSelection): { selected: Check[]; unknown: string[]; conflicts: string[] } {
  const resolver = checkResolver(all);
  const present = new Set(all.map((c) => c.id));
  const unknown: string[] = [];
  /** Ids named one by one (not through "*"), with the name that named them. */
  const named = new Map<string, string>();
  const idsOf = (names: readonly string[], track: boolean): Set<string> => {
    const ids = new Set<string>();
    for (const name of names) {
      if (name.trim() === '*') {
        for (const id of present) ids.add(id);
        continue;
      }
      const found = (resolver.resolve(name) ?? []).filter((id) => present.has(id));
      if (found.length === 0) unknown.push(name);
      for (const id of found) {
        ids.add(id);
        if (track && !named.has(id)) named.set(id, name);
      }
    }
    return ids;
  };
  const only = sel.checks && sel.checks.length > 0 ? idsOf(sel.checks, true) : undefined;
  const skip = idsOf(sel.skipChecks ?? [], false);
  // Naming a check both to run and to skip is a contradiction, not a quiet skip ("*" then a skip is fine).
  const conflicts = [...named.keys()].filter((id) => skip.has(id));
  const selected = all.filter((c) => (only === undefined || only.has(c.id)) && !skip.has(c.id));
  return { selected, unknown, conflicts };
}

/** `check(s) both selected and skipped: "privileged-container"` for a usage error; undefined when none. */
export function describeConflictingChecks(conflicts: readonly string[]): string | undefined {
  if (conflicts.length === 0) return undefined;
  return `check${conflicts.length === 1 ? '' : 's'} named in both --checks and --skip-checks: ${conflicts.map((c) => `"${c}"`).join(', ')} (run it, or skip it, not both)`;
}

/** `unknown check id(s): "privleged" (did you mean "privileged-container"?), "x"` for a usage error. */
export function describeUnknownChecks(unknown: readonly string[], all: readonly Check[]): string {
  const names = checkNames(all);
  return `unknown check id(s): ${unknown.map((u) => `"${u}"${suggestion(u, names)}`).join(', ')}`;
}
