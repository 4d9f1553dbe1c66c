import { defineAuditRule } from '../define.js';
import { auditEvent, isControlPlane, isResource, succeeded, userName } from '../event.js';

export default defineAuditRule({
  id: 'node-proxy',
  title: 'A request went through nodes/proxy to a kubelet',
  severity: 'high',
  mitre: ['T1609', 'T1613'],
  description:
    'A subject used the nodes/proxy subresource, which forwards requests to the kubelet API of a node. Through it, ' +
    'the kubelet\'s /exec, /run and /pods endpoints reach every container of the node, and kubelet requests made ' +
    'this way bypass the API server\'s pods/exec audit trail.',
  response: 'Remove nodes/proxy from every role that is not a monitoring agent\'s, and give those agents only get.',
  falco: ['K8s Node Proxy'],
  run: ({ event }) => {
    if (!isResource(event, '', 'nodes', 'proxy') || !succeeded(event) || isControlPlane(event.user)) return undefined;
    return { message: `${userName(event)} reached the kubelet of node ${event.objectRef?.name ?? '?'} through nodes/proxy (${event.verb} ${event.requestURI ?? ''})` };
  },
  examples: {
    fail: [
      auditEvent({ verb: 'create', requestURI: '/api/v1/nodes/worker-1/proxy/run/prod/web-1/app', responseStatus: { code: 200 },
        objectRef: { resource: 'nodes', name: 'worker-1', apiVersion: 'v1', subresource: 'proxy' } }),
    ],
    pass: [
      auditEvent({ verb: 'get', requestURI: '/api/v1/nodes/worker-1', objectRef: { resource: 'nodes', name: 'worker-1', apiVersion: 'v1' } }),
    ],
  },
});
