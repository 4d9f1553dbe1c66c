import type { Finding, ObjectRef } from '../model/finding.js';

/** Identity of an object across findings and the scanned-object list: apiVersion, kind, namespace, name. */
export function objectKey(o: ObjectRef): string {
  return `${o.apiVersion}\u0000${o.kind}\u0000${o.namespace ?? ''}\u0000${o.name}`;
}

/** "Deployment prod/web", or "ClusterRole admin" for objects without a namespace. */
export function objectLabel(o: { kind: string; namespace?: string; name: string }): string {
  return o.namespace ? `${o.kind} ${o.namespace}/${o.name}` : `${o.kind} ${o.name}`;
}

/** A group of findings about one object (or, for findings without an object, about one file). */
export interface FindingGroup {
  key: string;
  object?: ObjectRef;
  file: string;
  findings: Finding[];
}

/**
 * Group findings by the object they are about, in order of first appearance (the report sorts
 * findings by file and line, so groups come out in file order). Findings without an object (load
 * problems) are grouped by file. Linear in the number of findings.
 */
export function groupByObject(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    const key = f.object ? `o\u0000${objectKey(f.object)}\u0000${f.location.file}` : `f\u0000${f.location.file}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, file: f.location.file, findings: [] };
      if (f.object) g.object = f.object;
      groups.set(key, g);
    }
    g.findings.push(f);
  }
  return [...groups.values()];
}
