import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONFIG_KEYS, parseConfig } from '../../src/policy/config.js';

describe('parseConfig', () => {
  it('reads every key', () => {
    const { config, errors } = parseConfig(
      [
        'failOn: high',
        'checks: [privileged-container, C-0013]',
        'skipChecks: [host-pid]',
        'severity: {run-as-root: critical, KSV009: LOW}',
        'exceptionsFile: policy/exceptions.yaml',
        'baseline: baseline.json',
        'checkOptions: {missing-limits: {ignoreInit: true}}',
        'format: [table, sarif=results.sarif]',
        'helm: {releaseName: web, namespace: prod, values: [values.yaml, prod.yaml]}',
      ].join('\n'),
      '.kubeward.yaml',
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(config, {
      failOn: 'high',
      checks: ['privileged-container', 'C-0013'],
      skipChecks: ['host-pid'],
      severity: { 'run-as-root': 'critical', KSV009: 'low' },
      exceptionsFile: 'policy/exceptions.yaml',
      baseline: 'baseline.json',
      checkOptions: { 'missing-limits': { ignoreInit: true } },
      format: ['table', 'sarif=results.sarif'],
      helm: { releaseName: 'web', namespace: 'prod', values: ['values.yaml', 'prod.yaml'] },
    });
  });

  it('treats an empty file and a comment-only file as an empty config', () => {
    assert.deepEqual(parseConfig('', 'c.yaml'), { config: {}, errors: [], warnings: [] });
    assert.deepEqual(parseConfig('# nothing yet\n', 'c.yaml'), { config: {}, errors: [], warnings: [] });
  });

  it('rejects an unknown key with a did-you-mean suggestion', () => {
    const { config, errors } = parseConfig('failon: high\nskip-checks: [a]\nfrobnicate: 1\n', '.kubeward.yaml');
    assert.deepEqual(errors, [
      '.kubeward.yaml: unknown key "failon" (did you mean "failOn"?)',
      '.kubeward.yaml: unknown key "skip-checks" (did you mean "skipChecks"?)',
      '.kubeward.yaml: unknown key "frobnicate"',
    ]);
    assert.deepEqual(config, {});
  });

  it('suggests close misspellings of nested helm keys', () => {
    const { errors } = parseConfig('helm: {relaseName: web}\n', 'k.yaml');
    assert.deepEqual(errors, ['k.yaml: unknown key "helm.relaseName" (did you mean "releaseName"?)']);
  });

  it('names the key of a bad value and keeps the good keys', () => {
    const { config, errors } = parseConfig('failOn: hgh\nchecks: [a, 3]\nseverity: {x: urgent}\nformat: ["sarif results"]\nbaseline: b.json\n', 'k.yaml');
    assert.deepEqual(errors, [
      'k.yaml: failOn: "hgh" is not a severity: use one of critical, high, medium, low, info (did you mean "high"?)',
      'k.yaml: checks[1]: expected a non-empty string, got number 3',
      'k.yaml: severity.x: "urgent" is not a severity: use one of critical, high, medium, low, info',
      'k.yaml: format[0]: "sarif results" is not FORMAT or FORMAT=FILE (e.g. "table", "sarif=results.sarif")',
    ]);
    assert.equal(config.failOn, undefined);
    assert.deepEqual(config.checks, ['a']);
    assert.equal(config.baseline, 'b.json');
  });

  it('reports YAML syntax errors with line and column, and a non-map top level', () => {
    const bad = parseConfig('failOn: [high\n', 'k.yaml');
    assert.equal(bad.errors.length, 1);
    assert.match(bad.errors[0]!, /^k\.yaml:\d+:\d+: /);
    assert.deepEqual(parseConfig('- a\n- b\n', 'k.yaml').errors, ['k.yaml: expected a map of settings at the top level, got a list']);
  });

  it('does not crash on an alias bomb', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'].join('\n');
    const { errors } = parseConfig(bomb, 'k.yaml');
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /^k\.yaml: cannot read YAML: /);
  });

  it('accepts a comma-separated string where a list is expected', () => {
    assert.deepEqual(parseConfig('checks: "a, b"\n', 'k.yaml').config.checks, ['a', 'b']);
  });

  it('lists every key it accepts in CONFIG_KEYS', () => {
    const keys = CONFIG_KEYS.map((k) => k.key).sort();
    assert.deepEqual(keys, ['audit', 'baseline', 'checkOptions', 'checks', 'cluster', 'db', 'deniedRegistries', 'exceptions', 'exceptionsFile', 'failOn', 'failOnUnknown', 'floatingTags', 'format', 'framework', 'helm', 'images', 'node', 'outputFile', 'paths', 'pss', 'severity', 'showSeverity', 'skipChecks']);
    for (const k of CONFIG_KEYS) assert.ok(k.help.length > 10, `${k.key} has help`);
  });
});
