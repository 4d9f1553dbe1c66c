// The chart accuracy bench, pinned (issue 11; issue 20 added longhorn, velero, ingress-nginx): popular charts rendered with default values and a namespace
// (test/fixtures/charts), every finding judged in bench/accuracy/charts.tsv. A finding judged false (or fixed, in
// charts-fixed.tsv) must not come back, no wanted finding may be lost, and a new finding must be judged first:
// run `node --import tsx bench/chart-accuracy.ts --write`, then fill in its verdict and reason.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

interface Row { chart: string; check: string; object: string; path: string; verdict: string }
const key = (r: { chart: string; check: string; object: string; path: string }) => `${r.chart} ${r.check} ${r.object} ${r.path}`;

function readTsv(file: string): Row[] {
  return readFileSync(join(REPO_ROOT, 'bench', 'accuracy', file), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => {
    const [chart = '', check = '', , object = '', path = '', verdict = ''] = l.split('\t');
    return { chart, check, object, path, verdict };
  });
}

interface JsonFinding { checkId: string; path: string; object?: { kind: string; namespace?: string; name: string } }

test('chart accuracy: judged findings stay as judged on fifteen real charts, false positives never come back, nothing wanted lost at the default profile', async () => {
  const judged = readTsv('charts.tsv');
  const fixed = readTsv('charts-fixed.tsv');
  const charts = readdirSync(join(REPO_ROOT, 'test', 'fixtures', 'charts')).sort();
  assert.ok(charts.length >= 15, charts.join(' '));
  const found = new Set<string>();
  for (const chart of charts) {
    const r = await runCli(['scan', join('test', 'fixtures', 'charts', chart, 'rendered.yaml'), '-o', 'json'], { cwd: REPO_ROOT });
    assert.equal(r.code, 0, `${chart}: ${r.stderr}`);
    // At the default profile: the findings shown, and those reported apart on Helm test hooks (issue 20).
    const doc = JSON.parse(r.stdout) as { findings: JsonFinding[]; helmTests?: JsonFinding[] };
    for (const f of [...doc.findings, ...(doc.helmTests ?? [])]) {
      const o = f.object;
      found.add(key({ chart, check: f.checkId, object: o ? `${o.kind}/${o.namespace ?? ''}/${o.name}` : '', path: f.path }));
    }
  }
  const byKey = new Map(judged.map((r) => [key(r), r]));
  const unjudged = [...found].filter((k) => !byKey.has(k));
  assert.deepEqual(unjudged, [], 'new findings on the bench charts: judge them in bench/accuracy/charts.tsv (bench/chart-accuracy.ts --write)');
  const falseBack = [...judged.filter((r) => r.verdict === 'false'), ...fixed].filter((r) => found.has(key(r))).map(key);
  assert.deepEqual(falseBack, [], 'false positives are back');
  const lost = judged.filter((r) => r.verdict === 'wanted' && !found.has(key(r))).map(key);
  assert.deepEqual(lost, [], 'wanted findings lost');
  // The recorded rate (bench/README.md): at most 2% false.
  assert.ok(judged.filter((r) => r.verdict === 'false').length <= 0.02 * judged.length);
  assert.ok(judged.every((r) => ['wanted', 'noise', 'false'].includes(r.verdict)), 'every row has a verdict');
});
