import { touchesInternet } from '../../analysis/netpol/ip.js';
import { isEmpty, portRange, portsText, subtract, union } from '../../analysis/netpol/ports.js';
import { secretUseHoldsCredential } from '../../analysis/netpol/secret-credential.js';
import { secretsHeld } from '../../analysis/netpol/secrets-held.js';
import { networkMatrix } from '../../analysis/netpol/view.js';
import { rbacModel } from '../../analysis/rbac/model.js';
import { serviceAccountPowers, type HeldPower } from '../../analysis/rbac/token-powers.js';
import { workloadServiceAccount } from '../../analysis/rbac/workload-sa.js';
import { effectiveNamespace } from '../../model/kinds.js';
import { asArray, asRecord } from '../../model/object.js';
import type { PodSpecRef } from '../../model/pod-specs.js';
import type { K8sObject } from '../../model/object.js';
import { defineCheck, type Issue } from '../define.js';

/** DNS (TCP and UDP 53): what the remediation itself leaves open; egress open only there is not reported. */
const DNS = union(portRange('TCP', 53), portRange('UDP', 53));

/** A projected serviceAccountToken volume carries a token even when automounting is off. */
const projectsToken = (pod: PodSpecRef) =>
  asArray(pod.spec.volumes).some((v) => asArray(asRecord(asRecord(v)?.projected)?.sources).some((s) => asRecord(s)?.serviceAccountToken !== undefined));

/** The account and the first dangerous power the pod's token carries (the RBAC model's reading), when it carries one. */
function tokenPower(inventory: Parameters<typeof rbacModel>[0], pod: PodSpecRef): { account: string; held: HeldPower; path: string } | undefined {
  const sa = workloadServiceAccount(inventory, pod);
  if (!sa.tokenMounted && !projectsToken(pod)) return undefined;
  const held = serviceAccountPowers(rbacModel(inventory), sa.namespace, sa.name).powers[0];
  return held && { account: sa.name, held, path: sa.path };
}

