// `kubeward scan --include-analyses -o json`: the compact RBAC and network sections the server's views read.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { SECTION_LIMITS, imagesSection, rbacSection } from '../../src/engine/analysis-sections.js';
import { inventoryOf } from '../../src/engine/load-inventory.js';
import type { NetpolSection, RbacSection } from '../../src/model/analysis-sections.js';
import { runCli } from '../helpers/cli.js';

test('scan --include-analyses -o json: rbac (per subject powers and escalation) and netpol (who reaches each workload)', async () => {
  const plain = await runCli(['scan', 'examples', '-o', 'json']);
  const without = JSON.parse(plain.stdout) as Record<string, unknown>;
  assert.equal(without.rbac, undefined, 'only when asked for');
  assert.equal(without.netpol, undefined);

  const r = await runCli(['scan', 'examples', 'test/fixtures/rbac/cluster.yaml', '--include-analyses', '-o', 'json']);
  const doc = JSON.parse(r.stdout) as { schemaVersion: string; rbac: RbacSection; netpol: NetpolSection };
  assert.equal(doc.schemaVersion, '1.3');
  const ajv = new Ajv2020.default({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync('docs/findings.schema.json', 'utf8')) as object);
  assert.equal(validate(doc), true, JSON.stringify(validate.errors?.slice(0, 5)));
  assert.equal((doc as { images?: unknown }).images, undefined, 'images only with --images');

  const subject = (name: string) => doc.rbac.subjects.find((s) => s.subject === name);
  assert.deepEqual(subject('User bob'), { subject: 'User bob', kind: 'User', name: 'bob', clusterAdmin: true, powers: ['do anything (* on *)'], escalationHops: 1, escalation: '* on * in every namespace' });
  assert.equal(subject('ServiceAccount kube-system/admin-bot')!.clusterAdmin, true);
  const deployer = subject('ServiceAccount ci/deployer')!;
  assert.deepEqual(deployer.powers, ['create pods or pod-creating workloads']);
  assert.equal(deployer.escalationHops, 6);
  assert.match(deployer.escalation!, /^create pods in prod/);
  assert.deepEqual(subject('User alice')!.powers, ['impersonate users, groups or service accounts']);
  assert.deepEqual(subject('User carol')!.powers, [], 'bound, but to nothing that matters');
  assert.deepEqual(doc.rbac.subjects.slice(0, 2).map((s) => s.subject), ['ServiceAccount kube-system/admin-bot', 'User bob'], 'cluster-admins first');
  assert.deepEqual(doc.rbac.totals, { subjects: 7, withPowers: 6, clusterAdmin: 2, edges: 6, objects: 1 });
  assert.ok(doc.rbac.edges.some((e) => e.subject === 'ServiceAccount ci/deployer' && e.power === 'create pods or pod-creating workloads' && e.scope === 'prod' && /RoleBinding/.test(e.via)));
  assert.deepEqual(doc.rbac.byObject['Deployment/prod/web'], { serviceAccount: 'prod/ops-bot', tokenMounted: true, clusterAdmin: false, powers: ['create service account tokens'], escalationHops: 4 });
  assert.equal(doc.rbac.truncated, undefined);

  const reach = (id: string) => doc.netpol.workloads.find((w) => w.workload === id)!;
  // shop/web: default-deny plus an ingress rule from 10.20.0.0/16 only: nothing in the cluster, nothing public.
  assert.deepEqual(reach('shop/web[Deployment]'), { workload: 'shop/web[Deployment]', namespace: 'shop', from: [], fromCount: 0, fromAllPods: false, fromInternet: false, toInternet: false, exposedBy: [] });
  // legacy-web runs with hostNetwork: no NetworkPolicy applies, every pod and the internet reach it.
  const legacy = reach('shop/legacy-web[Deployment]');
  assert.equal(legacy.fromAllPods, true);
  assert.equal(legacy.fromInternet, true);
  assert.ok(legacy.from.includes('finance/nightly-report[CronJob]'));
  assert.ok(doc.netpol.edges.some((e) => e.from === 'finance/nightly-report[CronJob]' && e.to === 'shop/legacy-web[Deployment]' && e.allowed === 'all'));
  assert.ok(!doc.netpol.edges.some((e) => e.to === 'shop/web[Deployment]'));
  assert.equal(doc.netpol.byObject['Deployment/shop/web']!.fromCount, 0);
  assert.equal(doc.netpol.totals.workloads, doc.netpol.workloads.length);
});

