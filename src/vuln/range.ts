/** OSV affected-range evaluation (the OSV schema's "evaluation" section). Pure. */
import type { AffectedEntry, AffectedRange, RangeEvent } from './advisory.js';
import { compareGo } from './version/go.js';
import { VERSION_ORDERS, type VersionScheme } from './version/index.js';
import { compareSemver } from './version/semver.js';

const value = (e: RangeEvent): string => ('introduced' in e ? e.introduced : 'fixed' in e ? e.fixed : 'last_affected' in e ? e.last_affected : e.limit);

/** Is `version` inside `range`, and which version fixes it then? GIT ranges never match a package version. */
export function inRange(version: string, range: AffectedRange, scheme: VersionScheme): { affected: boolean; fixedIn?: string } {
  if (range.type === 'GIT') return { affected: false };
  const cmp = range.type === 'SEMVER' ? (scheme === 'go' ? compareGo : compareSemver) : VERSION_ORDERS[scheme].compare;
  const order = (a: RangeEvent, b: RangeEvent) => {
    const x = value(a);
    const y = value(b);
    if ('introduced' in a && x === '0') return 'introduced' in b && y === '0' ? 0 : -1;
    if ('introduced' in b && y === '0') return 1;
    return cmp(x, y);
  };
  const events = [...range.events].sort(order);
  let affected = false;
  for (const e of events) {
    if ('introduced' in e) {
      if (e.introduced === '0' || cmp(version, e.introduced) >= 0) affected = true;
      else break;
    } else if ('fixed' in e) {
      if (cmp(version, e.fixed) >= 0) affected = false;
      else return affected ? { affected, fixedIn: e.fixed } : { affected };
    } else if ('last_affected' in e) {
      if (cmp(version, e.last_affected) > 0) affected = false;
      else break;
    } else if (cmp(version, e.limit) >= 0) return { affected: false };
  }
  return { affected };
}

/** Does the entry cover `version` (explicit list or any range)? `fixedIn` is the lowest fix that covers it. */
export function entryAffects(entry: AffectedEntry, version: string, scheme: VersionScheme): { affected: boolean; fixedIn?: string } {
  if (entry.status === 'not-affected') return { affected: false };
  const order = VERSION_ORDERS[scheme];
  if (entry.versions.includes(version)) return { affected: true, ...fixOf(entry, version, scheme) };
  if (!order.valid(version)) return { affected: false };
  if (entry.versions.some((v) => order.valid(v) && order.compare(v, version) === 0)) return { affected: true, ...fixOf(entry, version, scheme) };
  let best: { affected: boolean; fixedIn?: string } = { affected: false };
  for (const r of entry.ranges) {
    const res = inRange(version, r, scheme);
    if (!res.affected) continue;
    if (!best.affected || (res.fixedIn && (!best.fixedIn || order.compare(res.fixedIn, best.fixedIn) < 0))) best = res;
  }
  return best;
}

function fixOf(entry: AffectedEntry, version: string, scheme: VersionScheme): { fixedIn?: string } {
  for (const r of entry.ranges) {
    const res = inRange(version, r, scheme);
    if (res.fixedIn) return { fixedIn: res.fixedIn };
  }
  return {};
}
