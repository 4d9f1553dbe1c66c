import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registryOf, splitImageName } from '../../src/model/image-name.js';

test('splitImageName: a port is not a tag, a digest follows @, empty parts are absent', () => {
  assert.deepEqual(splitImageName('registry.example.com:5000/team/app'), { repository: 'registry.example.com:5000/team/app' });
  assert.deepEqual(splitImageName('registry.example.com:5000/team/app:1.2@sha256:ab'), { repository: 'registry.example.com:5000/team/app', tag: '1.2', digest: 'sha256:ab' });
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
  assert.deepEqual(splitImageName('app@sha256:abc'), { repository: 'app', digest: 'sha256:abc' });
  assert.deepEqual(splitImageName('host:5000/app:1.0@sha256:abc'), { repository: 'host:5000/app', tag: '1.0', digest: 'sha256:abc' });
  assert.deepEqual(splitImageName('app:'), { repository: 'app' });
  assert.deepEqual(splitImageName('[::1]:5000/app'), { repository: '[::1]:5000/app' });
});
