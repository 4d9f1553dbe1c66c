/**
 * Synthetic manifests for scale benchmarks: realistic workloads (Deployments with init and app
 * containers, Services, ConfigMaps) split into files of 100 documents.
 */
export function generateManifests(objects: number, perFile = 100): { name: string; text: string }[] {
  const files: { name: string; text: string }[] = [];
  let docs: string[] = [];
  const flush = () => {
    if (docs.length) files.push({ name: `gen/file-${files.length}.yaml`, text: docs.join('---\n') });
    docs = [];
  };
  for (let i = 0; i < objects; i++) {
    const ns = `team-${i % 200}`;
    const app = `svc-${i}`;
    switch (i % 3) {
      case 0:
        docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${ns}
  labels: {app: ${app}, tier: backend}
spec:
  replicas: 2
  selector:
    matchLabels: {app: ${app}}
  template:
    metadata:
      labels: {app: ${app}, tier: backend}
    spec:
      ${i % 7 === 0 ? 'hostNetwork: true' : 'automountServiceAccountToken: false'}
      initContainers:
        - name: migrate
          image: registry.example.com/${ns}/migrate:1.${i % 10}.0
          command: ["/bin/migrate", "--apply"]
      containers:
        - name: app
          image: registry.example.com/${ns}/${app}${i % 5 === 0 ? ':latest' : ':2.3.' + (i % 50)}
          ports:
            - containerPort: 8080
              name: http
          env:
            - name: LOG_LEVEL
              value: info
          resources:
            limits: {cpu: 500m, memory: 256Mi}
          securityContext:
            allowPrivilegeEscalation: ${i % 4 === 0}
            readOnlyRootFilesystem: true
            runAsNonRoot: true
`);
        break;
      case 1:
        docs.push(`apiVersion: v1
kind: Service
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  selector:
    app: svc-${i - 1}
  ports:
    - port: 80
      targetPort: http
`);
        break;
      default:
        docs.push(`apiVersion: v1
kind: ConfigMap
metadata:
  name: ${app}-config
  namespace: ${ns}
data:
  config.yaml: |
    server:
      port: 8080
      timeout: 30s
    feature_flags: [a, b, c]
`);
    }
    if (docs.length === perFile) flush();
  }
  flush();
  return files;
}
