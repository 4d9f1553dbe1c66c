import { defineAuditRule } from '../define.js';
import { auditEvent, isResource, succeeded, userName } from '../event.js';

const SUBRESOURCES: Record<string, string> = { exec: 'a command in', attach: 'to', portforward: 'a port forward into' };
const verbOf = { exec: 'ran', attach: 'attached', portforward: 'opened' } as const;

export default defineAuditRule({
  id: 'pod-exec',
  title: 'Exec, attach or port-forward into a pod',
  severity: 'medium',
  mitre: ['T1609'],
  description:
    'Someone ran a command in a container (pods/exec), attached to its console (pods/attach) or opened a port ' +
    'forward into it (pods/portforward). Attackers with a foothold use these to run tools inside workloads, read ' +
    'their mounted secrets and move laterally. It is high in kube-system (the control plane\'s add-ons hold ' +
    'powerful service-account tokens) and critical into a pod seen created privileged or with host namespaces or ' +
    'hostPath volumes (a shell there is a shell on the node).',
  response: 'Confirm who ran what and why (the userAgent and sourceIPs tell the tool and where from). Restrict ' +
    'pods/exec, pods/attach and pods/portforward to break-glass roles.',
  falco: ['Attach/Exec Pod'],
  run: ({ event, pods }) => {
    const r = event.objectRef;
    const sub = r?.subresource;
    if (!r || !sub || !(sub in SUBRESOURCES) || !isResource(event, '', 'pods', sub) || !succeeded(event)) return undefined;
    const key = `${r.namespace ?? ''}/${r.name ?? ''}`;
    const facts = pods.get(key);
    const base = `${userName(event)} ${verbOf[sub as keyof typeof verbOf]} ${SUBRESOURCES[sub]} pod ${key}`;
    if (facts && facts.hostAccess.length) return { message: `${base}, a pod created with host access (${facts.hostAccess.join(', ')})`, severity: 'critical' };
    if (r.namespace === 'kube-system') return { message: `${base} in kube-system`, severity: 'high' };
    return { message: base };
  },
  examples: {
    fail: [
      auditEvent({ verb: 'create', requestURI: '/api/v1/namespaces/prod/pods/web-1/exec?command=sh&stdin=true&tty=true&container=app',
        objectRef: { resource: 'pods', namespace: 'prod', name: 'web-1', apiVersion: 'v1', subresource: 'exec' }, responseStatus: { code: 101 } }),
      { severity: 'high', events: [auditEvent({ verb: 'get', requestURI: '/api/v1/namespaces/kube-system/pods/coredns-1/portforward',
        objectRef: { resource: 'pods', namespace: 'kube-system', name: 'coredns-1', apiVersion: 'v1', subresource: 'portforward' }, responseStatus: { code: 101 } })] },
      { severity: 'critical', events: [
        auditEvent({ verb: 'create', level: 'RequestResponse', requestURI: '/api/v1/namespaces/prod/pods', responseStatus: { code: 201 },
          objectRef: { resource: 'pods', namespace: 'prod', name: 'debug', apiVersion: 'v1' },
          requestObject: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'prod' },
            spec: { hostPID: true, containers: [{ name: 'sh', image: 'busybox:1.36', securityContext: { privileged: true } }] } } }),
        auditEvent({ verb: 'create', requestURI: '/api/v1/namespaces/prod/pods/debug/attach?container=sh&stdin=true',
          objectRef: { resource: 'pods', namespace: 'prod', name: 'debug', apiVersion: 'v1', subresource: 'attach' }, responseStatus: { code: 101 } }),
      ] },
    ],
    pass: [
      auditEvent({ verb: 'get', requestURI: '/api/v1/namespaces/prod/pods/web-1/log', objectRef: { resource: 'pods', namespace: 'prod', name: 'web-1', apiVersion: 'v1', subresource: 'log' } }),
      auditEvent({ verb: 'create', requestURI: '/api/v1/namespaces/prod/pods/web-1/exec?command=sh', responseStatus: { code: 403 },
        objectRef: { resource: 'pods', namespace: 'prod', name: 'web-1', apiVersion: 'v1', subresource: 'exec' } }),
    ],
  },
});
