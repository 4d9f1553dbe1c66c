// The hardening checks on real manifests copied from the shared corpus (test/fixtures/hardening, see SOURCE.md).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runChecks } from '../../../src/engine/run-checks.js';
import { subjectPaths } from '../../../src/checks/context.js';
import type { Check } from '../../../src/checks/define.js';
import { CHECKS, findCheck } from '../../../src/checks/index.js';
import { applyPatch } from '../../../src/fix/apply-patch.js';
import { fixObject } from '../../../src/fix/fix-object.js';
import { Inventory } from '../../../src/model/inventory.js';
import { scan } from '../example-helpers.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/hardening/${name}`, import.meta.url), 'utf8');
const check = (id: string): Check => findCheck(id)!;

/** Findings of every check, as "checkId severity path", sorted. */
function all(name: string): string[] {
  return scan(CHECKS, fixture(name), name).findings.map((f) => `${f.checkId} ${f.severity} ${f.path}`).sort();
}
const only = (lines: string[], ...ids: string[]) => lines.filter((l) => ids.includes(l.split(' ')[0]!));

test('kubernetes-goat docker-bench-security: the docker socket, read-only sensitive paths, nothing writable', () => {
  const f = all('kubernetes-goat-docker-bench-security.yaml');
  const v = '/spec/template/spec/volumes';
  assert.deepEqual(only(f, 'runtime-socket-mounted', 'sensitive-host-path', 'writable-host-path'), [
    `runtime-socket-mounted critical ${v}/6/hostPath/path`,
    `sensitive-host-path medium ${v}/0/hostPath/path`,
    `sensitive-host-path medium ${v}/1/hostPath/path`,
    `sensitive-host-path medium ${v}/2/hostPath/path`,
    `sensitive-host-path medium ${v}/3/hostPath/path`,
    `sensitive-host-path medium ${v}/4/hostPath/path`,
    `sensitive-host-path medium ${v}/5/hostPath/path`,
  ]);
  assert.deepEqual(only(f, 'net-raw-not-dropped', 'dangerous-capabilities', 'image-pull-policy', 'host-port-privileged'), [
    'net-raw-not-dropped medium /spec/template/spec/containers/0/securityContext/capabilities/drop',
  ]);
});

test('badPods everything-allowed: the node root mounted writable, a naked pod on the default ServiceAccount', () => {
  const f = all('badpods-everything-allowed-exec-pod.yaml');
  assert.deepEqual(only(f, 'runtime-socket-mounted', 'sensitive-host-path', 'writable-host-path', 'naked-pod', 'default-service-account', 'automount-service-account-token', 'host-users'), [
    'automount-service-account-token medium /spec/automountServiceAccountToken',
    'default-service-account low /spec/serviceAccountName',
    'host-users info /spec/hostUsers',
    'naked-pod low /metadata',
    'runtime-socket-mounted critical /spec/volumes/0/hostPath/path',
    'sensitive-host-path high /spec/volumes/0/hostPath/path',
    'writable-host-path medium /spec/containers/0/volumeMounts/0/readOnly',
  ]);
});

test('microservices-demo adservice (a hardened workload): only what it really lacks', () => {
  const f = all('microservices-demo-adservice.yaml').filter((l) => !/^(allow-privilege-escalation|capabilities-added|host-|privileged|run-as|seccomp)/.test(l) || l.startsWith('host-users') || l.startsWith('host-port-privileged'));
  assert.deepEqual(f, [
    'automount-service-account-token medium /spec/template/spec/automountServiceAccountToken',
    'ephemeral-storage-limit info /spec/template/spec/containers/0/resources/limits/ephemeral-storage',
    'host-users info /spec/template/spec/hostUsers',
    'image-not-pinned-by-digest low /spec/template/spec/containers/0/image',
    'image-tag-latest medium /spec/template/spec/containers/0/image',
    // The file has no NetworkPolicy: the network checks say so.
    'missing-default-deny-egress medium /metadata/name',
    'missing-default-deny-ingress medium /metadata/name',
    'single-replica low /spec/replicas',
    'workload-without-network-policy low /metadata/name',
  ]);
});

test('fixes make real manifests pass and are idempotent', () => {
  const ids = ['read-only-root-filesystem', 'automount-service-account-token', 'image-pull-policy', 'resource-limits', 'resource-requests', 'ephemeral-storage-limit'];
  for (const name of ['badpods-everything-allowed-exec-pod.yaml', 'kubernetes-goat-docker-bench-security.yaml']) {
    const { objects } = scan([], fixture(name), name);
    for (const id of ids) {
      const fixed = objects.map((o) => {
        const r = fixObject(check(id), o);
        assert.deepEqual(applyPatch(o.raw, r.ops), r.raw, `${name} ${id}`);
        return { ...o, raw: r.raw };
      });
      assert.deepEqual(runChecks([check(id)], new Inventory(fixed), []).map((f) => f.message), [], `${name} ${id}`);
      for (const o of fixed) assert.deepEqual(fixObject(check(id), o).ops, [], `${name} ${id} idempotent`);
    }
  }
});

test('resource fixes write the defaults from checkOptions, else the built-in ones', () => {
  const yaml = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: app:1\n      resources: {limits: {cpu: "2"}}\n`;
  const { objects } = scan([], yaml);
  const inventory = new Inventory(objects);
  const container = inventory.containers()[0]!;
  const ctx = (options: Record<string, unknown>) => ({ ...subjectPaths(container.path), inventory, options, object: objects[0]!, container, pod: container.pod });
  const limits = check('resource-limits') as Extract<Check, { subject: 'container' }>;
  assert.deepEqual(limits.fix!(ctx({ defaults: { limits: { memory: '1Gi' } } })), [{ op: 'add', path: '/spec/containers/0/resources/limits/memory', value: '1Gi' }]);
  assert.deepEqual(limits.fix!(ctx({})), [{ op: 'add', path: '/spec/containers/0/resources/limits/memory', value: '512Mi' }]);
  const requests = check('resource-requests') as Extract<Check, { subject: 'container' }>;
  // The cpu limit already defaults the cpu request, so only memory is added.
  assert.deepEqual(requests.fix!(ctx({ defaults: { requests: { memory: '64Mi', cpu: '50m' } } })), [{ op: 'add', path: '/spec/containers/0/resources/requests', value: { memory: '64Mi' } }]);
});

test('fixObject passes checkOptions to the fix: the configured defaults land in the manifest', () => {
  const { objects } = scan([], fixture('badpods-everything-allowed-exec-pod.yaml'));
  const options = { resources: ['memory'], defaults: { limits: { memory: '768Mi' } } };
  const r = fixObject(check('resource-limits'), objects[0]!, options);
  assert.deepEqual(r.ops, [{ op: 'add', path: '/spec/containers/0/resources', value: { limits: { memory: '768Mi' } } }]);
  assert.deepEqual(fixObject(check('resource-limits'), { ...objects[0]!, raw: r.raw }, options).ops, []);
});
