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
