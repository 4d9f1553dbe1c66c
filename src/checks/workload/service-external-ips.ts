import { defineCheck } from '../define.js';
import { asArray, asRecord } from '../../model/object.js';

export default defineCheck({
  id: 'service-external-ips',
  title: 'Service sets externalIPs',
  severity: 'medium',
  category: 'workload',
  description:
    'kube-proxy sends traffic for every address in a Service\'s `externalIPs` to that Service\'s pods, for every ' +
    'pod in the cluster, whoever owns the address (CVE-2020-8554, unfixable in kube-proxy). Anyone who can create ' +
    'or edit a Service can thereby intercept traffic meant for an outside address, such as a database or a ' +
    'cloud API. Legitimate uses are rare and should be allowed explicitly.',
  remediation:
    'Remove `externalIPs` and use a LoadBalancer or Ingress; block the field cluster-wide with the ' +
    'DenyServiceExternalIPs admission plugin or a policy that allows only approved addresses.',
  frameworks: {
    nsa: ['network/network-policies'],
    mitre: ['T1557'],
    owasp: ['K07'],
  },
  subject: 'object',
  kinds: ['Service'],
  run: ({ object, at }) => {
    const ips = asArray(asRecord(object.raw.spec)?.externalIPs).filter((ip) => typeof ip === 'string' && ip.trim() !== '');
    if (object.apiVersion !== 'v1' || ips.length === 0) return [];
    return [at('/spec/externalIPs', `the Service claims external IPs ${ips.join(', ')}: kube-proxy redirects traffic for them to its pods (CVE-2020-8554)`, { found: ips.join(', '), expected: 'no externalIPs' })];
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Service
metadata:
  name: db-proxy
spec:
  selector: {app: proxy}
  ports:
    - port: 5432
  externalIPs:
    - 203.0.113.10
`,
    ],
    pass: [
      `apiVersion: v1
kind: Service
metadata:
  name: db-proxy
spec:
  selector: {app: proxy}
  ports:
    - port: 5432
  externalIPs: []
`,
    ],
  },
});
