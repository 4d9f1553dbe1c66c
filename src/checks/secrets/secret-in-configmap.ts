import { scanValue } from '../../model/secrets/index.js';
import { pointerSegment } from '../../model/position.js';
import { isRecord } from '../../model/object.js';
import { defineCheck, type Issue } from '../define.js';
import { secretIssue } from '../shared/secret-issue.js';

export default defineCheck({
  id: 'secret-in-configmap',
  title: 'Secret in a ConfigMap',
  severity: 'high',
  category: 'secrets',
  description:
    'ConfigMaps are not meant for confidential data: they are not encrypted at rest with the Secret provider, RBAC ' +
    'often grants `get configmaps` broadly, and their content is shown by `kubectl describe`. This check reads the ' +
    'content of `data` and `binaryData` (base64-decoded): known token formats anywhere, secret-named keys with ' +
    'high-entropy values, and `password = ...` style assignments inside embedded config files. (Another check looks ' +
    'at key names alone.) The value is never reported, only its location and a masked hint.',
  remediation:
    'Move the credential into a Secret (or an external secret store) and mount it; keep only non-confidential settings ' +
    'in the ConfigMap. Rotate the exposed credential.',
  frameworks: { nsa: ['network/secrets'], mitre: ['T1552.001'], owasp: ['K08'] },
  subject: 'object',
  kinds: ['ConfigMap'],
  run: ({ object }) => {
    const out: Issue[] = [];
    for (const field of ['data', 'binaryData'] as const) {
      const m = object.raw[field];
      if (!isRecord(m)) continue;
      for (const [key, v] of Object.entries(m)) {
        if (typeof v !== 'string' || v === '') continue;
        const text = field === 'binaryData' ? Buffer.from(v, 'base64').toString('latin1') : v;
        const hits = scanValue(text, key);
        if (hits.length === 0) continue;
        if (object.source.generated?.(`${object.source.pointerPrefix}/${field}/${pointerSegment(key)}`)) continue;
        out.push(secretIssue(`/${field}/${pointerSegment(key)}`, `ConfigMap key "${key}" (${field})`, hits, 'no credentials in ConfigMaps: use a Secret', { known: 'high', generic: 'medium' }));
      }
    }
    return out;
  },
  vap: { unsupported: 'secret detection (known token formats, entropy, key names) has no exact CEL equivalent, and the message would repeat the value' },
  examples: {
    fail: [
      `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  LOG_LEVEL: info
  application.properties: |
    server.port=8080
    spring.datasource.url=jdbc:postgresql://db:5432/shop
    spring.datasource.password=dVgpFDLIxFoZxx
`,
      `apiVersion: v1
kind: ConfigMap
metadata:
  name: notifier
data:
  webhook: https://hooks.slack.com/services/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
`,
    ],
    pass: [
      `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  LOG_LEVEL: info
  password_file: /etc/app/secrets/password
  application.properties: |
    spring.datasource.url=jdbc:postgresql://db:5432/shop
    spring.datasource.password=\${DB_PASSWORD}
    auth.token.ttl=3600
`,
    ],
  },
});
