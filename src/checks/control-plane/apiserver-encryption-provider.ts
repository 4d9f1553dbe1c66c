import { defineCheck } from '../define.js';
import { requireFlags } from '../shared/component-flags.js';
import { HARDENED_APISERVER, staticPod, withFlags } from '../shared/static-pod.js';

export default defineCheck({
  id: 'apiserver-encryption-provider',
  title: 'API server does not encrypt Secrets at rest',
  severity: 'high',
  category: 'control-plane',
  description:
    'Without `--encryption-provider-config` the API server writes Secrets to etcd as plain base64: anyone with a copy of etcd\'s data or its backups reads every credential of the cluster. Which provider the file uses is judged by encryption-config-weak-provider when the file is read (kubeward node reads it, or scan it with the manifests).',
  remediation: 'Write an EncryptionConfiguration whose first provider for secrets is kms (v2), aescbc, aesgcm or secretbox, set `--encryption-provider-config` to it, and rewrite existing Secrets (`kubectl get secrets -A -o json | kubectl replace -f -`).',
  frameworks: { cis: ['1.2.27'], nsa: ['network/secrets'], mitre: ['T1552'], owasp: ['K08', 'K09'] },
  subject: 'component',
  component: 'kube-apiserver',
  run: (ctx) => requireFlags(ctx, ['encryption-provider-config'], 'Secrets are stored unencrypted in etcd'),
  examples: {
    fail: [staticPod('kube-apiserver', withFlags(HARDENED_APISERVER, ['encryption-provider-config']))],
    pass: [staticPod('kube-apiserver', HARDENED_APISERVER)],
  },
});
