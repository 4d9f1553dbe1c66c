import { defineAuditRule } from '../define.js';
import { auditEvent, describeObject, isControlPlane, succeeded, userName } from '../event.js';

export default defineAuditRule({
  id: 'events-deleted',
  title: 'Kubernetes events were deleted',
  severity: 'medium',
  mitre: ['T1070'],
  description:
    'A subject other than the control plane deleted Events (core/v1 or events.k8s.io). Events expire on their own ' +
    'after an hour; deleting them by hand is how an intruder removes the trace of failed pods, image pulls and ' +
    'scheduling that would give them away.',
  response: 'Find out why the events were removed; ship events to storage outside the cluster.',
  falco: ['Delete Kubernetes Events'],
  run: ({ event }) => {
    const r = event.objectRef;
    if (r?.resource !== 'events' || ((r.apiGroup ?? '') !== '' && r.apiGroup !== 'events.k8s.io')) return undefined;
    if ((event.verb !== 'delete' && event.verb !== 'deletecollection') || !succeeded(event) || isControlPlane(event.user)) return undefined;
    return { message: `${userName(event)} deleted ${event.verb === 'deletecollection' ? 'every Event of ' : ''}${describeObject(event)}`, ...(event.verb === 'deletecollection' ? { severity: 'high' as const } : {}) };
  },
  examples: {
    fail: [
      auditEvent({ verb: 'deletecollection', requestURI: '/api/v1/namespaces/prod/events', objectRef: { resource: 'events', namespace: 'prod', apiVersion: 'v1' } }),
    ],
    pass: [
      auditEvent({ verb: 'list', requestURI: '/api/v1/namespaces/prod/events', objectRef: { resource: 'events', namespace: 'prod', apiVersion: 'v1' } }),
    ],
  },
});
