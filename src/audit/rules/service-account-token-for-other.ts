import { defineAuditRule } from '../define.js';
import { auditEvent, isControlPlane, isResource, succeeded, userName } from '../event.js';

export default defineAuditRule({
  id: 'service-account-token-for-other',
  title: 'A token was requested for another service account',
  severity: 'high',
  mitre: ['T1528', 'T1550.001'],
  description:
    'A subject used the TokenRequest API (serviceaccounts/token) to mint a token for a service account that is not ' +
    'itself. Outside the kubelet and the controller manager, this is how an attacker with `create ' +
    'serviceaccounts/token` takes over a more powerful service account, with a token that outlives the session.',
  response: 'Check who may create serviceaccounts/token (kubeward rbac who-can create serviceaccounts/token) and ' +
    'remove the grant; the minted token stays valid until it expires unless the service account is deleted.',
  run: ({ event }) => {
    if (event.verb !== 'create' || !isResource(event, '', 'serviceaccounts', 'token') || !succeeded(event)) return undefined;
    const r = event.objectRef!;
    const target = `system:serviceaccount:${r.namespace ?? ''}:${r.name ?? ''}`;
    const user = userName(event);
    if (user === target || isControlPlane(event.user)) return undefined;
    return { message: `${user} requested a token for service account ${r.namespace ?? ''}/${r.name ?? ''}` };
  },
  examples: {
    fail: [
      auditEvent({ verb: 'create', requestURI: '/api/v1/namespaces/kube-system/serviceaccounts/clusterrole-aggregation-controller/token', responseStatus: { code: 201 },
        objectRef: { resource: 'serviceaccounts', namespace: 'kube-system', name: 'clusterrole-aggregation-controller', apiVersion: 'v1', subresource: 'token' } }),
    ],
    pass: [
      auditEvent({ verb: 'create', requestURI: '/api/v1/namespaces/prod/serviceaccounts/web/token', responseStatus: { code: 201 },
        user: { username: 'system:node:worker-1', groups: ['system:nodes'] },
        objectRef: { resource: 'serviceaccounts', namespace: 'prod', name: 'web', apiVersion: 'v1', subresource: 'token' } }),
    ],
  },
});
