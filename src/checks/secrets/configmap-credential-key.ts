import { defineCheck, type Issue } from '../define.js';
import { isRecord } from '../../model/object.js';
import { joinPointer } from '../../model/position.js';
import { isCredentialKey, isCredentialValue, maskedHint } from '../shared/credential-keys.js';

export default defineCheck({
  id: 'configmap-credential-key',
  title: 'ConfigMap holds a credential',
  severity: 'high',
  category: 'secrets',
  description:
    'ConfigMaps are not secret: any role that may read ConfigMaps (many operators and dashboards) sees them, they ' +
    'are not encrypted at rest by the usual EncryptionConfiguration, and they end up in Git and in logs. A ' +
    '`data` key named like a credential (`password`, `DB_PASSWORD`, `apiKey`, `client_secret`, `token`, ' +
    '`AWS_SECRET_ACCESS_KEY`, ...) with a real-looking value is reported; keys about credentials (`password_file`, ' +
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
      if (typeof value !== 'string' || !isCredentialKey(key) || !isCredentialValue(value)) continue;
      out.push(at(joinPointer('/data', key), `ConfigMap key "${key}" looks like a credential`, { found: maskedHint(value), expected: 'the value in a Secret' }));
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
`,
    ],
  },
});
