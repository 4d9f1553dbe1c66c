// Mesh checks on real Istio and Linkerd manifests (copied from the shared corpus, see fixtures/mesh/SOURCE.md)
// and on the semantics the checks must get exactly right.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CHECKS } from '../../src/checks/index.js';
import { isMeshHost } from '../../src/checks/mesh/istio-destination-rule-tls-disabled.js';
import { runChecks } from '../../src/engine/run-checks.js';
import { Inventory } from '../../src/model/inventory.js';
import { loadText, withIds } from '../../src/sources/manifests.js';

const root = fileURLToPath(new URL('../fixtures/mesh/manifests/', import.meta.url));
const MESH = CHECKS.filter((c) => c.category === 'mesh');

function scanFiles(files: string[], text = '', options: Record<string, Record<string, unknown>> = {}) {
  const objects = files.flatMap((f) => loadText(readFileSync(root + f, 'utf8'), f).objects);
  if (text) objects.push(...loadText(text, 'inline.yaml').objects);
  const findings = runChecks(MESH, new Inventory(withIds(objects)), [], { checkOptions: options });
  return findings.map((f) => `${f.checkId} ${f.location.file.split('/').pop()}:${f.location.line} ${f.path}`);
}

const KF_NS = 'kubeflow-manifests/common/kubeflow-namespace/base/kubeflow/namespace.yaml';
const KF_DENY_ALL = 'kubeflow-manifests/common/istio/istio-install/base/deny_all_authorizationpolicy.yaml';

test('real DestinationRules: calico dikastes DISABLE is found; bookinfo ISTIO_MUTUAL and external SIMPLE are not', () => {
  assert.deepEqual(scanFiles(['calico/manifests/alp/istio-app-layer-policy.yaml']), ['istio-destination-rule-tls-disabled istio-app-layer-policy.yaml:27 /spec/trafficPolicy/tls/mode']);
  assert.deepEqual(scanFiles(['istio/samples/bookinfo/networking/destination-rule-all-mtls.yaml', 'istio/samples/bookinfo/networking/destination-rule-all.yaml', 'istio/samples/bookinfo/networking/egress-rule-google-apis.yaml']), []);
});

test('real AuthorizationPolicies: `rules: [{}]` allows all, `spec: {}` denies all, principal rules are narrow', () => {
  assert.deepEqual(scanFiles(['kubeflow-manifests/common/istio/istio-install/base/gateway_authorizationpolicy.yaml']), ['istio-authorization-allow-all gateway_authorizationpolicy.yaml:14 /spec/rules']);
  assert.equal(scanFiles(['kubeflow-manifests/common/knative/knative-serving/base/istio-authorization-policy.yaml']).length, 5);
  assert.deepEqual(scanFiles([KF_DENY_ALL, 'kubeflow-manifests/applications/pipeline/upstream/third-party/mysql/options/istio/istio-authorization-policy.yaml']), []);
});

test('an injected namespace: PERMISSIVE by default and no AuthorizationPolicy, until policies are scanned with it', () => {
  assert.deepEqual(scanFiles([KF_NS]), [
    'istio-namespace-mtls-not-strict namespace.yaml:7 /metadata/labels/istio-injection',
    'istio-namespace-without-authorization-policy namespace.yaml:7 /metadata/labels/istio-injection',
  ]);
  // kubeflow's mesh-wide deny-all in istio-system covers every namespace.
  assert.deepEqual(scanFiles([KF_NS, KF_DENY_ALL]), ['istio-namespace-mtls-not-strict namespace.yaml:7 /metadata/labels/istio-injection']);
  const strict = 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: istio-system}\nspec: {mtls: {mode: STRICT}}\n';
  assert.deepEqual(scanFiles([KF_NS, KF_DENY_ALL], strict), []);
  // A custom root namespace (meshConfig.rootNamespace) moves the mesh-wide scope.
  const custom = strict.replace('istio-system', 'mesh-root');
  assert.deepEqual(scanFiles([KF_NS, KF_DENY_ALL], custom, { 'istio-namespace-mtls-not-strict': { rootNamespace: 'mesh-root' } }), []);
  assert.equal(scanFiles([KF_NS, KF_DENY_ALL], custom).length, 1);
});

