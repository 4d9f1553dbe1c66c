import { defineCheck, type Issue } from '../define.js';
import { asArray, asRecord } from '../../model/object.js';

/** Providers that encrypt; `identity` writes plain text and is only for reading data written before encryption. */
const ENCRYPTING = new Set(['kms', 'aescbc', 'aesgcm', 'secretbox']);

const covers = (resources: string[]) => resources.some((r) => r === 'secrets' || r === '*.' || r === '*.*');

export default defineCheck({
  id: 'encryption-config-weak-provider',
  title: 'Encryption configuration stores Secrets in plain text',
  severity: 'high',
  category: 'control-plane',
  description:
    'The API server encrypts a resource with the first provider listed for it. When that is `identity`, or no entry covers `secrets`, Secrets are written to etcd unencrypted, although an encryption configuration is in place; the providers after the first only decrypt.',
  remediation: 'Make kms (v2), aescbc, aesgcm or secretbox the first provider of the entry that covers secrets (keep identity last while old data is rewritten), restart the API server, then rewrite every Secret.',
  frameworks: { cis: ['1.2.28'], nsa: ['network/secrets'], mitre: ['T1552'], owasp: ['K08', 'K09'] },
  subject: 'object',
  kinds: ['EncryptionConfiguration', 'EncryptionConfig'],
  run: ({ object, at }) => {
    const entries = asArray(object.raw.resources);
    const i = entries.findIndex((e) => covers(asArray(asRecord(e)?.resources).map((r) => String(r))));
    if (i < 0) return [at(entries.length ? 'resources' : 'kind', 'no entry covers secrets: Secrets are stored unencrypted', { found: 'secrets not listed', expected: 'an entry for secrets' })];
    const providers = asArray(asRecord(entries[i])?.providers);
    const first = Object.keys(asRecord(providers[0]) ?? {})[0];
    const out: Issue[] = [];
    if (!first || !ENCRYPTING.has(first)) {
      out.push(at(`resources/${i}/providers${providers.length ? '/0' : ''}`, `the first provider for secrets is ${first ?? 'missing'}: new Secrets are written unencrypted`, { found: first ?? 'none', expected: 'kms, aescbc, aesgcm or secretbox first' }));
    }
    return out;
  },
  examples: {
    fail: [
      { yaml: `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources:
      - secrets
    providers:
      - identity: {}
      - aescbc:
          keys:
            - name: key1
              secret: c2VjcmV0IGlzIHNlY3VyZSwgb3IgaXMgaXQ/Cg==
`, path: '/resources/0/providers/0', line: 7 },
      `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources:
      - configmaps
    providers:
      - aesgcm:
          keys:
            - name: key1
              secret: c2VjcmV0IGlzIHNlY3VyZSwgb3IgaXMgaXQ/Cg==
`,
    ],
    pass: [`apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources:
      - secrets
      - configmaps
    providers:
      - kms:
          apiVersion: v2
          name: vault
          endpoint: unix:///var/run/kms/socket.sock
      - identity: {}
`],
  },
});
