import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nameGlob, pathGlob } from '../../src/policy/glob.js';

describe('globs', () => {
  it('name globs: * and ? over the whole name, regex characters literal', () => {
    const g = nameGlob('cilium-*');
    assert.equal(g.literal, false);
    assert.deepEqual(['cilium-agent', 'cilium-', 'xcilium-a', 'cilium'].map((s) => g.test(s)), [true, true, false, false]);
    assert.equal(nameGlob('a.b').test('axb'), false);
    assert.equal(nameGlob('web-?').test('web-1'), true);
    assert.equal(nameGlob('Deployment', true).test('deployment'), true);
    assert.equal(nameGlob('web').literal, true);
  });

  it('path globs: * within a segment, ** across, relative patterns match trailing segments', () => {
    assert.equal(pathGlob('deploy/*.yaml').test('deploy/a.yaml'), true);
    assert.equal(pathGlob('deploy/*.yaml').test('./deploy/a.yaml'), true);
    assert.equal(pathGlob('deploy/*.yaml').test('/home/ci/repo/deploy/a.yaml'), true);
    assert.equal(pathGlob('deploy/*.yaml').test('deploy/sub/a.yaml'), false);
    assert.equal(pathGlob('deploy/*.yaml').test('mydeploy/a.yaml'), false);
    assert.equal(pathGlob('charts/**').test('charts/x/templates/a.yaml'), true);
    assert.equal(pathGlob('charts/**/a.yaml').test('charts/a.yaml'), true);
    assert.equal(pathGlob('charts/**/a.yaml').test('charts/x/y/a.yaml'), true);
    assert.equal(pathGlob('a.yaml').test('deep/dir/a.yaml'), true);
    assert.equal(pathGlob('a.yaml').test('deep/dir/ba.yaml'), false);
    assert.equal(pathGlob('/abs/a.yaml').test('/abs/a.yaml'), true);
    assert.equal(pathGlob('/abs/a.yaml').test('/other/abs/a.yaml'), false);
    assert.equal(pathGlob('deploy\\a.yaml').test('deploy/a.yaml'), true);
  });
});
