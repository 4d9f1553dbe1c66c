import { withQuery } from './api';

export function objectHref(o: { cluster: string; namespace?: string | null; kind: string; name: string }): string {
  return withQuery('/object', { cluster: o.cluster, namespace: o.namespace ?? '', kind: o.kind, name: o.name });
}

export function objectLabel(o: { namespace?: string | null; kind: string; name: string }): string {
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

export function findingsHref(query: Record<string, string | undefined>): string {
  return withQuery('/findings', query);
}
