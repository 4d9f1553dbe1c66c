// `kubeward admission manifests` and `admission serve`'s command line: the generated objects are hardened (scan
// finds nothing above low), fail closed, exempt kube-system and their own namespace; bad flags are usage errors.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../helpers/cli.js';

type Obj = Record<string, any>;
const docs = (text: string): Obj[] => parseAllDocuments(text).map((d) => d.toJS() as Obj);

describe('kubeward admission manifests', () => {
  it('prints a hardened deployment that kubeward scan finds nothing above low in', async () => {
    const out = await runCli(['admission', 'manifests', '--namespace', 'sec', '--image', 'registry.example.com/kubeward:0.1.0']);
    assert.equal(out.code, 0, out.stderr);
    const objects = docs(out.stdout);
    const byKind = Object.fromEntries(objects.map((o) => [o.kind, o]));
    assert.deepEqual(objects.map((o) => o.kind), ['Namespace', 'ServiceAccount', 'ConfigMap', 'Secret', 'Deployment', 'PodDisruptionBudget', 'Service', 'NetworkPolicy', 'NetworkPolicy', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);
    const d = byKind.Deployment;
    assert.equal(d.spec.replicas, 2);
    const c = d.spec.template.spec.containers[0];
    assert.deepEqual([c.securityContext.readOnlyRootFilesystem, c.securityContext.capabilities.drop, d.spec.template.spec.securityContext.seccompProfile.type], [true, ['ALL'], 'RuntimeDefault']);
    assert.ok(c.resources.limits.memory && c.livenessProbe && c.readinessProbe);
    assert.deepEqual(c.args.slice(-2), ['--deadline', '4000']);
    for (const kind of ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']) {
      const w = byKind[kind].webhooks[0];
      assert.deepEqual([w.failurePolicy, w.sideEffects, w.timeoutSeconds], ['Fail', 'None', 5]);
      assert.deepEqual(w.namespaceSelector.matchExpressions[0].values, ['kube-system', 'sec']);
      assert.equal(w.clientConfig.service.namespace, 'sec');
      // The caBundle is the Secret's certificate, for the Service's DNS name.
      assert.equal(w.clientConfig.caBundle, byKind.Secret.data['tls.crt']);
    }
    const cert = new X509Certificate(Buffer.from(byKind.Secret.data['tls.crt'], 'base64'));
    assert.match(cert.subjectAltName ?? '', /DNS:kubeward-admission\.sec\.svc/);

    const scan = await runCli(['scan', '-', '-o', 'json', '--fail-on', 'medium'], { input: out.stdout });
    assert.equal(scan.code, 0, scan.stdout.slice(0, 2000));
    const report = JSON.parse(scan.stdout) as { findings: { severity: string; checkId: string }[]; suppressed: { finding: { checkId: string } }[] };
    assert.deepEqual(report.findings.filter((f) => !['low', 'info'].includes(f.severity)), []);
    // The one thing set aside, with its reason in the output: the generated key is in this output by design.
    assert.deepEqual(report.suppressed.map((s) => s.finding.checkId), ['secret-in-committed-secret']);
  });

  it('with --cert-manager: an Issuer and a Certificate, no key in the output, the caBundle injected', async () => {
    const out = await runCli(['admission', 'manifests', '--cert-manager', '--timeout-seconds', '10']);
    assert.equal(out.code, 0, out.stderr);
    const objects = docs(out.stdout);
    assert.equal(objects.some((o) => o.kind === 'Secret'), false);
    assert.deepEqual(objects.filter((o) => o.apiVersion === 'cert-manager.io/v1').map((o) => o.kind), ['Issuer', 'Certificate']);
    const v = objects.find((o) => o.kind === 'ValidatingWebhookConfiguration')!;
    assert.equal(v.metadata.annotations['cert-manager.io/inject-ca-from'], 'kubeward/kubeward-admission');
    assert.equal(v.webhooks[0].timeoutSeconds, 10);
    assert.equal(v.webhooks[0].clientConfig.caBundle, undefined);
    const scan = await runCli(['scan', '-', '--fail-on', 'medium'], { input: out.stdout });
    assert.equal(scan.code, 0, scan.stdout);
  });

  it('refuses a bad namespace or timeout, and serve without a certificate', async () => {
    const ns = await runCli(['admission', 'manifests', '--namespace', 'Bad_NS']);
    assert.equal(ns.code, 2);
    assert.match(ns.stderr, /--namespace must be a namespace name/);
    const t = await runCli(['admission', 'manifests', '--timeout-seconds', '40']);
    assert.equal(t.code, 2);
    assert.match(t.stderr, /--timeout-seconds must be 2 to 30/);
    const serve = await runCli(['admission', 'serve', '--listen', '127.0.0.1:0']);
    assert.equal(serve.code, 2);
    assert.match(serve.stderr, /admission serve needs --tls-cert and --tls-key/);
  });
});
