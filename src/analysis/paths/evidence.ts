/** The findings of a scan indexed by the object they are on, so each hop can name the findings it rests on. */
import type { HopEvidence } from '../../model/attack-path.js';
import type { Finding, ObjectRef } from '../../model/finding.js';
import { locate, objectRef, type K8sObject } from '../../model/object.js';

const keyOf = (o: { kind: string; namespace?: string | undefined; name: string }) => `${o.kind}\u0000${o.namespace ?? ''}\u0000${o.name}`;

export class FindingIndex {
  private readonly byObject = new Map<string, Finding[]>();

  constructor(findings: readonly Finding[]) {
    for (const f of findings) {
      if (!f.object) continue;
      const k = keyOf(f.object);
      const list = this.byObject.get(k);
      if (list) list.push(f);
      else this.byObject.set(k, [f]);
    }
  }

  /** Findings on the object from one of the checks (or any check accepted by `test`), under a pointer prefix when given. */
  on(o: ObjectRef | K8sObject, test: (checkId: string) => boolean, under = ''): Finding[] {
    return (this.byObject.get(keyOf(o)) ?? []).filter((f) => test(f.checkId) && (under === '' || f.path === under || f.path.startsWith(under + '/')));
  }
}

/** Evidence pointing at a field of an object, with its source location. */
export function at(o: K8sObject, path: string, extra: Omit<HopEvidence, 'object' | 'path' | 'location'> = {}): HopEvidence {
  return { ...extra, object: objectRef(o), path, location: locate(o, path) };
}

/** Evidence made of findings of one check on one object: the first finding's field and location, every fingerprint. */
export function fromFindings(checkId: string, found: readonly Finding[]): HopEvidence {
  const first = found[0]!;
  return { checkId, ...(first.object ? { object: first.object } : {}), path: first.path, location: first.location, findings: found.map((f) => f.fingerprint) };
}

/** Fingerprints of the findings, or nothing (so the key is left out of the JSON). */
export function withFindings(e: HopEvidence, found: readonly Finding[]): HopEvidence {
  if (!found.length) return e;
  return { ...e, findings: [...(e.findings ?? []), ...found.map((f) => f.fingerprint)] };
}
