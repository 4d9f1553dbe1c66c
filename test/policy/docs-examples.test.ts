import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseIgnoreAnnotation } from '../../src/policy/annotation-exceptions.js';
import { parseConfig } from '../../src/policy/config.js';
import { parseExceptions } from '../../src/policy/exceptions.js';

const doc = (name: string) => readFileSync(new URL(`../../docs/${name}`, import.meta.url), 'utf8');

/** The fenced ```yaml blocks of a markdown text. */
function yamlBlocks(md: string): string[] {
  return [...md.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

describe('documentation examples', () => {
  it('docs/kubeward.example.yaml is a valid configuration', () => {
    const { config, errors } = parseConfig(doc('kubeward.example.yaml'), 'kubeward.example.yaml');
    assert.deepEqual(errors, []);
    assert.equal(config.failOn, 'high');
    assert.deepEqual(config.severity, { 'read-only-root-filesystem': 'low', 'C-0041': 'critical' });
    assert.deepEqual(config.helm, { releaseName: 'web', namespace: 'prod', values: ['deploy/values-prod.yaml'], set: ['image.tag=1.4.2'] });
  });

  it('the exceptions file example in docs/configuration.md parses without errors', () => {
    const block = yamlBlocks(doc('configuration.md')).find((b) => b.startsWith('exceptions:'));
    assert.ok(block);
    const { exceptions, errors } = parseExceptions(block, 'configuration.md');
    assert.deepEqual(errors, []);
    assert.deepEqual(exceptions.map((e) => [e.number, e.checks, e.owner, e.expires]), [
      [1, ['privileged-container'], 'platform-team', '2026-12-31'],
      [2, ['run-as-non-root', 'KSV012'], 'alice', '2026-06-30'],
      [3, '*', 'security-team', undefined],
    ]);
  });

  it('the annotation examples in docs/configuration.md parse', () => {
    const md = doc('configuration.md');
    const values = [...md.matchAll(/^\s*kubeward\.io\/ignore: "(.*)"$/gm)].map((m) => m[1]!);
    assert.equal(values.length, 4);
    for (const v of values) assert.ok(!('error' in parseIgnoreAnnotation(v)), v);
  });
});