test('analysis sections are capped, and say so', () => {
  const n = SECTION_LIMITS.subjects + 5;
  const inventory = inventoryOf([{
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', name: 'many', raw: {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'many' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: Array.from({ length: n }, (_, i) => ({ kind: 'User', name: `u${i}`, apiGroup: 'rbac.authorization.k8s.io' })),
    },
    labels: {}, annotations: {}, source: { file: 'many.yaml', document: 0, pointerPrefix: '' },
  } as never]);
  const s = rbacSection(inventory);
  assert.equal(s.subjects.length, SECTION_LIMITS.subjects);
  assert.equal(s.totals.subjects, n);
  assert.deepEqual(s.truncated, { subjects: SECTION_LIMITS.subjects });
  assert.deepEqual(s.subjects[0], { subject: 'User u0', kind: 'User', name: 'u0', clusterAdmin: true, powers: ['do anything (* on *)'], escalationHops: 1, escalation: 'bound to the default ClusterRole cluster-admin in every namespace' });
});

test('images section (scan --images): per workload, most severe first, capped per object', () => {
  const object = { kind: 'Deployment', namespace: 'shop', name: 'web' } as never;
  const vuln = (id: string, severity: 'low' | 'critical', fixedIn?: string) => ({ id, aliases: [], severity, source: 'osv:Alpine', package: { type: 'apk', name: 'openssl', version: '3.0.1-r0' }, ...(fixedIn ? { fixedIn } : {}) }) as never;
  const s = imagesSection([
    { uses: [{ image: 'nginx:1.25', object, path: '/spec/template/spec/containers/0/image', container: 'web', role: 'container' } as never], vulnerabilities: [vuln('CVE-2024-1', 'low'), vuln('CVE-2024-2', 'critical', '3.0.2-r0')] },
    { uses: [{ image: 'busybox:1', object, path: '/x', container: 'init', role: 'init' } as never] },
  ]);
  assert.deepEqual(s.byObject['Deployment/shop/web'], [
    { container: 'web', image: 'nginx:1.25', id: 'CVE-2024-2', severity: 'critical', package: 'openssl', version: '3.0.1-r0', fixedIn: '3.0.2-r0' },
    { container: 'web', image: 'nginx:1.25', id: 'CVE-2024-1', severity: 'low', package: 'openssl', version: '3.0.1-r0' },
  ]);
  assert.deepEqual(s.totals, { objects: 1, vulnerabilities: 2 });
  const many = imagesSection([{ uses: [{ image: 'a', object, path: '', container: 'c', role: 'container' } as never], vulnerabilities: Array.from({ length: SECTION_LIMITS.vulnsPerObject + 1 }, (_, i) => vuln(`CVE-${i}`, 'low')) }]);
  assert.equal(many.byObject['Deployment/shop/web']!.length, SECTION_LIMITS.vulnsPerObject);
  assert.deepEqual(many.truncated, { perObject: SECTION_LIMITS.vulnsPerObject });
  const ajv = new Ajv2020.default({ strict: true, allowUnionTypes: true });
  addFormats.default(ajv);
  ajv.addSchema(JSON.parse(readFileSync('docs/findings.schema.json', 'utf8')) as object);
  const validate = ajv.compile({ $ref: 'urn:kubeward:schema:findings:1#/$defs/imagesSection' });
  assert.equal(validate(s), true, JSON.stringify(validate.errors));
  assert.equal(validate(many), true, JSON.stringify(validate.errors));
});
