import type { Location, ObjectRef } from '../model/finding.js';
import { apiGroup, effectiveNamespace } from '../model/kinds.js';
import type { K8sObject } from '../model/object.js';
import type { LookupObject } from './exception-types.js';

type Indexed = Pick<K8sObject, 'apiVersion' | 'kind' | 'namespace' | 'name' | 'annotations' | 'labels'> & {
  source?: Pick<K8sObject['source'], 'file' | 'document'>;
};

function sameIdentity(o: Indexed, ref: ObjectRef): boolean {
  return (
    o.kind === ref.kind &&
    (o.apiVersion === ref.apiVersion || apiGroup(o.apiVersion) === apiGroup(ref.apiVersion)) &&
    effectiveNamespace(o) === effectiveNamespace(ref)
  );
}

/** The identity an object is bucketed under: kind, the namespace it lands in, and name (the API group is compared in the bucket). */
function bucketKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${namespace ?? '\u0001'}\u0000${name}`;
}

/**
 * A LookupObject over objects, indexed once by kind, namespace and name (linear: a look-up touches
 * only the objects that share all three, never every object of a name). Objects are found by API
 * group, kind, namespace and name; when the same identity appears in several files, the one at the
 * finding's file and document is chosen.
 */
export function objectLookup(objects: Iterable<Indexed>): LookupObject {
  const byKey = new Map<string, Indexed[]>();
  for (const o of objects) {
    const key = bucketKey(o.kind, effectiveNamespace(o), o.name);
    const list = byKey.get(key);
    if (list) list.push(o);
    else byKey.set(key, [o]);
  }
  return (ref: ObjectRef, location: Location) => {
    const named = byKey.get(bucketKey(ref.kind, effectiveNamespace(ref), ref.name));
    if (!named) return undefined;
    if (named.length === 1) return sameIdentity(named[0]!, ref) ? named[0] : undefined;
    const list = named.filter((o) => sameIdentity(o, ref));
    if (list.length <= 1) return list[0];
    return (
      list.find((o) => o.source?.file === location.file && o.source.document === location.document) ??
      list.find((o) => o.source?.file === location.file) ??
      list[0]
    );
  };
}
