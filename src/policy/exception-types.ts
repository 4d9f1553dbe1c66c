import type { Location, ObjectRef } from '../model/finding.js';

/** Which objects an exception covers. Every field given must match; string fields are globs (`*`, `?`). */
export interface ObjectSelector {
  /** Case-insensitive. */
  kind?: string;
  /** Compared with the namespace the object lands in ("default" when none is written). */
  namespace?: string;
  name?: string;
  /** Every label listed must be on the object with exactly this value. */
  labels?: Record<string, string>;
}

/** One entry of an exceptions file. */
export interface PolicyException {
  /** 1-based position in the file: messages call it "exception #N". */
  number: number;
  /** Check ids or aliases as written, or "*" for every check. */
  checks: string[] | '*';
  object?: ObjectSelector;
  /** Glob over the finding's file path; the only way to except findings that have no object. */
  file?: string;
  reason: string;
  owner: string;
  /** YYYY-MM-DD: the exception applies through that day (UTC), and not after. */
  expires?: string;
}

/** What policy needs to know about a finding's object. */
export interface ObjectMeta {
  annotations: Readonly<Record<string, string>>;
  labels: Readonly<Record<string, string>>;
}

/**
 * Finds a finding's object. The location lets an implementation tell apart two objects with the
 * same identity in different files; it may be ignored.
 */
export type LookupObject = (ref: ObjectRef, location: Location) => ObjectMeta | undefined;

/** `exception #3 (owner alice: "reason")`. */
export function describeException(e: Pick<PolicyException, 'number' | 'owner' | 'reason'>): string {
  return `exception #${e.number} (owner ${e.owner}: ${JSON.stringify(e.reason)})`;
}
