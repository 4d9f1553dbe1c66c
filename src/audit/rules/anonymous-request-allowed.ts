import { defineAuditRule } from '../define.js';
import { auditEvent, describeObject, succeeded } from '../event.js';

/** Paths the API server serves to anyone on purpose (health, version, discovery of its OIDC issuer). */
const PUBLIC = /^\/(healthz|livez|readyz|version)(\/|\?|$)|^\/\.well-known\/openid-configuration$|^\/openid\/v1\/jwks$/;

export default defineAuditRule({
  id: 'anonymous-request-allowed',
  title: 'An unauthenticated request succeeded',
  severity: 'high',
  mitre: ['T1078.001', 'T1190'],
  description:
    'The API server served a request from system:anonymous (or the system:unauthenticated group) beyond the health ' +
    'and version endpoints it serves to anyone. Anonymous access that reaches resources means a binding grants ' +
    'something to system:anonymous or system:unauthenticated, which anyone who can reach the API server can use.',
  response: 'Find the (Cluster)RoleBinding naming system:anonymous or system:unauthenticated (kubeward rbac who-can) ' +
    'and remove it; consider --anonymous-auth=false.',
  falco: ['Anonymous Request Allowed'],
  run: ({ event }) => {
    const u = event.user;
    const anonymous = u?.username === 'system:anonymous' || (u?.groups ?? []).includes('system:unauthenticated');
    if (!anonymous || !succeeded(event) || PUBLIC.test(event.requestURI ?? '')) return undefined;
    return { message: `an anonymous request was allowed: ${event.verb} ${event.objectRef ? describeObject(event) : event.requestURI ?? ''}` };
  },
  examples: {
    fail: [
      auditEvent({ verb: 'list', requestURI: '/api/v1/namespaces/default/pods', user: { username: 'system:anonymous', groups: ['system:unauthenticated'] },
        objectRef: { resource: 'pods', namespace: 'default', apiVersion: 'v1' } }),
    ],
    pass: [
      auditEvent({ verb: 'get', requestURI: '/healthz', user: { username: 'system:anonymous', groups: ['system:unauthenticated'] } }),
      auditEvent({ verb: 'list', requestURI: '/api/v1/namespaces/default/pods', user: { username: 'system:anonymous', groups: ['system:unauthenticated'] },
        responseStatus: { code: 403 }, objectRef: { resource: 'pods', namespace: 'default', apiVersion: 'v1' } }),
    ],
  },
});
