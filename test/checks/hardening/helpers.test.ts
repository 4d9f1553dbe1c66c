import assert from 'node:assert/strict';
import { test } from 'node:test';
import { capabilityName } from '../../../src/checks/shared/capabilities.js';
import { isCredentialKey, isCredentialValue, keyWords, maskedHint } from '../../../src/checks/shared/credential-keys.js';
import { isWithin, normaliseHostPath, runtimeSocketIn } from '../../../src/checks/shared/host-paths.js';
import { allowedBy, imageRegistry } from '../../../src/checks/shared/image-registry.js';
import { atOrBefore, minorVersion, removedApi } from '../../../src/checks/shared/removed-apis.js';

test('host paths are normalised the way the node resolves them', () => {
  assert.equal(normaliseHostPath('/var//run/../run/docker.sock'), '/var/run/docker.sock');
  assert.equal(normaliseHostPath('/etc/'), '/etc');
  assert.equal(normaliseHostPath('/./'), '/');
  assert.equal(normaliseHostPath('/../..'), '/');
  assert.equal(normaliseHostPath(' /proc/1 '), '/proc/1');
  assert.equal(normaliseHostPath('var/run'), undefined);
  assert.equal(normaliseHostPath(''), undefined);
});

test('isWithin compares whole path components', () => {
  assert.ok(isWithin('/etc/kubernetes', '/etc'));
  assert.ok(isWithin('/etc', '/etc'));
  assert.ok(isWithin('/anything', '/'));
  assert.ok(!isWithin('/etcd', '/etc'));
  assert.ok(!isWithin('/etc', '/etc/kubernetes'));
});

test('runtime sockets are found by location, by name, and inside mounted directories', () => {
  assert.deepEqual(runtimeSocketIn('/var/run/docker.sock'), { socket: '/var/run/docker.sock', contains: false });
  assert.deepEqual(runtimeSocketIn('/opt/custom/crio.sock'), { socket: '/opt/custom/crio.sock', contains: false });
  assert.equal(runtimeSocketIn('/run/containerd')?.contains, true);
  assert.equal(runtimeSocketIn('/run/containerd')?.socket, '/run/containerd/containerd.sock');
  assert.equal(runtimeSocketIn('/var/run/podman')?.socket, '/var/run/podman/podman.sock');
  assert.equal(runtimeSocketIn('/')?.contains, true);
  assert.equal(runtimeSocketIn('/var')?.contains, true);
  assert.equal(runtimeSocketIn('/var/run/calico'), undefined);
  assert.equal(runtimeSocketIn('/var/lib/docker'), undefined);
});

test('capability spellings are read as container runtimes read them', () => {
  assert.equal(capabilityName('cap_sys_admin'), 'SYS_ADMIN');
  assert.equal(capabilityName(' CAP_NET_RAW '), 'NET_RAW');
  assert.equal(capabilityName('net_admin'), 'NET_ADMIN');
  assert.equal(capabilityName('all'), 'ALL');
});

test('image registries resolve like container runtimes, and allow-list entries match by component', () => {
  assert.deepEqual(imageRegistry('nginx'), { registry: 'docker.io', repository: 'docker.io/library/nginx' });
  assert.deepEqual(imageRegistry('bitnami/redis:7'), { registry: 'docker.io', repository: 'docker.io/bitnami/redis' });
  assert.deepEqual(imageRegistry('localhost/app:1'), { registry: 'localhost', repository: 'localhost/app' });
  assert.deepEqual(imageRegistry('registry.example.com:5000/team/app:1@sha256:abc'), { registry: 'registry.example.com:5000', repository: 'registry.example.com:5000/team/app' });
  assert.deepEqual(imageRegistry('index.docker.io/library/busybox'), { registry: 'docker.io', repository: 'docker.io/library/busybox' });
  const ghcr = imageRegistry('GHCR.io/acme/app:1');
  assert.ok(allowedBy('ghcr.io', ghcr));
  assert.ok(allowedBy('ghcr.io/acme/', ghcr));
  assert.ok(!allowedBy('ghcr.io/acm', ghcr));
  assert.ok(!allowedBy('ghcr.io/acme', imageRegistry('ghcr.io/acme-evil/app')));
  assert.ok(allowedBy('docker.io', imageRegistry('nginx')));
  assert.ok(!allowedBy('quay.io', imageRegistry('nginx')));
  assert.ok(!allowedBy('', imageRegistry('nginx')));
});

test('credential keys are recognised word by word', () => {
  assert.deepEqual(keyWords('AWS_SECRET_ACCESS_KEY'), ['aws', 'secret', 'access', 'key']);
  assert.deepEqual(keyWords('dbPassword'), ['db', 'password']);
  assert.deepEqual(keyWords('OAuthToken'), ['o', 'auth', 'token']);
  for (const k of ['password', 'DB_PASSWORD', 'db.password', 'dbPassword', 'apiKey', 'API_KEY', 'api-key', 'client_secret', 'clientSecret', 'AWS_SECRET_ACCESS_KEY', 'github-token', 'privateKey', 'SMTP_PASS'.replace('PASS', 'PASSWD')]) {
    assert.ok(isCredentialKey(k), k);
  }
  for (const k of ['password_file', 'passwordPolicy', 'token_ttl', 'secretName', 'api-token-secret-key', 'token-url', 'key', 'monkey', 'secretData', 'password-min-length', 'tokenEndpoint', 'db_password_secret']) {
    assert.ok(!isCredentialKey(k), k);
  }
});

test('placeholder and reference values are not credentials', () => {
  for (const v of ['', '   ', 'changeme', 'CHANGE_ME', '${DB_PASSWORD}', '$(TOKEN)', '$TOKEN', '{{ .Values.password }}', '<your-password>', 'xxxx', '****', 'true', '3600', '/run/secrets/db', 'https://auth.example.com/token', 'your-token-here']) {
    assert.ok(!isCredentialValue(v), JSON.stringify(v));
  }
  for (const v of ['S3cr3t-Passw0rd!', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'hunter22', 'postgres://user:pw@db/x']) assert.ok(isCredentialValue(v), v);
  assert.equal(maskedHint('hunter22'), '<8 characters, not shown>');
});

test('the removed-API table answers by apiVersion and kind, and versions compare as releases', () => {
  assert.equal(removedApi('policy/v1beta1', 'PodSecurityPolicy')?.removedIn, '1.25');
  assert.equal(removedApi('policy/v1beta1', 'PodDisruptionBudget')?.replacement, 'policy/v1');
  assert.equal(removedApi('extensions/v1beta1', 'Ingress')?.removedIn, '1.22');
  assert.equal(removedApi('autoscaling/v2beta2', 'HorizontalPodAutoscaler')?.removedIn, '1.26');
  assert.equal(removedApi('flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema')?.removedIn, '1.29');
  assert.equal(removedApi('flowcontrol.apiserver.k8s.io/v1beta3', 'PriorityLevelConfiguration')?.removedIn, '1.32');
  assert.equal(removedApi('apps/v1', 'Deployment'), undefined);
  assert.equal(removedApi('policy/v1beta1', 'Eviction'), undefined);
  assert.deepEqual(minorVersion('v1.29.3'), [1, 29]);
  assert.deepEqual(minorVersion(1.3), [1, 3]);
  assert.equal(minorVersion('latest'), undefined);
  assert.ok(atOrBefore([1, 9], [1, 25]));
  assert.ok(!atOrBefore([1, 32], [1, 29]));
});