test('namespace-wide UNSET inherits the mesh-wide mode; a namespace-wide PERMISSIVE is reported on the policy itself', () => {
  const ns = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {istio-injection: enabled}}\n---\n';
  const pa = (n: string, mode: string) => `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: ${n}}\nspec: {mtls: {mode: ${mode}}}\n---\n`;
  const deny = 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: deny, namespace: shop}\nspec: {}\n';
  assert.deepEqual(scanFiles([], ns + pa('istio-system', 'PERMISSIVE') + pa('shop', 'UNSET') + deny), [
    'istio-mtls-not-strict inline.yaml:8 /spec/mtls/mode',
    'istio-namespace-mtls-not-strict inline.yaml:3 /metadata/labels/istio-injection',
  ]);
  assert.deepEqual(scanFiles([], ns + pa('istio-system', 'PERMISSIVE') + pa('shop', 'STRICT') + deny), ['istio-mtls-not-strict inline.yaml:8 /spec/mtls/mode']);
  assert.deepEqual(scanFiles([], ns + pa('shop', 'DISABLE') + deny), ['istio-mtls-not-strict inline.yaml:8 /spec/mtls/mode']);
});

test('portLevelMtls overrides are judged only with a selector (Istio ignores them otherwise)', () => {
  const doc = (selector: string) => `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: p, namespace: foo}\nspec:\n${selector}  mtls: {mode: UNSET}\n  portLevelMtls:\n    "8080": {mode: PERMISSIVE}\n    "9090": {mode: STRICT}\n`;
  assert.deepEqual(scanFiles([], doc('  selector: {matchLabels: {app: a}}\n')), ['istio-mtls-not-strict inline.yaml:8 /spec/portLevelMtls/8080/mode']);
  assert.deepEqual(scanFiles([], doc('')), []);
});

test('real Linkerd manifests: skip-inbound-ports is a bypass, opaque-ports only a low note', () => {
  const skip = runChecks(MESH, new Inventory(withIds(loadText(readFileSync(root + 'linkerd2/test/integration/deep/skipports/testdata/skip_ports_application.yaml', 'utf8'), 'x').objects)), []);
  assert.deepEqual(skip.map((f) => [f.checkId, f.severity, f.location.line]), [['linkerd-proxy-bypass-ports', 'medium', 146]]);
  const opaque = runChecks(MESH, new Inventory(withIds(loadText(readFileSync(root + 'linkerd2/test/integration/deep/opaqueports/testdata/opaque_ports_application.yaml', 'utf8'), 'x').objects)), []);
  assert.deepEqual(opaque.map((f) => [f.checkId, f.severity, f.location.line]), [['linkerd-proxy-bypass-ports', 'low', 16]]);
});

test('sidecar opt-outs need the namespace to be injected; the label wins over the annotation', () => {
  const ns = (labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {${labels}}}\n---\n`;
  const pod = (meta: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop, ${meta}}\nspec: {containers: [{name: c, image: nginx:1.27}]}\n`;
  const optOut = (s: string[]) => s.filter((x) => x.startsWith('istio-sidecar-injection-disabled'));
  assert.equal(optOut(scanFiles([], ns('istio-injection: enabled') + pod('labels: {sidecar.istio.io/inject: "false"}'))).length, 1);
  assert.equal(optOut(scanFiles([], ns('istio.io/rev: canary') + pod('annotations: {sidecar.istio.io/inject: "false"}'))).length, 1);
  assert.equal(optOut(scanFiles([], ns('istio-injection: disabled, istio.io/rev: canary') + pod('labels: {sidecar.istio.io/inject: "false"}'))).length, 0);
  assert.equal(optOut(scanFiles([], ns('istio-injection: enabled') + pod('labels: {sidecar.istio.io/inject: "true"}, annotations: {sidecar.istio.io/inject: "false"}'))).length, 0);
  assert.equal(optOut(scanFiles([], pod('labels: {sidecar.istio.io/inject: "false"}'))).length, 0, 'namespace not scanned: not judged');
});

test('in-mesh hosts for DestinationRules', () => {
  for (const h of ['reviews', 'reviews.prod', 'reviews.prod.svc', 'reviews.prod.svc.cluster.local', '*.prod.svc.cluster.local', '*', 'dikastes.calico.cluster.local'])
    assert.ok(isMeshHost(h), h);
  for (const h of ['www.googleapis.com', 'api.stripe.com', 'example.io', 'db.internal.example.org']) assert.equal(isMeshHost(h), false, h);
});

test('the rootNamespace example in docs/mesh.md is a valid configuration naming real mesh checks', async () => {
  const { parseConfig } = await import('../../src/policy/config.js');
  const md = readFileSync(new URL('../../docs/mesh.md', import.meta.url), 'utf8');
  const block = /```yaml\n([\s\S]*?)```/.exec(md)![1]!;
  const { config, errors } = parseConfig(block, 'mesh.md');
  assert.deepEqual(errors, []);
  const ids = Object.keys(config.checkOptions ?? {});
  assert.equal(ids.length, 4);
  for (const id of ids) assert.ok(MESH.some((c) => c.id === id), id);
});
