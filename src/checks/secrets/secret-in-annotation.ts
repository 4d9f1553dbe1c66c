import { parseEmbeddedJson, scanJson, scanValue, type SecretHit } from '../../model/secrets/index.js';
import { podSpecsOf } from '../../model/pod-specs.js';
import { pointerSegment } from '../../model/position.js';
import { stringMap } from '../../model/object.js';
import { defineCheck, type Issue } from '../define.js';
import { secretIssue } from '../shared/secret-issue.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function scanAnnotations(annotations: Record<string, string>, base: string, owner: string): Issue[] {
  const out: Issue[] = [];
  for (const [key, value] of Object.entries(annotations)) {
    if (value === '') continue;
    const path = `${base}/${pointerSegment(key)}`;
    const embedded = parseEmbeddedJson(value);
    if (embedded !== undefined) {
      // kubectl's last-applied-configuration (and similar) embed a whole object: name the field inside it.
      const located = scanJson(embedded);
      if (located.length === 0) continue;
      const hits: SecretHit[] = located.map((l) => l.hit);
      const inner = [...new Set(located.map((l) => l.pointer || '/'))].slice(0, 3).join(', ');
      const what = key === LAST_APPLIED ? 'the last-applied-configuration annotation' : `annotation "${key}"`;
      out.push(secretIssue(path, `${what} of ${owner} (embedded JSON at ${inner})`, hits, 'no credentials in annotations', { known: 'high', generic: 'medium' }));
      continue;
    }
    const hits = scanValue(value, key);
    if (hits.length) out.push(secretIssue(path, `annotation "${key}" of ${owner}`, hits, 'no credentials in annotations', { known: 'high', generic: 'medium' }));
  }
  return out;
}

export default defineCheck({
  id: 'secret-in-annotation',
  title: 'Secret in an annotation',
  severity: 'high',
  category: 'secrets',
  description:
    'Annotations are readable by anyone who can read the object and are copied into tooling (dashboards, audit logs, ' +
    'GitOps diffs). `kubectl apply` stores the whole applied object in `kubectl.kubernetes.io/last-applied-configuration`, ' +
    'so a credential that was once in an env value or a Secret\'s data stays in that annotation: it is parsed and every ' +
    'field inside is scanned (an embedded Secret is judged like a committed one). Pod template annotations are included. ' +
    'The value is never reported, only its location and a masked hint.',
  remediation:
    'Remove the credential from the annotation and keep it in a Secret. For last-applied-configuration, stop applying ' +
    'Secrets with client-side `kubectl apply` (use server-side apply or a secret operator), then rotate the credential.',
  frameworks: { nsa: ['network/secrets'], mitre: ['T1552.001'], owasp: ['K08'] },
  subject: 'object',
  run: ({ object }) => {
    const out = scanAnnotations(object.annotations, '/metadata/annotations', `${object.kind} "${object.name}"`);
    for (const pod of podSpecsOf(object)) {
      if (pod.metadataPath === '/metadata') continue;
      out.push(...scanAnnotations(stringMap(pod.metadata.annotations), `${pod.metadataPath}/annotations`, 'the pod template'));
    }
    return out;
  },
  vap: { unsupported: 'secret detection (known token formats, entropy, key names) has no exact CEL equivalent, and the message would repeat the value' },
  examples: {
    fail: [
      `apiVersion: v1
kind: Service
metadata:
  name: billing
  annotations:
    monitoring.internal/auth-token: glpat-Ihib53iqsdRNhkkGGwaI
spec:
  selector: {app: billing}
  ports: [{port: 80}]
`,
      `apiVersion: v1
kind: Secret
metadata:
  name: registry
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"v1","kind":"Secret","metadata":{"name":"registry"},"stringData":{"token":"sk_live_DYhK26tP5a2t5kgYqbidVx6t"}}
type: Opaque
`,
    ],
    pass: [
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"web","env":[{"name":"TOKEN_FILE","value":"/run/token"}]}]}}}}
    vault.hashicorp.com/agent-inject-secret-db: database/creds/web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
      annotations:
        checksum/secret: 4f9c0e1d2b3a
    spec:
      containers:
        - name: web
          image: nginx:1.27
`,
    ],
  },
});
