import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartFile, hasHelmSourceComments, helmSourceMap } from '../../src/sources/helm-sources.js';
import { fixedPositions } from '../../src/model/position.js';
import type { ParsedDocument } from '../../src/sources/yaml/index.js';

const text = ['---', '# Source: web/templates/a.yaml', 'kind: A', '---', '# Source: web/charts/db/templates/b.yaml', '', '# note', 'kind: B', '---', 'kind: C', ''].join('\n');
const doc = (index: number, startLine: number): ParsedDocument => ({ index, startLine, value: {}, positions: fixedPositions({ line: 1, column: 1 }), warnings: [] });

test('documents map to the # Source: path, with the comment line as the offset', () => {
  const map = helmSourceMap(text, (p) => `chart/${p}`);
  assert.deepEqual(map(doc(0, 1)), { file: 'chart/web/templates/a.yaml', lineOffset: 2 });
  assert.deepEqual(map(doc(1, 4)), { file: 'chart/web/charts/db/templates/b.yaml', lineOffset: 5 });
  assert.equal(map(doc(2, 9)), undefined); // no comment: the stream's own file
});

test('a parser whose startLine is the first content line finds the comment above it', () => {
  const map = helmSourceMap(text, (p) => p);
  assert.deepEqual(map(doc(0, 3)), { file: 'web/templates/a.yaml', lineOffset: 2 });
  assert.deepEqual(map(doc(1, 8)), { file: 'web/charts/db/templates/b.yaml', lineOffset: 5 });
  assert.equal(map(doc(2, 10)), undefined); // stops at the marker, never borrows the previous document's comment
});

test('CRLF output is mapped too', () => {
  const map = helmSourceMap('---\r\n# Source: web/templates/a.yaml\r\nkind: A\r\n', (p) => p);
  assert.deepEqual(map(doc(0, 1)), { file: 'web/templates/a.yaml', lineOffset: 2 });
});

test('chartFile replaces the chart name with the chart directory, subcharts included', () => {
  assert.equal(chartFile('deploy/web', 'web/templates/a.yaml'), 'deploy/web/templates/a.yaml');
  assert.equal(chartFile('deploy/web', 'web/charts/db/templates/b.yaml'), 'deploy/web/charts/db/templates/b.yaml');
});

test('hasHelmSourceComments only matches comments at the start of a line', () => {
  assert.equal(hasHelmSourceComments(text), true);
  assert.equal(hasHelmSourceComments('kind: A # Source: x\n'), false);
});
