import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyPatch, PatchError } from '../../src/fix/apply-patch.js';

test('add creates a member, replaces an existing one, and inserts into arrays', () => {
  const doc = { a: { b: 1 }, list: [1, 2] };
  assert.deepEqual(applyPatch(doc, [{ op: 'add', path: '/a/c', value: true }]), { a: { b: 1, c: true }, list: [1, 2] });
  assert.deepEqual(applyPatch(doc, [{ op: 'add', path: '/a/b', value: 2 }]), { a: { b: 2 }, list: [1, 2] });
  assert.deepEqual(applyPatch(doc, [{ op: 'add', path: '/list/0', value: 0 }]), { a: { b: 1 }, list: [0, 1, 2] });
  assert.deepEqual(applyPatch(doc, [{ op: 'add', path: '/list/-', value: 3 }]), { a: { b: 1 }, list: [1, 2, 3] });
  assert.deepEqual(applyPatch(doc, [{ op: 'add', path: '/list/2', value: 3 }]), { a: { b: 1 }, list: [1, 2, 3] });
});

test('replace and remove need the target to exist', () => {
  const doc = { a: { b: 1 }, list: ['x', 'y'] };
  assert.deepEqual(applyPatch(doc, [{ op: 'replace', path: '/a/b', value: 5 }]), { a: { b: 5 }, list: ['x', 'y'] });
  assert.deepEqual(applyPatch(doc, [{ op: 'remove', path: '/list/0' }]), { a: { b: 1 }, list: ['y'] });
  assert.deepEqual(applyPatch(doc, [{ op: 'remove', path: '/a/b' }]), { a: {}, list: ['x', 'y'] });
  assert.throws(() => applyPatch(doc, [{ op: 'replace', path: '/a/missing', value: 1 }]), PatchError);
  assert.throws(() => applyPatch(doc, [{ op: 'remove', path: '/list/2' }]), PatchError);
});

test('a missing parent, a bad index or a scalar on the way throws PatchError', () => {
  const doc = { a: { b: 1 }, list: [1], s: 'text' };
  assert.throws(() => applyPatch(doc, [{ op: 'add', path: '/x/y', value: 1 }]), PatchError);
  assert.throws(() => applyPatch(doc, [{ op: 'add', path: '/s/y', value: 1 }]), PatchError);
  assert.throws(() => applyPatch(doc, [{ op: 'add', path: '/list/5', value: 1 }]), PatchError);
  assert.throws(() => applyPatch(doc, [{ op: 'add', path: '/list/01', value: 1 }]), PatchError);
  assert.throws(() => applyPatch(doc, [{ op: 'replace', path: '/list/-', value: 1 }]), PatchError);
  assert.throws(() => applyPatch(doc, [{ op: 'remove', path: '' }]), PatchError);
});

test('the input is never changed, and escaped pointer segments work', () => {
  const doc = { metadata: { annotations: { 'a/b': 'x', 'c~d': 'y' } }, spec: { list: [{ v: 1 }] } };
  const before = structuredClone(doc);
  const out = applyPatch(doc, [
    { op: 'replace', path: '/metadata/annotations/a~1b', value: 'X' },
    { op: 'remove', path: '/metadata/annotations/c~0d' },
    { op: 'add', path: '/spec/list/0/w', value: 2 },
  ]);
  assert.deepEqual(doc, before);
  assert.deepEqual(out, { metadata: { annotations: { 'a/b': 'X' } }, spec: { list: [{ v: 1, w: 2 }] } });
  assert.notEqual(out.spec, doc.spec);
  assert.notEqual(out.spec.list, doc.spec.list);
  assert.notEqual(out.metadata.annotations, doc.metadata.annotations);
});

test('ops apply in order, and "" replaces the whole document', () => {
  const out = applyPatch({ a: 1 } as unknown, [
    { op: 'add', path: '', value: { b: {} } },
    { op: 'add', path: '/b/c', value: [] },
    { op: 'add', path: '/b/c/-', value: 'z' },
  ]);
  assert.deepEqual(out, { b: { c: ['z'] } });
});
