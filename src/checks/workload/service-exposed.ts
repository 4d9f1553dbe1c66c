import { defineCheck } from '../define.js';
import { asRecord } from '../../model/object.js';

/** Annotations cloud providers read to make a LoadBalancer internal (no public address). */
const INTERNAL_LB: [string, (v: string) => boolean][] = [
  ['service.beta.kubernetes.io/aws-load-balancer-internal', (v) => v === 'true' || v === '0.0.0.0/0'],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', (v) => v === 'internal'],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', (v) => v === 'true'],
  ['networking.gke.io/load-balancer-type', (v) => v.toLowerCase() === 'internal'],
  ['cloud.google.com/load-balancer-type', (v) => v.toLowerCase() === 'internal'],
  ['service.beta.kubernetes.io/oci-load-balancer-internal', (v) => v === 'true'],
  ['service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type', (v) => v === 'private'],
  ['service.beta.kubernetes.io/openstack-internal-load-balancer', (v) => v === 'true'],
];

export default defineCheck({
  id: 'service-exposed',
  title: 'Service is exposed outside the cluster',
  severity: 'low',
  category: 'workload',
  description:
    'A Service of type LoadBalancer gets an address outside the cluster (usually a public one), and a NodePort ' +
    'Service opens its port on every node\'s address. Either puts the workload in reach of whoever can reach ' +
    'the load balancer or the nodes, bypassing the Ingress layer where TLS, authentication and rate limits ' +
    'usually live. LoadBalancers marked internal by a cloud provider annotation, or restricted by ' +
    '`loadBalancerSourceRanges`, are reported as info.',
  remediation:
    'Use a ClusterIP Service behind an Ingress or Gateway; if the Service must be external, make it internal ' +
    '(provider annotation) or restrict `loadBalancerSourceRanges`, and put authentication in front of it.',
  frameworks: {
    nsa: ['network/network-policies'],
    mitre: ['T1133', 'T1190'],
    owasp: ['K07'],
  },
  subject: 'object',
  kinds: ['Service'],
  run: ({ object, at }) => {
    if (object.apiVersion !== 'v1') return [];
    const spec = asRecord(object.raw.spec);
    const type = spec?.type;
    if (type === 'NodePort') {
      return [at('/spec/type', 'the Service is of type NodePort: its port is open on every node', { found: 'NodePort', expected: 'ClusterIP behind an Ingress or Gateway' })];
    }
    if (type !== 'LoadBalancer') return [];
    const internal = INTERNAL_LB.find(([k, ok]) => object.annotations[k] !== undefined && ok(object.annotations[k]!.trim()));
    const ranges = Array.isArray(spec?.loadBalancerSourceRanges) && spec.loadBalancerSourceRanges.length > 0;
    // allocateLoadBalancerNodePorts: false (1.24+) leaves the node ports out.
    const nodePorts = spec?.allocateLoadBalancerNodePorts === false ? '' : ', and its nodePorts open on every node';
    const issue = at('/spec/type', `the Service is of type LoadBalancer${internal ? ` (internal: ${internal[0]})` : ranges ? ' restricted by loadBalancerSourceRanges' : ''}${nodePorts}`, {
      found: 'LoadBalancer',
      expected: 'ClusterIP behind an Ingress or Gateway',
    });
    return [internal || ranges ? { ...issue, severity: 'info' } : issue];
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: LoadBalancer
  selector: {app: web}
  ports:
    - port: 443
      targetPort: 8443
`,
      {
        yaml: `apiVersion: v1
kind: Service
metadata:
  name: internal-api
  annotations:
    networking.gke.io/load-balancer-type: Internal
spec:
  type: LoadBalancer
  allocateLoadBalancerNodePorts: false
  selector: {app: api}
  ports:
    - port: 443
`,
        findings: 1,
      },
      `apiVersion: v1
kind: Service
metadata:
  name: admin
spec:
  type: NodePort
  selector: {app: admin}
  ports:
    - port: 8080
      nodePort: 30080
`,
    ],
    pass: [
      `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
    - port: 80
      targetPort: 8080
`,
    ],
  },
});
