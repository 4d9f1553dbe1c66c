import { defineAuditRule } from '../define.js';
import { auditEvent, describeObject, isControlPlane, succeeded, userName, WRITE_VERBS } from '../event.js';

export default defineAuditRule({
  id: 'audit-config-changed',
  title: 'An audit-related object was changed',
  severity: 'high',
  mitre: ['T1562.001'],
  description:
    'An object that configures auditing was written or deleted: an AuditSink (auditregistration.k8s.io), a ' +
    'ConfigMap or Secret whose name mentions audit (audit policies and webhook kubeconfigs are often kept as such), ' +
    'the static pod of the API server through its mirror pod, or a FlowSchema that could starve the audit webhook. ' +
    'Turning auditing down is an intruder\'s first defence evasion.',
  response: 'Confirm the change; keep the audit policy and the webhook configuration on the control-plane nodes, ' +
    'out of reach of the API.',
  run: ({ event }) => {
    const r = event.objectRef;
    if (!r || !WRITE_VERBS.has(event.verb ?? '') || !succeeded(event) || isControlPlane(event.user)) return undefined;
    const name = r.name ?? '';
    const audit = r.resource === 'auditsinks'
      || ((r.resource === 'configmaps' || r.resource === 'secrets') && (r.apiGroup ?? '') === '' && /audit/i.test(name))
      || (r.resource === 'pods' && r.namespace === 'kube-system' && name.startsWith('kube-apiserver'))
      || (r.resource === 'flowschemas' && /audit|exempt|global-default/.test(name));
    if (!audit) return undefined;
    return { message: `${userName(event)} ${event.verb === 'create' ? 'created' : event.verb?.startsWith('delete') ? 'deleted' : 'changed'} ${describeObject(event)}, which configures auditing` };
  },
  examples: {
    fail: [
      auditEvent({ verb: 'patch', requestURI: '/api/v1/namespaces/kube-system/configmaps/audit-policy',
        objectRef: { resource: 'configmaps', namespace: 'kube-system', name: 'audit-policy', apiVersion: 'v1' } }),
    ],
    pass: [
      auditEvent({ verb: 'patch', requestURI: '/api/v1/namespaces/prod/configmaps/web-config',
        objectRef: { resource: 'configmaps', namespace: 'prod', name: 'web-config', apiVersion: 'v1' } }),
      auditEvent({ verb: 'get', requestURI: '/api/v1/namespaces/kube-system/configmaps/audit-policy',
        objectRef: { resource: 'configmaps', namespace: 'kube-system', name: 'audit-policy', apiVersion: 'v1' } }),
    ],
  },
});
