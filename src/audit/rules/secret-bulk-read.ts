import { BoundedMap } from '../bounded.js';
import { defineAuditRule } from '../define.js';
import { auditEvent, isControlPlane, isResource, matchesUser, succeeded, userName } from '../event.js';

interface Reads { start: number; names: Set<string>; alerted: boolean }

export default defineAuditRule<BoundedMap<string, Reads>>({
  id: 'secret-bulk-read',
  title: 'Secrets read in bulk',
  severity: 'high',
  mitre: ['T1552.007'],
  description:
    'A subject other than the control plane listed or watched every Secret of a namespace or of the cluster, or read ' +
    'more distinct Secrets one by one than `secretBulkThreshold` within `secretBulkWindowSeconds`: the harvesting ' +
    'of credentials that follows a compromise. A list across every namespace is critical.',
  response: 'Find out why the subject needed every Secret; remove list/watch on secrets from roles that do not need ' +
    'it (get on named Secrets is enough for most workloads) and rotate the Secrets if the access was not expected.',
  falco: ['K8s Secret Get Successfully'],
  init: (o) => new BoundedMap(o.stateCapacity),
  run: ({ event, options, time }, state) => {
    if (!isResource(event, '', 'secrets') || !succeeded(event)) return undefined;
    const user = userName(event);
    if (isControlPlane(event.user) || matchesUser(user, options.secretReaders)) return undefined;
    const ns = event.objectRef?.namespace;
    if (event.verb === 'list' || event.verb === 'watch') {
      return ns
        ? { message: `${user} ${event.verb === 'list' ? 'listed' : 'watched'} every Secret in ${ns}` }
        : { message: `${user} ${event.verb === 'list' ? 'listed' : 'watched'} every Secret of every namespace`, severity: 'critical' };
    }
    if (event.verb !== 'get' || !event.objectRef?.name) return undefined;
    let r = state.get(user);
    if (!r || time - r.start >= options.secretBulkWindowSeconds * 1000 || time < r.start) state.set(user, (r = { start: time, names: new Set(), alerted: false }));
    if (r.names.size < options.secretBulkThreshold) r.names.add(`${ns ?? ''}/${event.objectRef.name}`);
    if (r.alerted || r.names.size < options.secretBulkThreshold) return undefined;
    r.alerted = true;
    return { message: `${user} read ${r.names.size} different Secrets one by one within ${options.secretBulkWindowSeconds} s` };
  },
  examples: {
    fail: [
      { severity: 'critical', events: [auditEvent({ verb: 'list', requestURI: '/api/v1/secrets?limit=500', objectRef: { resource: 'secrets', apiVersion: 'v1' } })] },
      auditEvent({ verb: 'list', requestURI: '/api/v1/namespaces/prod/secrets', objectRef: { resource: 'secrets', namespace: 'prod', apiVersion: 'v1' } }),
      { options: { secretBulkThreshold: 3 }, events: ['a', 'b', 'b', 'c', 'd'].map((n) =>
        auditEvent({ verb: 'get', requestURI: `/api/v1/namespaces/prod/secrets/${n}`, objectRef: { resource: 'secrets', namespace: 'prod', name: n, apiVersion: 'v1' } })) },
    ],
    pass: [
      { options: { secretBulkThreshold: 3 }, events: ['a', 'b', 'a', 'b'].map((n) =>
        auditEvent({ verb: 'get', requestURI: `/api/v1/namespaces/prod/secrets/${n}`, objectRef: { resource: 'secrets', namespace: 'prod', name: n, apiVersion: 'v1' } })) },
      auditEvent({ verb: 'list', requestURI: '/api/v1/secrets', user: { username: 'system:kube-controller-manager' }, objectRef: { resource: 'secrets', apiVersion: 'v1' } }),
      auditEvent({ verb: 'list', requestURI: '/api/v1/secrets', responseStatus: { code: 403 }, objectRef: { resource: 'secrets', apiVersion: 'v1' } }),
    ],
  },
});
