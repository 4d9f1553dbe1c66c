import { asRecord } from '../../model/object.js';
import { defineAuditRule } from '../define.js';
import { auditEvent, describeObject, isControlPlane, succeeded, userName } from '../event.js';

/** Roles that hold every power (or the power to get it). */
const ADMIN_ROLES = new Set(['cluster-admin', 'admin', 'system:masters']);

export default defineAuditRule({
  id: 'cluster-admin-binding',
  title: 'A binding to cluster-admin was created or changed',
  severity: 'critical',
  mitre: ['T1098.006'],
  description:
    'A ClusterRoleBinding or RoleBinding was written whose roleRef is cluster-admin (or admin): the subjects it names ' +
    'now hold every permission of the cluster (or of the namespace). This is the classic persistence and escalation ' +
    'step after a compromise. The roleRef is read from the request body, or from the object name when the policy ' +
    'records only metadata.',
  response: 'Confirm the binding was intended and reviewed; remove it otherwise, and find how the author got the ' +
    'right to create it (bind or escalate, or write access to bindings).',
  falco: ['Attach to cluster-admin Role'],
  run: ({ event }) => {
    const r = event.objectRef;
    if (!r || r.apiGroup !== 'rbac.authorization.k8s.io' || (r.resource !== 'clusterrolebindings' && r.resource !== 'rolebindings') || r.subresource) return undefined;
    if (!['create', 'update', 'patch'].includes(event.verb ?? '') || !succeeded(event) || isControlPlane(event.user)) return undefined;
    const role = asRecord(asRecord(event.requestObject)?.roleRef)?.name ?? asRecord(asRecord(event.responseObject)?.roleRef)?.name;
    if (typeof role !== 'string' || !ADMIN_ROLES.has(role)) return undefined;
    const subjects = (Array.isArray(asRecord(event.requestObject)?.subjects) ? asRecord(event.requestObject)!.subjects as unknown[] : [])
      .map((s) => asRecord(s)).filter((s) => s).map((s) => `${String(s!.kind)} ${s!.namespace ? `${String(s!.namespace)}/` : ''}${String(s!.name)}`);
    return {
      message: `${userName(event)} ${event.verb === 'create' ? 'created' : 'changed'} ${describeObject(event)} granting ${role}${subjects.length ? ` to ${subjects.join(', ')}` : ''}`,
      ...(role === 'admin' && r.resource === 'rolebindings' ? { severity: 'high' as const } : {}),
    };
  },
  examples: {
    fail: [
      auditEvent({ verb: 'create', level: 'RequestResponse', requestURI: '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', responseStatus: { code: 201 },
        objectRef: { resource: 'clusterrolebindings', name: 'backdoor', apiGroup: 'rbac.authorization.k8s.io', apiVersion: 'v1' },
        requestObject: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'backdoor' },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'User', name: 'mallory' }] } }),
    ],
    pass: [
      auditEvent({ verb: 'create', level: 'RequestResponse', requestURI: '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', responseStatus: { code: 201 },
        objectRef: { resource: 'clusterrolebindings', name: 'viewers', apiGroup: 'rbac.authorization.k8s.io', apiVersion: 'v1' },
        requestObject: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'viewers' },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'Group', name: 'dev' }] } }),
    ],
  },
});
