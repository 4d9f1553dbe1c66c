import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeUnknownChecks, selectChecks } from '../../src/policy/select-checks.js';
import { CHECKS } from './make-finding.js';

const ids = (r: { selected: { id: string }[] }) => r.selected.map((c) => c.id);

describe('selectChecks', () => {
  it('selects every check when nothing is asked', () => {
    const r = selectChecks(CHECKS, {});
    assert.deepEqual(ids(r), ['privileged-container', 'run-as-root', 'host-network', 'host-pid', 'missing-limits']);
    assert.deepEqual(r.unknown, []);
    assert.deepEqual(ids(selectChecks(CHECKS, { checks: [] })), ids(r));
  });

  it('accepts ids and other tools\' aliases, case-insensitively, in registry order', () => {
    const r = selectChecks(CHECKS, { checks: ['ksv012', 'C-0057', 'Missing-Limits'] });
    assert.deepEqual(ids(r), ['privileged-container', 'run-as-root', 'missing-limits']);
    assert.deepEqual(r.unknown, []);
  });

  it('lets one alias select several checks', () => {
    assert.deepEqual(ids(selectChecks(CHECKS, { checks: ['host-namespaces'] })), ['host-network', 'host-pid']);
  });

  it('removes skipped checks, by id or alias, also from an explicit list', () => {
    assert.deepEqual(ids(selectChecks(CHECKS, { skipChecks: ['CKV_K8S_16', 'host-pid'] })), ['run-as-root', 'host-network', 'missing-limits']);
    assert.deepEqual(ids(selectChecks(CHECKS, { checks: ['*'], skipChecks: ['run-as-root'] })), ['privileged-container', 'host-network', 'host-pid', 'missing-limits']);
  });

  it('returns unknown names as written from both lists', () => {
    const r = selectChecks(CHECKS, { checks: ['privleged-container', 'run-as-root'], skipChecks: ['nope'] });
    assert.deepEqual(r.unknown, ['privleged-container', 'nope']);
    assert.deepEqual(ids(r), ['run-as-root']);
    assert.equal(
      describeUnknownChecks(r.unknown, CHECKS),
      'unknown check id(s): "privleged-container" (did you mean "privileged-container"?), "nope"',
    );
  });

  it('does not select engine pseudo-ids that are not checks', () => {
    assert.deepEqual(selectChecks(CHECKS, { checks: ['internal-error'] }).unknown, ['internal-error']);
  });
});
