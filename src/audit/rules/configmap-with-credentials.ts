import { scanValue } from '../../model/secrets/index.js';
import { asRecord } from '../../model/object.js';
import { defineAuditRule } from '../define.js';
import { auditEvent, describeObject, succeeded, userName } from '../event.js';

export default defineAuditRule({
  id: 'configmap-with-credentials',
  title: 'A ConfigMap was written with a credential in it',
  severity: 'high',
  mitre: ['T1552.001'],
  description:
    'A ConfigMap was created or changed with a value that the secret detection of `kubeward scan` flags (a known ' +
    'token or key format, a PEM private key, or a random-looking value under a key named like a password). ' +
    'ConfigMaps are readable by far more subjects than Secrets and are not encrypted at rest. The alert names the ' +
    'key and the kind of credential, never the value. Needs the request body (Request level for configmaps).',
  response: 'Move the value into a Secret, rotate it (it has been stored in etcd and possibly in audit logs), and ' +
    'record configmaps at Metadata level if they hold such values.',
  falco: ['Create/Modify Configmap With Private Credentials'],
  run: ({ event }) => {
    if (!['create', 'update', 'patch'].includes(event.verb ?? '') || event.objectRef?.resource !== 'configmaps' || (event.objectRef.apiGroup ?? '') !== '' || !succeeded(event)) return undefined;
    const data = asRecord(asRecord(event.requestObject)?.data);
    if (!data) return undefined;
    const found: string[] = [];
    for (const [key, value] of Object.entries(data)) {
      if (typeof value !== 'string') continue;
      const hits = scanValue(value, key);
      if (hits.length) found.push(`${key} (${[...new Set(hits.map((h) => h.title))].join(', ')})`);
    }
    if (!found.length) return undefined;
    return { message: `${userName(event)} ${event.verb === 'create' ? 'created' : 'changed'} ${describeObject(event)} with credentials under ${found.join('; ')}` };
  },
  examples: {
    fail: [
      auditEvent({ verb: 'create', level: 'Request', requestURI: '/api/v1/namespaces/prod/configmaps', responseStatus: { code: 201 },
        objectRef: { resource: 'configmaps', namespace: 'prod', name: 'app-config', apiVersion: 'v1' },
        requestObject: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config' }, data: { LOG_LEVEL: 'info', DB_PASSWORD: 'q8Z#v2Lm!x9TrB4w' } } }),
    ],
    pass: [
      auditEvent({ verb: 'create', level: 'Request', requestURI: '/api/v1/namespaces/prod/configmaps', responseStatus: { code: 201 },
        objectRef: { resource: 'configmaps', namespace: 'prod', name: 'app-config', apiVersion: 'v1' },
        requestObject: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config' }, data: { LOG_LEVEL: 'info', DB_PASSWORD: '${DB_PASSWORD}' } } }),
    ],
  },
});
