import assert from 'node:assert/strict';
import { test } from 'node:test';
import { digestError, registryOf, splitImageName } from '../../src/model/image-name.js';

test('splitImageName: a port is not a tag, a digest follows @, empty parts are absent', () => {
  assert.deepEqual(splitImageName('registry.example.com:5000/team/app'), { repository: 'registry.example.com:5000/team/app' });
  assert.deepEqual(splitImageName('registry.example.com:5000/team/app:1.2@sha256:ab'), { repository: 'registry.example.com:5000/team/app', tag: '1.2', digest: 'sha256:ab', digestError: 'a sha256 digest has 64 hex characters, this one has 2' });
  assert.deepEqual(splitImageName('nginx:'), { repository: 'nginx' });
  assert.deepEqual(splitImageName('nginx@'), { repository: 'nginx' });
});

test('registryOf: Docker Hub normalisation, hosts by "." / ":" / localhost, case-insensitive hosts', () => {
  assert.deepEqual(registryOf('nginx'), { registry: 'docker.io', path: 'library/nginx' });
  assert.deepEqual(registryOf('docker.io/nginx'), { registry: 'docker.io', path: 'library/nginx' });
  assert.deepEqual(registryOf('index.docker.io/bitnami/redis'), { registry: 'docker.io', path: 'bitnami/redis' });
  assert.deepEqual(registryOf('bitnami/redis'), { registry: 'docker.io', path: 'bitnami/redis' });
  assert.deepEqual(registryOf('localhost/app'), { registry: 'localhost', path: 'app' });
  assert.deepEqual(registryOf('Registry.Example.com:5000/team/app'), { registry: 'registry.example.com:5000', path: 'team/app' });
  assert.deepEqual(registryOf('team/app'), { registry: 'docker.io', path: 'team/app' });
});

test('splitImageName splits repository, tag and digest as runtimes do (the image checks read names through it)', () => {
  assert.deepEqual(splitImageName('nginx'), { repository: 'nginx' });
  assert.deepEqual(splitImageName('nginx:1.27'), { repository: 'nginx', tag: '1.27' });
  assert.deepEqual(splitImageName('nginx:latest'), { repository: 'nginx', tag: 'latest' });
  assert.deepEqual(splitImageName('host:5000/app'), { repository: 'host:5000/app' });
  assert.deepEqual(splitImageName('host:5000/team/app:2.0'), { repository: 'host:5000/team/app', tag: '2.0' });
  assert.deepEqual(splitImageName('app@sha256:abc'), { repository: 'app', digest: 'sha256:abc', digestError: 'a sha256 digest has 64 hex characters, this one has 3' });
  assert.deepEqual(splitImageName('host:5000/app:1.0@sha256:abc'), { repository: 'host:5000/app', tag: '1.0', digest: 'sha256:abc', digestError: 'a sha256 digest has 64 hex characters, this one has 3' });
  assert.deepEqual(splitImageName('app:'), { repository: 'app' });
  assert.deepEqual(splitImageName('[::1]:5000/app'), { repository: '[::1]:5000/app' });
});

test('digestError: the OCI digest grammar and the registered lengths (sha256 = 64, sha512 = 128 lower-case hex)', () => {
  const hex64 = '0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31';
  assert.equal(digestError(`sha256:${hex64}`), undefined);
  assert.equal(digestError(`sha512:${hex64}${hex64}`), undefined);
  assert.equal(digestError('sha256:abc'), 'a sha256 digest has 64 hex characters, this one has 3');
  assert.equal(digestError(`sha256:${hex64.slice(1)}`), 'a sha256 digest has 64 hex characters, this one has 63');
  assert.equal(digestError(`sha256:${hex64.toUpperCase()}`), 'a sha256 digest is lower-case hex, "0D17B565C37BCBD8…" is not');
  assert.equal(digestError(`sha512:${hex64}`), 'a sha512 digest has 128 hex characters, this one has 64');
  assert.equal(digestError(`md5:${hex64.slice(0, 32)}`), 'digest algorithm "md5" is not one runtimes support (sha256, sha512)');
  assert.equal(digestError('latest'), '"latest" is not a digest (algorithm:hex)');
  // Once, in the model: the split carries the verdict.
  assert.equal(splitImageName(`nginx@sha256:${hex64}`).digestError, undefined);
  assert.equal(splitImageName('nginx:1.27@sha256:ABC').digestError, 'a sha256 digest is lower-case hex, "ABC" is not');
});
