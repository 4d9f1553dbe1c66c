import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseImageRef } from '../../src/checks/shared/image-ref.js';

test('parseImageRef splits repository, tag and digest as runtimes do', () => {
  assert.deepEqual(parseImageRef('nginx'), { repository: 'nginx' });
  assert.deepEqual(parseImageRef('nginx:1.27'), { repository: 'nginx', tag: '1.27' });
  assert.deepEqual(parseImageRef('nginx:latest'), { repository: 'nginx', tag: 'latest' });
  assert.deepEqual(parseImageRef('host:5000/app'), { repository: 'host:5000/app' });
  assert.deepEqual(parseImageRef('host:5000/team/app:2.0'), { repository: 'host:5000/team/app', tag: '2.0' });
  assert.deepEqual(parseImageRef('app@sha256:abc'), { repository: 'app', digest: 'sha256:abc' });
  assert.deepEqual(parseImageRef('host:5000/app:1.0@sha256:abc'), { repository: 'host:5000/app', tag: '1.0', digest: 'sha256:abc' });
  assert.deepEqual(parseImageRef('app:'), { repository: 'app' });
  assert.deepEqual(parseImageRef('[::1]:5000/app'), { repository: '[::1]:5000/app' });
});
