import { defineCheck, type Issue } from '../define.js';
import { isRecord } from '../../model/object.js';
import { joinPointer } from '../../model/position.js';
import { cloudCredentialKey } from '../../model/secrets/index.js';
import { isCloudCredentialValue, isCredentialKey, isCredentialValue, maskedHint } from '../shared/credential-keys.js';

export default defineCheck({
  id: 'configmap-credential-key',
  title: 'ConfigMap holds a credential',
  severity: 'high',
  category: 'secrets',
  description:
    'ConfigMaps are not secret: any role that may read ConfigMaps (many operators and dashboards) sees them, they ' +
    'are not encrypted at rest by the usual EncryptionConfiguration, and they end up in Git and in logs. A ' +
    '`data` key named like a credential (`password`, `DB_PASSWORD`, `apiKey`, `client_secret`, `token`, ' +
    '`AWS_SECRET_ACCESS_KEY`, ...) with a real-looking value is reported, and so are the cloud SDKs\' credential ' +
    'variables (`AZURE_<SERVICE>_KEY` such as AZURE_STORAGE_KEY, `AZURE_CLIENT_SECRET`, `OCI_CLI_KEY_CONTENT` with its ' +
    'PEM key); keys about credentials (`password_file`, ' +
    '`token_ttl`, `secretName`) and placeholder values (empty, `changeme`, `${VAR}`, `{{ .Values.x }}`, `<...>`, ' +
    'paths, URLs without a password) are not. The value is never shown, only its length. Secrets in env ' +
    'values, annotations and arguments are the secrets checks\' job.',
  remediation: 'Move the value into a Secret (or an external secret store) and reference it with `secretKeyRef` or a Secret volume; rotate it, since it has been exposed.',
  frameworks: {
    nsa: ['network/secrets'],
    mitre: ['T1552.001', 'T1552.007'],
    owasp: ['K08'],
  },
  subject: 'object',
  kinds: ['ConfigMap'],
  run: ({ object, at }) => {
    const data = object.raw.data;
    if (object.apiVersion !== 'v1' || !isRecord(data)) return [];
    const out: Issue[] = [];
    for (const [key, value] of Object.entries(data)) {
      if (typeof value !== 'string') continue;
      const cloud = cloudCredentialKey(key);
      if (cloud !== undefined ? !isCloudCredentialValue(value) : !isCredentialKey(key) || !isCredentialValue(value)) continue;
      const what = cloud !== undefined ? `holds ${cloud}` : 'looks like a credential';
      out.push(at(joinPointer('/data', key), `ConfigMap key "${key}" ${what}`, { found: maskedHint(value), expected: 'the value in a Secret' }));
    }
    return out;
  },
  examples: {
    fail: [
      {
        yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-settings
data:
  DB_HOST: db.internal
  DB_PASSWORD: "S3cr3t-Passw0rd!"
  stripeApiKey: sk_test_4eC39HqLyjWDarjtT1zdp7dc
  token_ttl: "3600"
  password_file: /run/secrets/db
`,
        findings: 2,
      },
      {
        yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: cloud-settings
data:
  AZURE_STORAGE_ACCOUNT: shopassets
  AZURE_STORAGE_KEY: "Zq3Jd8Lk2mPz9Xw4rT7vB1nY6hF0sA5cE3gU8iO2pK9lM4jN7bV1xZ6qW3eR8tY5uIo0pA9sD8fG7hJ6kL5zX4c=="
  AZURE_BATCH_KEY: "mP2nB7vC4xZ1qW8eR5tY3uI6oP9aS0dF"
  OCI_CLI_KEY_CONTENT: |
    -----BEGIN RSA PRIVATE KEY-----
    MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun
    -----END RSA PRIVATE KEY-----
`,
        findings: 3,
        path: '/data/AZURE_STORAGE_KEY',
      },
    ],
    pass: [
      `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-settings
data:
  DB_HOST: db.internal
  DB_PASSWORD: ""
  API_TOKEN: \${API_TOKEN}
  admin_password: changeme
  client_secret: "{{ .Values.clientSecret }}"
  secretName: app-tls
  passwordPolicy: strict
  AZURE_STORAGE_KEY: <storage-account-key>
  AZURE_CLIENT_ID: 0b1c7c5e-6a0e-4a55-9d3b-2f7c3c1d9e21
  AZURE_KEY_VAULT_URL: https://shop.vault.azure.net/
  OCI_CLI_KEY_FILE: /etc/oci/key.pem
  OCI_CLI_KEY_CONTENT: changeme
  AZURE_BATCH_KEY: \${{ secrets.AZURE_BATCH_KEY }}
  AZURE_CLIENT_SECRET: var.azure_client_secret
  OCI_CLI_PASSPHRASE: Copy the passphrase of the API key here
`,
    ],
  },
});
