import { defineAuditRule } from '../define.js';
import { auditEvent, describeObject, succeeded, userName } from '../event.js';

export default defineAuditRule({
  id: 'privileged-pod-created',
  title: 'A workload with access to its node was created',
  severity: 'high',
  mitre: ['T1610', 'T1611'],
  description:
    'A pod, or a workload with a pod template, was created or changed with a privileged container, the host\'s ' +
    'PID, IPC or network namespace, or a hostPath volume: each is a step from the container to the node. The ' +
    'request body is judged by the same checks `kubeward scan` runs on manifests (privileged-container, host-pid, ' +
    'host-ipc, host-network, host-path-volume), so the audit policy must record pod writes at Request level or ' +
    'above (kubeward audit policy does). Critical when a container is privileged.',
  response: 'Check that the workload needs that access; enforce the baseline Pod Security Standard on the namespace.',
  falco: ['Create Privileged Pod', 'Create HostNetwork Pod', 'Create Sensitive Mount Pod', 'Create HostPid Pod', 'Create HostIPC Pod'],
  run: ({ event, hostAccessFindings }) => {
    if (!['create', 'update', 'patch'].includes(event.verb ?? '') || event.objectRef?.subresource || !succeeded(event)) return undefined;
    const found = hostAccessFindings();
    if (!found.length) return undefined;
    const critical = found.some((f) => f.checkId === 'privileged-container');
    return {
      message: `${userName(event)} ${event.verb === 'create' ? 'created' : 'changed'} ${describeObject(event)} with access to its node: ${found.map((f) => f.message).join('; ')}`,
      ...(critical ? { severity: 'critical' as const } : {}),
    };
  },
  examples: {
    fail: [
      { severity: 'critical', events: [auditEvent({ verb: 'create', level: 'RequestResponse', requestURI: '/api/v1/namespaces/prod/pods', responseStatus: { code: 201 },
        objectRef: { resource: 'pods', namespace: 'prod', name: 'debug', apiVersion: 'v1' },
        requestObject: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug' }, spec: { containers: [{ name: 'sh', image: 'busybox:1.36', securityContext: { privileged: true } }] } } })] },
      auditEvent({ verb: 'create', level: 'Request', requestURI: '/apis/apps/v1/namespaces/ops/daemonsets', responseStatus: { code: 201 },
        objectRef: { resource: 'daemonsets', namespace: 'ops', name: 'agent', apiGroup: 'apps', apiVersion: 'v1' },
        requestObject: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { selector: { matchLabels: { app: 'agent' } },
          template: { metadata: { labels: { app: 'agent' } }, spec: { hostNetwork: true, containers: [{ name: 'agent', image: 'agent:1.0' }], volumes: [{ name: 'root', hostPath: { path: '/' } }] } } } } }),
    ],
    pass: [
      auditEvent({ verb: 'create', level: 'Request', requestURI: '/api/v1/namespaces/prod/pods', responseStatus: { code: 201 },
        objectRef: { resource: 'pods', namespace: 'prod', name: 'web', apiVersion: 'v1' },
        requestObject: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', securityContext: { privileged: false } }] } } }),
      auditEvent({ verb: 'create', level: 'Request', requestURI: '/api/v1/namespaces/prod/pods', responseStatus: { code: 403 },
        objectRef: { resource: 'pods', namespace: 'prod', name: 'debug', apiVersion: 'v1' },
        requestObject: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug' }, spec: { hostPID: true, containers: [{ name: 'sh', image: 'busybox:1.36' }] } } }),
    ],
  },
});
