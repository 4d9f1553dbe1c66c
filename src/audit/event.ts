import type { AuditEvent, AuditUser } from '../model/audit.js';

/** Verbs that change an object. */
export const WRITE_VERBS: ReadonlySet<string> = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

/** The response code (0 when the event has none). */
export function statusCode(e: AuditEvent): number {
  return typeof e.responseStatus?.code === 'number' ? e.responseStatus.code : 0;
}

/** The API server allowed and served the request (2xx, or 101 for an upgraded exec/attach/port-forward stream). */
export function succeeded(e: AuditEvent): boolean {
  const c = statusCode(e);
  return c >= 100 && c < 400;
}

export function userName(e: AuditEvent): string {
  return e.user?.username ?? '';
}

/** `resource` (and `subresource` when given) in `group` ("" = core) of the event's objectRef. */
export function isResource(e: AuditEvent, group: string, resource: string, subresource?: string): boolean {
  const r = e.objectRef;
  if (!r || r.resource !== resource || (r.apiGroup ?? '') !== group) return false;
  return subresource === undefined ? !r.subresource : r.subresource === subresource;
}

/** The control plane's own identities, which read Secrets and create pods in kube-system as part of their job. */
export function isControlPlane(user: AuditUser | undefined): boolean {
  const name = user?.username ?? '';
  return name === 'system:kube-controller-manager' || name === 'system:kube-scheduler' || name === 'system:apiserver'
    || name.startsWith('system:node:') || name.startsWith('system:serviceaccount:kube-system:');
}

/** A user name matches a pattern: equal, or starting with the pattern's prefix when it ends in "*". */
export function matchesUser(name: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p));
}

/** "pods/exec web-1 in prod": the event's object, for messages. */
export function describeObject(e: AuditEvent): string {
  const r = e.objectRef;
  if (!r) return e.requestURI ?? '(no object)';
  const what = `${r.resource ?? '?'}${r.subresource ? `/${r.subresource}` : ''}${r.apiGroup ? `.${r.apiGroup}` : ''}`;
  return `${what}${r.name ? ` ${r.name}` : ''}${r.namespace ? ` in ${r.namespace}` : ' (cluster-wide)'}`;
}

/** The first source address (the client's, as the API server saw it). */
export function sourceIp(e: AuditEvent): string | undefined {
  return Array.isArray(e.sourceIPs) && typeof e.sourceIPs[0] === 'string' ? e.sourceIPs[0] : undefined;
}

let exampleCounter = 0;
/**
 * An event for rule examples: the fields every API server event has (a fresh auditID, ResponseComplete,
 * 200, a source address and timestamps), overridden by `fields`.
 */
export function auditEvent(fields: Partial<AuditEvent> & { verb: string }): AuditEvent {
  exampleCounter++;
  const time = fields.requestReceivedTimestamp ?? '2026-01-05T10:00:00.000000Z';
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: `00000000-0000-4000-8000-${String(exampleCounter).padStart(12, '0')}`,
    stage: 'ResponseComplete',
    requestURI: '/',
    user: { username: 'alice', uid: 'uid-alice', groups: ['dev', 'system:authenticated'] },
    sourceIPs: ['10.0.0.5'],
    userAgent: 'kubectl/v1.33.0 (linux/amd64) kubernetes/abcdef0',
    responseStatus: { code: 200 },
    requestReceivedTimestamp: time,
    stageTimestamp: time,
    ...fields,
  };
}
