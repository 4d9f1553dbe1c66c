// The test API server helper itself: what issues that reuse it (admission, audit, live clusters) rely on.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { apiServerSkip, startApiServer, type ApiServer } from '../helpers/apiserver.js';

describe('test API server helper', { skip: apiServerSkip }, () => {
  let api: ApiServer;
  before(async () => (api = await startApiServer()));
  after(async () => api?.stop());

  test('serves HTTPS on loopback with the generated CA, and reports the version it was built at', async () => {
    assert.match(api.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.match(api.ca, /BEGIN CERTIFICATE/);
    const v = await api.request<{ gitVersion: string; major: string; minor: string }>('GET', '/version');
    assert.equal(v.status, 200);
    assert.match(v.body.gitVersion, /^v1\.\d+\.\d+$/);
    assert.equal(v.body.major, '1');
  });

  test('the kubeconfig names the server, its CA and a context per test user', () => {
    const kc = parse(readFileSync(api.kubeconfig, 'utf8'));
    assert.equal(kc['current-context'], 'admin');
    assert.equal(kc.clusters[0].cluster.server, api.url);
    assert.equal(kc.clusters[0].cluster['certificate-authority'], api.caFile);
    const alice = kc.users.find((u: { name: string }) => u.name === 'alice');
    assert.equal(alice.user.token, api.tokens.alice);
    assert.ok(kc.contexts.some((c: { name: string; context: { user: string } }) => c.name === 'bob' && c.context.user === 'bob'));
  });

  test('tokens authenticate; RBAC authorizes (admin in system:masters may, alice may not); no token is refused', async () => {
    assert.equal((await api.request('GET', '/api/v1/namespaces')).status, 200);
    const denied = await api.request<{ message: string }>('GET', '/api/v1/namespaces', undefined, { user: 'alice' });
    assert.equal(denied.status, 403);
    assert.match(denied.body.message, /User "alice" cannot list resource "namespaces"/);
    const review = await api.request<{ status: { userInfo: { username: string; groups: string[] } } }>('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }, { user: 'carol' });
    assert.equal(review.status, 201, review.text);
    assert.equal(review.body.status.userInfo.username, 'carol');
    assert.deepEqual(review.body.status.userInfo.groups.sort(), ['dev', 'ops', 'system:authenticated']);
    const anon = await fetch(`${api.url}/api`).catch((e: Error) => e);
    // Node's fetch does not trust the test CA: either way, nothing is served without credentials.
    assert.ok(anon instanceof Error || anon.status === 401);
  });

  test('PodSecurity admission enforces a namespace label', async () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'helper-psa', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } };
    assert.equal((await api.request('POST', '/api/v1/namespaces', ns)).status, 201);
    assert.equal((await api.request('POST', '/api/v1/namespaces/helper-psa/serviceaccounts', { metadata: { name: 'default' } })).status, 201);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'app:1', securityContext: { privileged: true } }] } };
    const r = await api.request<{ message: string }>('POST', '/api/v1/namespaces/helper-psa/pods', pod, { query: { dryRun: 'All' } });
    assert.equal(r.status, 403, r.text);
    assert.match(r.body.message, /violates PodSecurity "restricted:latest": privileged/);
  });

  test('ValidatingAdmissionPolicy (v1) denies what its CEL expression forbids', async () => {
    const policy = {
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'no-forbidden-key' },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['configmaps'] }] },
        validations: [{ expression: "!has(object.data) || !('forbidden' in object.data)", message: 'no forbidden key' }],
      },
    };
    const binding = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: 'no-forbidden-key' }, spec: { policyName: 'no-forbidden-key', validationActions: ['Deny'] } };
    assert.equal((await api.request('POST', '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies', policy)).status, 201);
    assert.equal((await api.request('POST', '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicybindings', binding)).status, 201);
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { forbidden: 'x' } };
    // The plugin picks policies up through an informer: poll until it denies (or give up after 30 s).
    let last = { status: 0, text: '' };
    for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
      last = await api.request('POST', '/api/v1/namespaces/default/configmaps', cm, { query: { dryRun: 'All' } });
      if (last.status !== 201) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(last.status, 422, last.text);
    assert.match(last.text, /ValidatingAdmissionPolicy 'no-forbidden-key' with binding 'no-forbidden-key' denied request: no forbidden key/);
    const ok = await api.request('POST', '/api/v1/namespaces/default/configmaps', { ...cm, data: { fine: 'x' } }, { query: { dryRun: 'All' } });
    assert.equal(ok.status, 201, ok.text);
  });

  test('the audit log backend writes JSON events with the user and the decision', async () => {
    await api.request('GET', '/api/v1/namespaces/default/secrets', undefined, { user: 'bob' });
    const events = readFileSync(api.auditLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const e = events.find((x) => x.user?.username === 'bob' && x.objectRef?.resource === 'secrets');
    assert.ok(e, 'no audit event for bob listing secrets');
    assert.equal(e.kind, 'Event');
    assert.equal(e.level, 'Metadata');
    assert.equal(e.verb, 'list');
    assert.equal(e.responseStatus.code, 403);
    assert.equal(e.annotations['authorization.k8s.io/decision'], 'forbid');
  });
});
