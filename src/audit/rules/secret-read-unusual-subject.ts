import { BoundedMap } from '../bounded.js';
import { defineAuditRule } from '../define.js';
import { auditEvent, isControlPlane, isResource, matchesUser, succeeded, userName } from '../event.js';

const READS = new Set(['get', 'list', 'watch']);
/** A subject is reported once per namespace per hour, not on every read. */
const REPEAT_MS = 3_600_000;

export default defineAuditRule<BoundedMap<string, number>>({
  id: 'secret-read-unusual-subject',
  title: 'Secrets read by a subject that does not usually read them',
  severity: 'medium',
  mitre: ['T1552.007'],
  description:
    'A user or service account read Secrets (get, list or watch) that is neither the control plane (the ' +
    'controller manager, the scheduler, nodes, kube-system service accounts) nor listed in the `secretReaders` ' +
    'setting of those who usually do. Stolen credentials are typically used first to read Secrets. Reported once ' +
    'per subject and namespace per hour.',
  response: 'Check that the subject needs the Secrets it read; if it does, add it to audit.secretReaders; if not, ' +
    'remove the RBAC grant and rotate the Secrets it read.',
  falco: ['K8s Secret Get Successfully'],
  init: (o) => new BoundedMap(o.stateCapacity),
  run: ({ event, options, time }, seen) => {
    if (!READS.has(event.verb ?? '') || !isResource(event, '', 'secrets') || !succeeded(event)) return undefined;
    const user = userName(event);
    if (isControlPlane(event.user) || matchesUser(user, options.secretReaders)) return undefined;
    const key = `${user}\u0000${event.objectRef?.namespace ?? ''}`;
    const last = seen.get(key);
    if (last !== undefined && time - last < REPEAT_MS && time >= last) return undefined;
    seen.set(key, time);
    const ns = event.objectRef?.namespace;
    const what = event.objectRef?.name ? `Secret ${event.objectRef.name}` : 'Secrets';
    return { message: `${user} read ${what} ${ns ? `in ${ns}` : 'in every namespace'} (${event.verb}), and is not a usual reader of Secrets` };
  },
  examples: {
    fail: [
      auditEvent({ verb: 'get', requestURI: '/api/v1/namespaces/prod/secrets/db-password', objectRef: { resource: 'secrets', namespace: 'prod', name: 'db-password', apiVersion: 'v1' } }),
      { alerts: 1, events: [
        auditEvent({ verb: 'get', requestURI: '/api/v1/namespaces/prod/secrets/a', objectRef: { resource: 'secrets', namespace: 'prod', name: 'a', apiVersion: 'v1' } }),
        auditEvent({ verb: 'get', requestURI: '/api/v1/namespaces/prod/secrets/b', objectRef: { resource: 'secrets', namespace: 'prod', name: 'b', apiVersion: 'v1' } }),
      ] },
    ],
    pass: [
      auditEvent({ verb: 'get', requestURI: '/api/v1/namespaces/prod/secrets/tls', user: { username: 'system:node:worker-1', groups: ['system:nodes'] },
        objectRef: { resource: 'secrets', namespace: 'prod', name: 'tls', apiVersion: 'v1' } }),
      { options: { secretReaders: ['system:serviceaccount:cert-manager:*'] }, events: [auditEvent({ verb: 'list', requestURI: '/api/v1/secrets',
        user: { username: 'system:serviceaccount:cert-manager:cert-manager', groups: ['system:serviceaccounts'] }, objectRef: { resource: 'secrets', apiVersion: 'v1' } })] },
      auditEvent({ verb: 'get', requestURI: '/api/v1/namespaces/prod/secrets/db', responseStatus: { code: 403 }, objectRef: { resource: 'secrets', namespace: 'prod', name: 'db', apiVersion: 'v1' } }),
    ],
  },
});
