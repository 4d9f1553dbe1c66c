import type { Location, ObjectRef } from '../model/finding.js';
import { apiGroup, effectiveNamespace } from '../model/kinds.js';
import type { K8sObject } from '../model/object.js';
import type { LookupObject } from './exception-types.js';

type Indexed = Pick<K8sObject, 'apiVersion' | 'kind' | 'namespace' | 'name' | 'annotations' | 'labels'> & {
  source?: Pick<K8sObject['source'], 'file' | 'document'>;
};

function key(o: { apiVersion: string; kind: string; namespace?: string; name: string }): string {
  return [apiGroup(o.apiVersion), o.kind, effectiveNamespace(o) ?? '', o.name].join('\u0000');
}

/**
 * A LookupObject over objects, indexed once (linear). Objects are found by API group, kind,
 * namespace and name; when the same identity appears in several files, the one at the finding's
 * file and document is chosen.
 */
export function objectLookup(objects: Iterable<Indexed>): LookupObject {
  const index = new Map<string, Indexed[]>();
  for (const o of objects) {
    const k = key(o);
    const list = index.get(k);
    if (list) list.push(o);
    else index.set(k, [o]);
  }
  return (ref: ObjectRef, location: Location) => {
    const list = index.get(key(ref));
    if (!list) return undefined;
    if (list.length === 1) return list[0];
    return (
      list.find((o) => o.source?.file === location.file && o.source.document === location.document) ??
      list.find((o) => o.source?.file === location.file) ??
      list[0]
    );
  };
}
