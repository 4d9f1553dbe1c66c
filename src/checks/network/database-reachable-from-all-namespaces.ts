import { NS_NAME_LABEL, type Endpoint } from '../../analysis/netpol/cluster.js';
import { datastoreOf } from '../../analysis/netpol/datastores.js';
import { explainDirection } from '../../analysis/netpol/explain.js';
import { networkView } from '../../analysis/netpol/view.js';
import type { K8sObject } from '../../model/object.js';
import { defineCheck, type Issue } from '../define.js';

/** A label-less pod in a namespace: what any workload anyone deploys there looks like to a policy. */
function probe(namespace: string, nsLabels: Record<string, string>): Endpoint {
  return { namespace, nsLabels, labels: {}, namedPorts: [], hostNetwork: false };
}

const NEW_NAMESPACE = 'kubeward-new-namespace';

export default defineCheck({
  id: 'database-reachable-from-all-namespaces',
  title: 'Database or cache accepts connections from every namespace',
  severity: 'high',
  category: 'network',
  description:
    'A database or cache (recognised by image — postgres, mysql, mongo, redis, memcached, elasticsearch, ... — or by a ' +
    'well-known port) whose ingress policies let a pod of any namespace connect to its port: one compromised pod ' +
    'anywhere in the cluster can reach the data. Judged on the ingress side, for a pod without labels in every ' +
    'namespace of the input and in a namespace created later. In a Job or CronJob (run to completion: a client, a migration, ' +
    'a backup) a database image alone does not count, only a declared well-known port.',
  remediation: 'Add an ingress NetworkPolicy for the database that allows its port only from the workloads that use it (podSelector, and namespaceSelector for other namespaces).',
  frameworks: { cis: ['5.3.2'], nsa: ['network/network-policies'], mitre: ['T1046'], owasp: ['K07'] },
  subject: 'inventory',
  run: ({ inventory }) => {
    const c = networkView(inventory);
    const probes = [...c.namespaces].map(([n, labels]) => probe(n, labels));
    if (!c.namespaces.has(NEW_NAMESPACE)) probes.push(probe(NEW_NAMESPACE, { [NS_NAME_LABEL]: NEW_NAMESPACE }));
    const out: { object: K8sObject; issue: Issue }[] = [];
    for (const w of c.workloads) {
      const db = datastoreOf(w.pod);
      if (!db) continue;
      const open = probes.every((p) => explainDirection(c, 'ingress', w, { kind: 'pod', ep: p }, 'TCP', db.port).allowed);
      if (open) out.push({ object: w.object, issue: { path: db.path, message: `${w.id} (${db.kind}) accepts connections on TCP ${db.port} from pods of every namespace`, evidence: { found: db.port, expected: 'ingress allowed only from the workloads that use it' } } });
    }
    return out;
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: orders-db, namespace: data}
spec:
  serviceName: orders-db
  selector: {matchLabels: {app: orders-db}}
  template:
    metadata: {labels: {app: orders-db}}
    spec:
      containers:
        - name: postgres
          image: postgres:16.4
          ports:
            - containerPort: 5432
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: orders-db, namespace: data}
spec:
  podSelector: {matchLabels: {app: orders-db}}
  ingress:
    - from: [{namespaceSelector: {}}]
      ports: [{port: 5432}]
`,
    ],
    pass: [
      `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: orders-db, namespace: data}
spec:
  serviceName: orders-db
  selector: {matchLabels: {app: orders-db}}
  template:
    metadata: {labels: {app: orders-db}}
    spec:
      containers:
        - name: postgres
          image: postgres:16.4
          ports:
            - containerPort: 5432
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: orders-db, namespace: data}
spec:
  podSelector: {matchLabels: {app: orders-db}}
  ingress:
    - from:
        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop}}
          podSelector: {matchLabels: {app: orders}}
      ports: [{port: 5432}]
`,
    ],
  },
});
