import { defineAuditRule } from '../define.js';
import { auditEvent, describeObject, succeeded, userName } from '../event.js';

export default defineAuditRule({
  id: 'impersonation',
  title: 'A request impersonated another user',
  severity: 'medium',
  mitre: ['T1550.001', 'T1078'],
  description:
    'A subject made a request as another user, group or service account (Impersonate-User / Impersonate-Group ' +
    'headers, kubectl --as). Impersonation is how an attacker with the impersonate verb acts with a more powerful ' +
    'identity; it is high when the impersonated identity is in system:masters or is a control-plane identity.',
  response: 'Restrict the impersonate verb to reviewed break-glass roles, with resourceNames.',
  run: ({ event }) => {
    const as = event.impersonatedUser;
    if (!as || !succeeded(event)) return undefined;
    const groups = as.groups ?? [];
    const high = groups.includes('system:masters') || (as.username ?? '').startsWith('system:');
    return {
      message: `${userName(event)} acted as ${as.username ?? '(no user)'}${groups.length ? ` (groups ${groups.join(', ')})` : ''}: ${event.verb} ${describeObject(event)}`,
      ...(high ? { severity: 'high' as const } : {}),
    };
  },
  examples: {
    fail: [
      auditEvent({ verb: 'list', requestURI: '/api/v1/namespaces/prod/pods', impersonatedUser: { username: 'bob', groups: ['ops'] },
        objectRef: { resource: 'pods', namespace: 'prod', apiVersion: 'v1' } }),
      { severity: 'high', events: [auditEvent({ verb: 'get', requestURI: '/api/v1/nodes', impersonatedUser: { username: 'root', groups: ['system:masters'] },
        objectRef: { resource: 'nodes', apiVersion: 'v1' } })] },
    ],
    pass: [
      auditEvent({ verb: 'list', requestURI: '/api/v1/namespaces/prod/pods', objectRef: { resource: 'pods', namespace: 'prod', apiVersion: 'v1' } }),
      auditEvent({ verb: 'list', requestURI: '/api/v1/namespaces/prod/pods', responseStatus: { code: 403 }, impersonatedUser: { username: 'bob' },
        objectRef: { resource: 'pods', namespace: 'prod', apiVersion: 'v1' } }),
    ],
  },
});
