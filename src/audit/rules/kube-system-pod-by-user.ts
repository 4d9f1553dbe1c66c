import { defineAuditRule } from '../define.js';
import { auditEvent, describeObject, isControlPlane, succeeded, userName } from '../event.js';

const WORKLOADS = new Set(['pods', 'deployments', 'daemonsets', 'statefulsets', 'replicasets', 'jobs', 'cronjobs', 'replicationcontrollers']);

export default defineAuditRule({
  id: 'kube-system-pod-by-user',
  title: 'A pod or workload was created in kube-system by a user',
  severity: 'medium',
  mitre: ['T1610', 'T1036.005'],
  description:
    'A pod or a workload was created in kube-system by someone other than the control plane (the controller ' +
    'manager, the scheduler, nodes, kube-system service accounts). Workloads there sit next to the cluster\'s most ' +
    'powerful service accounts and blend in with the add-ons; attackers hide miners and backdoors there.',
  response: 'Confirm the workload belongs to an add-on that was being installed; deploy add-ons through a pipeline ' +
    'identity, not a person.',
  falco: ['Pod Created in Kube Namespace'],
  run: ({ event }) => {
    const r = event.objectRef;
    if (event.verb !== 'create' || !r || r.namespace !== 'kube-system' || !WORKLOADS.has(r.resource ?? '') || r.subresource) return undefined;
    if (!succeeded(event) || isControlPlane(event.user)) return undefined;
    return { message: `${userName(event)} created ${describeObject(event)}` };
  },
  examples: {
    fail: [
      auditEvent({ verb: 'create', requestURI: '/api/v1/namespaces/kube-system/pods', responseStatus: { code: 201 },
        objectRef: { resource: 'pods', namespace: 'kube-system', name: 'kube-proxy-x', apiVersion: 'v1' } }),
    ],
    pass: [
      auditEvent({ verb: 'create', requestURI: '/api/v1/namespaces/kube-system/pods', responseStatus: { code: 201 },
        user: { username: 'system:serviceaccount:kube-system:daemon-set-controller', groups: ['system:serviceaccounts'] },
        objectRef: { resource: 'pods', namespace: 'kube-system', name: 'kube-proxy-abcde', apiVersion: 'v1' } }),
    ],
  },
});
