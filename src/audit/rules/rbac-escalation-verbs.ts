import { asArray, asRecord } from '../../model/object.js';
import { defineAuditRule } from '../define.js';
import { auditEvent, describeObject, isControlPlane, succeeded, userName } from '../event.js';

const DANGEROUS = ['escalate', 'bind', 'impersonate', '*'];

export default defineAuditRule({
  id: 'rbac-escalation-verbs',
  title: 'A role with escalate, bind or impersonate was created or changed',
  severity: 'high',
  mitre: ['T1098.006', 'T1068'],
  description:
    'A Role or ClusterRole was written with the escalate, bind or impersonate verb (or the "*" verb): whoever is ' +
    'bound to it can grant themselves any permission, bind any role, or act as any user, including cluster-admin. ' +
    'Needs the request body (kubeward audit policy records RBAC writes at RequestResponse).',
  response: 'Remove the verb unless the role belongs to a reviewed controller; see kubeward rbac paths for who can use it.',
  falco: ['ClusterRole With Wildcard Created', 'ClusterRole With Write Privileges Created'],
  run: ({ event }) => {
    const r = event.objectRef;
    if (!r || r.apiGroup !== 'rbac.authorization.k8s.io' || (r.resource !== 'clusterroles' && r.resource !== 'roles') || r.subresource) return undefined;
    if (!['create', 'update', 'patch'].includes(event.verb ?? '') || !succeeded(event) || isControlPlane(event.user)) return undefined;
    const found = new Set<string>();
    for (const rule of asArray(asRecord(event.requestObject)?.rules)) for (const v of asArray(asRecord(rule)?.verbs)) if (typeof v === 'string' && DANGEROUS.includes(v)) found.add(v);
    if (!found.size) return undefined;
    return {
      message: `${userName(event)} ${event.verb === 'create' ? 'created' : 'changed'} ${describeObject(event)} with the verb${found.size > 1 ? 's' : ''} ${[...found].join(', ')}`,
      ...(found.has('*') || found.has('escalate') ? { severity: 'critical' as const } : {}),
    };
  },
  examples: {
    fail: [
      auditEvent({ verb: 'create', level: 'RequestResponse', requestURI: '/apis/rbac.authorization.k8s.io/v1/clusterroles', responseStatus: { code: 201 },
        objectRef: { resource: 'clusterroles', name: 'impersonator', apiGroup: 'rbac.authorization.k8s.io', apiVersion: 'v1' },
        requestObject: { kind: 'ClusterRole', metadata: { name: 'impersonator' }, rules: [{ apiGroups: [''], resources: ['users', 'groups'], verbs: ['impersonate'] }] } }),
    ],
    pass: [
      auditEvent({ verb: 'create', level: 'RequestResponse', requestURI: '/apis/rbac.authorization.k8s.io/v1/namespaces/prod/roles', responseStatus: { code: 201 },
        objectRef: { resource: 'roles', namespace: 'prod', name: 'reader', apiGroup: 'rbac.authorization.k8s.io', apiVersion: 'v1' },
        requestObject: { kind: 'Role', metadata: { name: 'reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] } }),
    ],
  },
});
