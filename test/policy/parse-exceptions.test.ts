import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseExceptions } from '../../src/policy/exceptions.js';

describe('parseExceptions', () => {
  it('reads every field', () => {
    const text = `
exceptions:
  - check: privileged-container
    object: {kind: DaemonSet, namespace: kube-system, name: "cilium-*", labels: {app: cilium, tier: 1}}
    reason: CNI needs host access
    owner: platform-team
    expires: 2026-12-31
  - check: [C-0013, run-as-root]
    file: "charts/legacy/**"
    reason: legacy chart
    owner: alice
  - check: "*"
    object: {name: debug}
    reason: debugging
    owner: bob
`;
    const { exceptions, errors } = parseExceptions(text, 'ex.yaml');
    assert.deepEqual(errors, []);
    assert.deepEqual(exceptions, [
      {
        number: 1,
        checks: ['privileged-container'],
        object: { kind: 'DaemonSet', namespace: 'kube-system', name: 'cilium-*', labels: { app: 'cilium', tier: '1' } },
        reason: 'CNI needs host access',
        owner: 'platform-team',
        expires: '2026-12-31',
      },
      { number: 2, checks: ['C-0013', 'run-as-root'], file: 'charts/legacy/**', reason: 'legacy chart', owner: 'alice' },
      { number: 3, checks: '*', object: { name: 'debug' }, reason: 'debugging', owner: 'bob' },
    ]);
  });

  it('names the entry index and key of each error, and keeps the valid entries with their numbers', () => {
    const text = `
exceptions:
  - check: a
    reason: fine
    owner: me
  - check: b
    reason: no owner
  - check: [c]
    object: {nmae: x}
    reason: r
    owner: o
    expires: 2026-02-30
  - reason: r
    owner: o
    ownr: p
  - just a string
  - check: d
    object: {kind: ""}
    reason: "  "
    owner: o
`;
    const { exceptions, errors } = parseExceptions(text, 'ex.yaml');
    assert.deepEqual(errors, [
      'ex.yaml: exceptions[1].owner is required (exception #2)',
      'ex.yaml: exceptions[2]: unknown key "object.nmae" (did you mean "name"?) (exception #3)',
      'ex.yaml: exceptions[2].expires must be a date written YYYY-MM-DD, got "2026-02-30" (exception #3)',
      'ex.yaml: exceptions[3]: unknown key "ownr" (did you mean "owner"?) (exception #4)',
      'ex.yaml: exceptions[3].check is required (a check id, a list of ids, or "*") (exception #4)',
      'ex.yaml: exceptions[4]: expected a map with check, object or file, reason, owner and optionally expires (exception #5)',
      'ex.yaml: exceptions[5].object.kind must be a non-empty string (exception #6)',
      'ex.yaml: exceptions[5].reason must be a non-empty string (exception #6)',
    ]);
    assert.deepEqual(exceptions.map((e) => e.number), [1]);
  });

  it('handles empty files, wrong shapes and YAML errors without throwing', () => {
    assert.deepEqual(parseExceptions('', 'ex.yaml'), { exceptions: [], errors: [] });
    assert.deepEqual(parseExceptions('exceptions:\n', 'ex.yaml'), { exceptions: [], errors: [] });
    assert.deepEqual(parseExceptions('- check: a\n', 'ex.yaml').errors, ['ex.yaml: expected a map with an "exceptions" list at the top level']);
    assert.deepEqual(parseExceptions('exceptions: {check: a}\n', 'ex.yaml').errors, ['ex.yaml: exceptions: must be a list']);
    assert.deepEqual(parseExceptions('exception: []\n', 'ex.yaml').errors, ['ex.yaml: unknown key "exception" (did you mean "exceptions"?)']);
    const bad = parseExceptions('exceptions: [\n', 'ex.yaml');
    assert.equal(bad.errors.length, 1);
    assert.match(bad.errors[0]!, /^ex\.yaml:\d+:\d+: /);
  });
});
