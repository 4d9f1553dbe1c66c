import { asArray, asRecord } from '../../model/object.js';
import { defineAuditRule } from '../define.js';
import { auditEvent, isResource, succeeded, userName } from '../event.js';

export default defineAuditRule({
  id: 'ephemeral-container-added',
  title: 'An ephemeral container was added to a running pod',
  severity: 'medium',
  mitre: ['T1609', 'T1610'],
  description:
    'A subject added an ephemeral container to a running pod (pods/ephemeralcontainers, kubectl debug). The new ' +
    'container joins the pod\'s namespaces, can target another container\'s process namespace and mounts what the ' +
    'debugger asks for: a way to run any image inside a workload without changing its owner\'s spec, and without the ' +
    'pods/exec trail. High in kube-system.',
  response: 'Confirm the debugging session; restrict update/patch on pods/ephemeralcontainers to break-glass roles.',
  falco: ['EphemeralContainers Created'],
  run: ({ event }) => {
    if ((event.verb !== 'update' && event.verb !== 'patch') || !isResource(event, '', 'pods', 'ephemeralcontainers') || !succeeded(event)) return undefined;
    const r = event.objectRef!;
    const body = asRecord(asRecord(event.requestObject)?.spec);
    const images = asArray(body?.ephemeralContainers).map((c) => asRecord(c)?.image).filter((i): i is string => typeof i === 'string');
    return {
      message: `${userName(event)} added an ephemeral container to pod ${r.namespace ?? ''}/${r.name ?? ''}${images.length ? ` (image ${images.join(', ')})` : ''}`,
      ...(r.namespace === 'kube-system' ? { severity: 'high' as const } : {}),
    };
  },
  examples: {
    fail: [
      auditEvent({ verb: 'patch', requestURI: '/api/v1/namespaces/prod/pods/web-1/ephemeralcontainers',
        objectRef: { resource: 'pods', namespace: 'prod', name: 'web-1', apiVersion: 'v1', subresource: 'ephemeralcontainers' },
        requestObject: { spec: { ephemeralContainers: [{ name: 'debugger-x2k', image: 'busybox:1.36', targetContainerName: 'app', stdin: true, tty: true }] } } }),
    ],
    pass: [
      auditEvent({ verb: 'get', requestURI: '/api/v1/namespaces/prod/pods/web-1/ephemeralcontainers',
        objectRef: { resource: 'pods', namespace: 'prod', name: 'web-1', apiVersion: 'v1', subresource: 'ephemeralcontainers' } }),
    ],
  },
});
