import { asArray, asRecord, asString } from '../../model/object.js';
import { defineCheck } from '../define.js';
import { everyContainer, workloadVap } from '../shared/vap.js';

/** One Secret a container takes as environment: the field, and how a message names it. */
interface EnvSecret {
  rel: string;
  label: string;
}

/** `env[].valueFrom.secretKeyRef` and `envFrom[].secretRef`, in order. */
function envSecrets(container: Record<string, unknown>): EnvSecret[] {
  const out: EnvSecret[] = [];
  asArray(container.env).forEach((e, i) => {
    const ref = asRecord(asRecord(asRecord(e)?.valueFrom)?.secretKeyRef);
    if (!ref) return;
    const name = asString(asRecord(e)?.name) ?? `#${i}`;
    out.push({ rel: `env/${i}/valueFrom/secretKeyRef`, label: `${name} (Secret ${asString(ref.name) ?? '?'}, key ${asString(ref.key) ?? '?'})` });
  });
  asArray(container.envFrom).forEach((e, i) => {
    const ref = asRecord(asRecord(e)?.secretRef);
    if (!ref) return;
    out.push({ rel: `envFrom/${i}/secretRef`, label: `every key of Secret ${asString(ref.name) ?? '?'}` });
  });
  return out;
}

const SHOWN = 3;

export default defineCheck({
  id: 'secret-as-env-var',
  title: 'Container takes a Secret as environment variables',
  severity: 'low',
  category: 'secrets',
  description:
    'A Secret consumed through `env[].valueFrom.secretKeyRef` or `envFrom[].secretRef` becomes part of the ' +
    'process environment: every child process inherits it, crash reporters, debug endpoints and `env` dumps in ' +
    'logs print it, `/proc/<pid>/environ` shows it to anything that can read the process, and it never changes ' +
    'when the Secret is rotated (the container must restart). Mounted as a file, the same Secret is read only by ' +
    'code that opens it, and the kubelet updates it in place. One finding per container, at its first such ' +
    'field, naming them all. A credential written as a literal value is secret-in-env\'s, a high finding.',
  remediation:
    'Mount the Secret as a volume (`volumes[].secret` with `items` for just the keys needed, `readOnly: true`) and ' +
    'have the application read the file; many frameworks accept `*_FILE` variables pointing at it ' +
    '(`POSTGRES_PASSWORD_FILE=/run/secrets/db/password`).',
  frameworks: { cis: ['5.4.1'], nsa: ['network/secrets'], mitre: ['T1552.007'], owasp: ['K08'] },
  aliases: { kubescape: ['C-0207'], kubeLinter: ['read-secret-from-env-var'] },
  subject: 'container',
  run: ({ container, at }) => {
    const found = envSecrets(container.container);
    if (found.length === 0) return [];
    const more = found.length > SHOWN ? ` and ${found.length - SHOWN} more` : '';
    const role = container.role === 'app' ? '' : `${container.role} `;
    return [
      at(found[0]!.rel, `${role}container "${container.name}" takes Secrets as environment variables: ${found.slice(0, SHOWN).map((f) => f.label).join('; ')}${more}`, {
        found: `${found.length} Secret reference${found.length === 1 ? '' : 's'} in env/envFrom`,
        expected: 'Secrets mounted as files',
      }),
    ];
  },
  vap: workloadVap([{ expression: everyContainer('(!has(c.env) || c.env.all(e, !(has(e.valueFrom) && has(e.valueFrom.secretKeyRef)))) && (!has(c.envFrom) || c.envFrom.all(e, !has(e.secretRef)))'), message: 'a container takes a Secret as environment variables' }]),
  examples: {
    fail: [
      {
        yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: registry.example.com/api:5.2.0
          env:
            - name: LOG_LEVEL
              value: info
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {name: db, key: password}
          envFrom:
            - secretRef: {name: api-env}
`,
        path: '/spec/template/spec/containers/0/env/1/valueFrom/secretKeyRef',
        line: 20,
        column: 17,
      },
      {
        yaml: `apiVersion: v1
kind: Pod
metadata:
  name: migrate
spec:
  initContainers:
    - name: schema
      image: registry.example.com/migrate:1.0
      envFrom:
        - configMapRef: {name: settings}
        - secretRef: {name: db}
  containers:
    - name: app
      image: registry.example.com/app:1.0
      env:
        - name: TOKEN
          valueFrom:
            secretKeyRef: {name: api, key: token}
`,
        findings: 2,
        path: '/spec/initContainers/0/envFrom/1/secretRef',
      },
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
    - name: app
      image: registry.example.com/app:1.0
      env:
        - name: DB_PASSWORD_FILE
          value: /run/secrets/db/password
        - name: POD_NAME
          valueFrom:
            fieldRef: {fieldPath: metadata.name}
        - name: MODE
          valueFrom:
            configMapKeyRef: {name: settings, key: mode}
      envFrom:
        - configMapRef: {name: settings}
      volumeMounts:
        - {name: db, mountPath: /run/secrets/db, readOnly: true}
  volumes:
    - name: db
      secret: {secretName: db, items: [{key: password, path: password}]}
`,
    ],
  },
});