export default defineCheck({
  id: 'secret-holder-internet-egress',
  title: 'Workload holding Secrets or a powerful token can connect to the internet',
  severity: 'medium',
  category: 'network',
  description:
    'A workload that mounts Secrets or reads them into its environment, or carries a service-account token with ' +
    'dangerous RBAC permissions (the RBAC model\'s reading, as rbac-workload-power: * on *, read Secrets, create or exec into ' +
    'pods, escalate, bind, impersonate, mint tokens, nodes/proxy, approve certificates, write webhooks, PVs or RBAC), and ' +
    'whose egress the policies leave open to public addresses, gives an attacker who gets code execution in it a ' +
    'direct way to send the credentials out. Host-network pods are left out (NetworkPolicies do not apply to them). ' +
    'Public means outside private, loopback, link-local, CGNAT and unique-local ranges; the matrix decides what is open. ' +
    'Egress open to public addresses only on DNS (TCP/UDP 53) is not reported: the remediation allows DNS. ' +
    'A Secret among the scanned objects that holds no credential does not count: an Opaque Secret with data of which ' +
    'no key the workload takes is named like a credential (password, token, apiKey...) nor holds a value the secret ' +
    'detection reads as one (a URL without a password, a config file without secrets). A Secret the input lacks, one ' +
    'without data, and the tls, dockerconfigjson, service-account-token, basic-auth and ssh-auth types stay credentials, ' +
    'except TLS serving material mounted as a volume (a webhook\'s or gRPC server\'s certificate): a volume that takes ' +
    'only tls.crt, tls.key and ca.crt, or, taking every key, a volume or Secret named like one (`…-tls`, `…-certs`, ' +
    '`certificates`, `webhook-cert`) of type tls or Opaque. It authenticates the workload to in-cluster clients and buys ' +
    'nothing outside the cluster. (A client certificate for an external service named that way is missed: the tradeoff.)',
  remediation:
    'Add an egress NetworkPolicy for the workload that allows only the in-cluster peers it needs, DNS, and the narrowest ' +
    'ipBlock for external services it must reach (or route them through an egress proxy).',
  frameworks: { nsa: ['network/network-policies', 'network/secrets'], mitre: ['T1552'], owasp: ['K07'] },
  subject: 'inventory',
  run: ({ inventory }) => {
    const mx = networkMatrix(inventory);
    const out: { object: K8sObject; issue: Issue }[] = [];
    // Which external groups touch the internet, decided once (not once per workload); in the matrix's order.
    const internet = mx.externals.filter((e) => e.ranges.some(touchesInternet));
    mx.workloads.forEach((w, i) => {
      const open = internet.filter((e) => !isEmpty(subtract(e.egress[mx.classOf[i]!]!, DNS)));
      if (open.length === 0 || w.hostNetwork) return;
      // Only Secrets that may hold a credential: not one the input shows to hold a URL or a config without secrets.
      const uses = secretsHeld(w.pod).filter((u) => secretUseHoldsCredential(inventory, effectiveNamespace(w.object), u));
      const grant = uses.length ? undefined : tokenPower(inventory, w.pod);
      if (uses.length === 0 && !grant) return;
      const example = open[0]!;
      const where = `${example.name.length > 60 ? `${example.name.slice(0, 60)}…` : example.name}: ${portsText(example.egress[mx.classOf[i]!]!)}`;
      const what = uses.length
        ? `holds secret ${uses.map((u) => u.secret).filter((s, k, a) => a.indexOf(s) === k).join(', ')}`
        : `carries the token of service account ${grant!.account} (${grant!.held.phrase} ${grant!.held.via})`;
      out.push({ object: w.object, issue: { path: uses.length ? uses[0]!.path : grant!.path, message: `${w.id} ${what} and can connect to public addresses (${where})` } });
    });
    return out;
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Secret
metadata: {name: nats-context, namespace: pay}
type: Opaque
stringData:
  default.json: |
    {"url": "nats://nats.pay.svc:4222", "password": "s3cr3t-Pa55w0rd-9f8e"}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: nats-box, namespace: pay}
spec:
  selector: {matchLabels: {app: nats-box}}
  template:
    metadata: {labels: {app: nats-box}}
    spec:
      automountServiceAccountToken: false
      containers: [{name: box, image: registry.example.com/nats-box:0.14}]
      volumes:
        - name: contexts
          secret: {secretName: nats-context}
`,
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: billing, namespace: pay}
spec:
  selector: {matchLabels: {app: billing}}
  template:
    metadata: {labels: {app: billing}}
    spec:
      containers:
        - name: app
          image: registry.example.com/billing:2.1
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {name: billing-db, key: password}
`,
      `apiVersion: v1
kind: ServiceAccount
metadata: {name: deployer, namespace: ci}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: deployer-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: deployer, namespace: ci}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: deploy, namespace: ci}
spec:
  template:
    spec:
      serviceAccountName: deployer
      restartPolicy: Never
      containers: [{name: kubectl, image: registry.example.com/kubectl:1.31}]
`,
    ],
    pass: [
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: webhook, namespace: ops}
spec:
  selector: {matchLabels: {app: webhook}}
  template:
    metadata: {labels: {app: webhook}}
    spec:
      automountServiceAccountToken: false
      containers: [{name: webhook, image: registry.example.com/webhook:1.2.0}]
      volumes:
        - name: webhook-cert
          secret: {secretName: ops-admission}
        - name: grpc
          secret:
            secretName: grpc-server
            items: [{key: tls.crt, path: tls.crt}, {key: tls.key, path: tls.key}]
`,
      `apiVersion: v1
kind: Secret
metadata: {name: nats-context, namespace: pay}
type: Opaque
stringData:
  default.json: |
    {"url": "nats://nats.pay.svc:4222"}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: nats-box, namespace: pay}
spec:
  selector: {matchLabels: {app: nats-box}}
  template:
    metadata: {labels: {app: nats-box}}
    spec:
      automountServiceAccountToken: false
      containers: [{name: box, image: registry.example.com/nats-box:0.14}]
      volumes:
        - name: contexts
          secret: {secretName: nats-context}
`,
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: billing, namespace: pay}
spec:
  selector: {matchLabels: {app: billing}}
  template:
    metadata: {labels: {app: billing}}
    spec:
      containers:
        - name: app
          image: registry.example.com/billing:2.1
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {name: billing-db, key: password}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: billing-egress, namespace: pay}
spec:
  podSelector: {matchLabels: {app: billing}}
  policyTypes: [Egress]
  egress:
    - to: [{ipBlock: {cidr: 10.0.0.0/8}}]
      ports: [{port: 5432}]
`,
      `apiVersion: batch/v1
kind: Job
metadata: {name: deploy, namespace: ci}
spec:
  template:
    spec:
      serviceAccountName: deployer
      automountServiceAccountToken: false
      restartPolicy: Never
      containers: [{name: kubectl, image: registry.example.com/kubectl:1.31}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: deployer-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: deployer, namespace: ci}]
`,
    ],
  },
});
