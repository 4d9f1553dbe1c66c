import { defineCheck, type Issue } from '../define.js';
import { matchesSelector, type LabelSelector } from '../../model/inventory.js';
import { effectiveNamespace } from '../../model/kinds.js';
import { asArray, asRecord, isRecord, stringMap, type K8sObject } from '../../model/object.js';
import { podSpecsOf } from '../../model/pod-specs.js';
import { isReplicatedWorkload, minimumReplicas } from '../shared/replicas.js';

/** A PDB's selector as Kubernetes reads it, or undefined when it selects nothing. */
function pdbSelector(pdb: K8sObject): LabelSelector | undefined {
  const sel = asRecord(pdb.raw.spec)?.selector;
  // A null selector selects no pods. An empty one selects every pod of the namespace in policy/v1,
  // none in policy/v1beta1.
  if (!isRecord(sel)) return undefined;
  const matchLabels = stringMap(sel.matchLabels);
  const matchExpressions = asArray(sel.matchExpressions).flatMap((e) => {
    const r = asRecord(e);
    if (!r || typeof r.key !== 'string' || typeof r.operator !== 'string') return [];
    return [{ key: r.key, operator: r.operator, values: asArray(r.values).filter((v): v is string => typeof v === 'string') }];
  });
  if (Object.keys(matchLabels).length === 0 && matchExpressions.length === 0 && pdb.apiVersion === 'policy/v1beta1') return undefined;
  return { matchLabels, matchExpressions };
}

export default defineCheck({
  id: 'pod-disruption-budget-missing',
  title: 'Replicated workload has no PodDisruptionBudget',
  severity: 'low',
  category: 'workload',
  profile: 'hygiene',
  description:
    'Without a PodDisruptionBudget, a node drain, cluster upgrade or autoscaler scale-down may evict every ' +
    'replica of a Deployment or StatefulSet at once, so the redundancy its replicas should give is not there when ' +
    'it matters. A budget covers the workload when, in the same namespace, its selector matches the labels of the ' +
    'pod template (policy/v1: an empty selector matches every pod; a missing one none). Workloads with fewer than ' +
    'two replicas are reported by single-replica instead (a budget cannot protect one pod).',
  remediation: 'Add a PodDisruptionBudget (`policy/v1`) selecting the workload\'s pods with `maxUnavailable: 1` or a `minAvailable` below the replica count.',
  frameworks: {
    mitre: ['T1499'],
    owasp: ['K01'],
  },
  aliases: { polaris: ['missingPodDisruptionBudget'] },
  subject: 'inventory',
  run: ({ inventory }) => {
    const budgets = new Map<string, LabelSelector[]>();
    for (const pdb of inventory.byKind('PodDisruptionBudget')) {
      const sel = pdbSelector(pdb);
      const ns = effectiveNamespace(pdb) ?? '';
      if (sel) budgets.set(ns, [...(budgets.get(ns) ?? []), sel]);
    }
    const out: { object: K8sObject; issue: Issue }[] = [];
    for (const kind of ['Deployment', 'StatefulSet']) {
      for (const o of inventory.byKind(kind)) {
        if (!isReplicatedWorkload(o)) continue;
        const { replicas } = minimumReplicas(o, inventory);
        if (replicas === undefined || replicas < 2) continue;
        const pod = podSpecsOf(o)[0];
        if (!pod) continue;
        const labels = stringMap(pod.metadata.labels);
        if ((budgets.get(effectiveNamespace(o) ?? '') ?? []).some((s) => matchesSelector(labels, s))) continue;
        out.push({
          object: o,
          issue: { path: pod.metadataPath, message: `no PodDisruptionBudget in the namespace selects the pods of this ${replicas}-replica ${kind}`, evidence: { found: null, expected: 'a PodDisruptionBudget selecting the pod labels' } },
        });
      }
    }
    return out;
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: registry.example.com/api:5.2.0
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: api
  namespace: other
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app: api}
`,
    ],
    pass: [
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api, tier: backend}
    spec:
      containers:
        - name: api
          image: registry.example.com/api:5.2.0
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: backend
  namespace: shop
spec:
  maxUnavailable: 1
  selector:
    matchExpressions:
      - {key: tier, operator: In, values: [backend]}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: single
  namespace: shop
spec:
  selector:
    matchLabels: {app: single}
  template:
    metadata:
      labels: {app: single}
    spec:
      containers:
        - name: app
          image: registry.example.com/app:1.0.0
`,
    ],
  },
});
