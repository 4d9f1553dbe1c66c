import { defineAuditRule } from '../define.js';
import { auditEvent, isControlPlane, isResource, succeeded, userName } from '../event.js';

export default defineAuditRule({
  id: 'csr-approved',
  title: 'A certificate signing request was approved by hand',
  severity: 'medium',
  mitre: ['T1550.001', 'T1078'],
  description:
    'A subject other than the controller manager approved a CertificateSigningRequest (the approval subresource). ' +
    'A client certificate signed by the cluster CA is a credential that cannot be revoked before it expires: ' +
    'approving one for system:masters or a node name is a lasting backdoor.',
  response: 'Check the CSR\'s subject and signer (kubectl get csr NAME -o yaml); restrict update on ' +
    'certificatesigningrequests/approval and approve on signers.',
  run: ({ event }) => {
    if (!isResource(event, 'certificates.k8s.io', 'certificatesigningrequests', 'approval') || !succeeded(event) || isControlPlane(event.user)) return undefined;
    if (event.verb !== 'update' && event.verb !== 'patch') return undefined;
    return { message: `${userName(event)} approved (or denied) the certificate signing request ${event.objectRef?.name ?? '?'}` };
  },
  examples: {
    fail: [
      auditEvent({ verb: 'update', requestURI: '/apis/certificates.k8s.io/v1/certificatesigningrequests/csr-x7k2p/approval',
        objectRef: { resource: 'certificatesigningrequests', name: 'csr-x7k2p', apiGroup: 'certificates.k8s.io', apiVersion: 'v1', subresource: 'approval' } }),
    ],
    pass: [
      auditEvent({ verb: 'update', requestURI: '/apis/certificates.k8s.io/v1/certificatesigningrequests/csr-x7k2p/approval', user: { username: 'system:kube-controller-manager' },
        objectRef: { resource: 'certificatesigningrequests', name: 'csr-x7k2p', apiGroup: 'certificates.k8s.io', apiVersion: 'v1', subresource: 'approval' } }),
    ],
  },
});
