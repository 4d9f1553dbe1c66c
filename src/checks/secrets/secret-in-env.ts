import { scanValue } from '../../model/secrets/index.js';
import { asArray, asString, isRecord } from '../../model/object.js';
import { defineCheck, type Issue } from '../define.js';
import { secretIssue } from '../shared/secret-issue.js';

export default defineCheck({
  id: 'secret-in-env',
  title: 'Secret in a container environment variable',
  severity: 'high',
  category: 'secrets',
  description:
    'A credential written as a literal `env[].value` lives in the manifest, in Git history, in the object stored by the API ' +
    'server (readable by anyone who can `get` the workload, not only the Secret) and in `kubectl describe` output. ' +
    'Known token formats (cloud keys, Git hosting and SaaS tokens, private keys, JWTs, URLs with passwords) are found ' +
    'under any name; other values only when the variable is named like a secret and the value looks generated ' +
    '(Shannon entropy). Init and ephemeral containers are included; `valueFrom` references are not findings. ' +
    'The value is never reported, only its location and a masked hint.',
  remediation:
    'Move the value into a Secret (or an external secret store) and reference it with `valueFrom.secretKeyRef`, or better ' +
    'mount it as a file (CIS 5.4.1). Rotate the credential: it has been exposed wherever the manifest went.',
  frameworks: { cis: ['5.4.1'], nsa: ['network/secrets'], mitre: ['T1552.001', 'T1552.007'], owasp: ['K08'] },
  aliases: { kubescape: ['C-0012'], kubeLinter: ['env-var-secret'] },
  subject: 'container',
  run: ({ container, path, object }) => {
    const out: Issue[] = [];
    asArray(container.container.env).forEach((e, i) => {
      if (!isRecord(e)) return;
      const value = asString(e.value);
      if (value === undefined || value === '') return;
      const name = asString(e.name) ?? `#${i}`;
      const hits = scanValue(value, name);
      if (hits.length === 0) return;
      // Made when the chart was rendered (randAlphaNum, lookup ... in the template): not in source.
      if (object.source.generated?.(object.source.pointerPrefix + path(`env/${i}/value`))) return;
      out.push(secretIssue(path(`env/${i}/value`), `env ${name} of ${container.role === 'app' ? '' : container.role + ' '}container "${container.name}"`, hits,
        'a valueFrom.secretKeyRef or a mounted Secret, not a literal value', { known: 'high', generic: 'medium' }));
    });
    return out;
  },
  vap: { unsupported: 'secret detection (known token formats, entropy, key names) has no exact CEL equivalent, and the message would repeat the value' },
  examples: {
    fail: [
      { yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ci-runner
spec:
  selector:
    matchLabels: {app: ci-runner}
  template:
    metadata:
      labels: {app: ci-runner}
    spec:
      containers:
        - name: runner
          image: registry.internal/ci-runner:4.2
          env:
            - name: LOG_LEVEL
              value: info
            - name: GH_TOKEN
              value: ghp_MV3qPXi6Tv11fAe1XSC3krBmzXuLJNAcIUcN
`, path: '/spec/template/spec/containers/0/env/1/value', line: 19, column: 15 },
      `apiVersion: v1
kind: Pod
metadata:
  name: migrate
spec:
  initContainers:
    - name: schema
      image: registry.internal/migrate:1.0
      env:
        - name: DB_PASSWORD
          value: cRJM5JVVE0Bu27F5
  containers:
    - name: app
      image: registry.internal/app:1.0
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
    - name: app
      image: registry.internal/app:1.0
      env:
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef: {name: app-db, key: password}
        - name: DB_PASSWORD_FILE
          value: /run/secrets/db-password
        - name: API_TOKEN
          value: \${API_TOKEN}
        - name: DATABASE_URL
          value: postgres://app:$(DB_PASSWORD)@db:5432/app
`,
    ],
  },
});
