import { defineAuditRule } from '../define.js';
import { auditEvent, describeObject, succeeded, userName, WRITE_VERBS } from '../event.js';

const RESOURCES = new Set(['validatingwebhookconfigurations', 'mutatingwebhookconfigurations', 'validatingadmissionpolicies', 'validatingadmissionpolicybindings', 'mutatingadmissionpolicies', 'mutatingadmissionpolicybindings']);

export default defineAuditRule({
  id: 'admission-webhook-changed',
  title: 'An admission webhook or policy was created, changed or deleted',
  severity: 'high',
  mitre: ['T1562.001', 'T1557'],
  description:
    'A ValidatingWebhookConfiguration, MutatingWebhookConfiguration or admission policy was written or deleted. ' +
    'Deleting or loosening one turns off a guard (Pod Security, image policy, a policy engine); adding a mutating ' +
    'webhook lets its author rewrite every object the API server admits, e.g. inject a container into every pod.',
  response: 'Confirm the change came from the deployment of the admission controller it belongs to.',
  falco: ['K8s Admission Webhook Modified'],
  run: ({ event }) => {
    const r = event.objectRef;
    if (!r || r.apiGroup !== 'admissionregistration.k8s.io' || !RESOURCES.has(r.resource ?? '') || r.subresource) return undefined;
    if (!WRITE_VERBS.has(event.verb ?? '') || !succeeded(event)) return undefined;
    return { message: `${userName(event)} ${event.verb === 'create' ? 'created' : event.verb?.startsWith('delete') ? 'deleted' : 'changed'} ${describeObject(event)}` };
  },
  examples: {
    fail: [
      auditEvent({ verb: 'delete', requestURI: '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/gatekeeper-validating-webhook-configuration',
        objectRef: { resource: 'validatingwebhookconfigurations', name: 'gatekeeper-validating-webhook-configuration', apiGroup: 'admissionregistration.k8s.io', apiVersion: 'v1' } }),
    ],
    pass: [
      auditEvent({ verb: 'list', requestURI: '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations',
        objectRef: { resource: 'mutatingwebhookconfigurations', apiGroup: 'admissionregistration.k8s.io', apiVersion: 'v1' } }),
    ],
  },
});
