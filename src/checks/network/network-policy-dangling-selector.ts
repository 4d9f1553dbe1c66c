import { isAdminPolicy } from '../../analysis/netpol/admin-policies.js';
import type { Endpoint, Workload } from '../../analysis/netpol/cluster.js';
import { directMatcher } from '../../analysis/netpol/match.js';
import { isNetworkPolicy } from '../../analysis/netpol/policies.js';
import { networkView } from '../../analysis/netpol/view.js';
import { podCreatorIn, type PodCreator } from '../../analysis/rbac/pod-creators.js';
import { matchesSelector, type LabelSelector } from '../../model/inventory.js';
import { LabelIndex } from '../../model/label-index.js';
import { effectiveNamespace } from '../../model/kinds.js';
import type { K8sObject } from '../../model/object.js';
import { defineCheck, type Issue } from '../define.js';

export default defineCheck({
  id: 'network-policy-dangling-selector',
  title: 'NetworkPolicy selector matches nothing',
  severity: 'low',
  category: 'network',
  description:
    'A policy whose podSelector matches no workload of its namespace protects nothing, and a peer whose selectors ' +
    'match no workload or namespace allows nothing: usually a typo in a label or a renamed app, which leaves the ' +
    'intended pods unprotected or cut off. Judged against the workloads and namespaces in the input: a podSelector ' +
    'is only judged when its namespace has workloads in the input, a peer only when the input has workloads and (for a ' +
    'namespaceSelector) a namespace it matches; ' +
    'other objects carrying matching labels (a Prometheus resource whose operator creates the pods, a Service) count ' +
    'as pods that may exist. A policy that selects only host-network pods is reported too: it does not apply to them. ' +
    'When a workload of the namespace may create pods there at run time — its ServiceAccount may create pods, ' +
    'Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs or ReplicationControllers in it by the RBAC ' +
    'among the scanned objects, or, for an account no binding in the input names, the workload or its image is named ' +
    'like an operator — the finding says the selector may select pods that operator creates, and names it, instead of ' +
    'calling it dangling. One finding per policy: its podSelector and the peers that match nothing, listed (a ' +
    'podSelector that matches only host-network pods is a finding of its own).',
  remediation: 'Fix the labels so the selector matches the pod template labels of the intended workloads (or namespace labels), or delete the policy or peer.',
  frameworks: { nsa: ['network/network-policies'], owasp: ['K07'] },
  subject: 'inventory',
  run: ({ inventory }) => {
    const c = networkView(inventory);
    const out: { object: K8sObject; issue: Issue }[] = [];
    if (c.workloads.length === 0) return out;
    // Indexes built once: workloads by namespace, pods (and label-carrying objects) by namespace and
    // label, namespaces by label. A selector is then tested only against the pods that can match it.
    const local = new Map<string, Workload[]>();
    const pods = new LabelIndex<Endpoint>();
    for (const w of c.workloads) {
      let list = local.get(w.namespace);
      if (!list) local.set(w.namespace, (list = []));
      list.push(w);
      if (!w.hostNetwork) pods.add(w.namespace, w.labels, w);
    }
    // Objects that are not workloads but carry labels: operator resources and Services hint at pods the input does not show.
    const workloadObjects = new Set(c.workloads.map((w) => w.object));
    for (const o of inventory.objects) {
      const namespace = effectiveNamespace(o);
      if (namespace === undefined || workloadObjects.has(o) || isNetworkPolicy(o) || isAdminPolicy(o) || Object.keys(o.labels).length === 0) continue;
      pods.add(namespace, o.labels, { namespace, nsLabels: c.namespaces.get(namespace) ?? {}, labels: o.labels, namedPorts: [], hostNetwork: false });
    }
    const namespaces = new LabelIndex<string>();
    for (const [name, labels] of c.namespaces) namespaces.add('', labels, name);
    const matchedNamespaces = (sel: LabelSelector): string[] => namespaces.candidates('', sel).filter((n) => matchesSelector(c.namespaces.get(n)!, sel));
    const anyPod = (namespace: string, sel: LabelSelector | undefined, test: (w: Endpoint) => boolean): boolean =>
      (sel ? pods.candidates(namespace, sel) : pods.all(namespace)).some(test);
    // A workload of the namespace that may create pods there at run time (an operator): decided once per namespace.
    const creators = new Map<string, PodCreator | undefined>();
    const creatorIn = (namespace: string): PodCreator | undefined => {
      if (!creators.has(namespace)) creators.set(namespace, podCreatorIn(inventory, namespace, local.get(namespace) ?? []));
      return creators.get(namespace);
    };
    const mayBe = (creator: PodCreator, what: string) => `${what} in the input, but it may select pods an operator creates at run time: ${creator.why}`;
    for (const p of c.policies) {
      const inNs = local.get(p.namespace) ?? [];
      // One finding per policy: its podSelector and every peer that match nothing, listed.
      let selectsNothing = false;
      const peers: string[] = [];
      let creator: PodCreator | undefined;
      if (inNs.length && !anyPod(p.namespace, p.podSelector, (w) => directMatcher.npSelects(p, w))) {
        if (inNs.some((w) => w.hostNetwork && matchesSelector(w.labels, p.podSelector))) {
          out.push({ object: p.object, issue: { path: '/spec/podSelector', message: 'the podSelector matches only host-network pods, to which NetworkPolicies do not apply' } });
        } else {
          selectsNothing = true;
          creator = creatorIn(p.namespace);
        }
      }
      for (const rule of [...(p.ingress ?? []), ...(p.egress ?? [])]) {
        if (rule.peers === 'all') continue;
        for (const peer of rule.peers) {
          if (peer.kind !== 'pods') continue;
          // A namespaceSelector matching no namespace of the input is not judged: the namespace (kube-system,
          // an ingress controller's) is usually installed by someone else.
          const inNamespaces = peer.namespaceSelector ? matchedNamespaces(peer.namespaceSelector) : [p.namespace];
          if (peer.namespaceSelector && inNamespaces.length === 0) continue;
          const test = (w: Endpoint) => directMatcher.npPeer(peer, p, { kind: 'pod', ep: w });
          if (!inNamespaces.some((ns) => anyPod(ns, peer.podSelector, test))) {
            creator ??= inNamespaces.map(creatorIn).find((x) => x !== undefined);
            peers.push(`${peer.path}/${peer.podSelector ? 'podSelector' : 'namespaceSelector'}`);
          }
        }
      }
      if (!selectsNothing && peers.length === 0) continue;
      const what = [
        ...(selectsNothing ? [`the podSelector (no workload of namespace ${p.namespace})`] : []),
        ...(peers.length ? [`${peers.length === 1 ? 'the peer' : `${peers.length} peers`} ${peers.join(', ')}`] : []),
      ].join(' and ');
      const base = `${what} ${(selectsNothing && peers.length > 0) || peers.length > 1 ? 'match' : 'matches'} no workload`;
      out.push({ object: p.object, issue: { path: selectsNothing ? '/spec/podSelector' : peers[0]!, message: creator ? mayBe(creator, base) : `${base} in the input` } });
    }
    return out;
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: registry.example.com/api:1.0}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
    - from:
        - podSelector: {matchLabels: {app: frontent}}
`,
      {
        // An operator that may create the selected pods at run time: said so (still low), naming the RBAC fact.
        yaml: `apiVersion: v1
kind: ServiceAccount
metadata: {name: db-operator, namespace: data}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: db-operator, namespace: data}
rules:
  - {apiGroups: [apps], resources: [statefulsets], verbs: [get, list, watch, create, update]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: db-operator, namespace: data}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: db-operator}
subjects: [{kind: ServiceAccount, name: db-operator}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: db-operator, namespace: data}
spec:
  selector: {matchLabels: {app: db-operator}}
  template:
    metadata: {labels: {app: db-operator}}
    spec:
      serviceAccountName: db-operator
      containers: [{name: operator, image: registry.example.com/db-operator:3.2}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-cluster, namespace: data}
spec:
  podSelector: {matchLabels: {cluster: main}}
  ingress:
    - from:
        - podSelector: {matchLabels: {app: db-operator}}
`,
        path: '/spec/podSelector',
      },
    ],
    pass: [
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: registry.example.com/api:1.0}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: frontend, namespace: shop}
spec:
  selector: {matchLabels: {app: frontend}}
  template:
    metadata: {labels: {app: frontend}}
    spec:
      containers: [{name: web, image: registry.example.com/web:1.0}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
    - from:
        - podSelector: {matchLabels: {app: frontend}}
`,
    ],
  },
});
