// The components shared by `kubeward scan -o html` and the dashboard (src/report/components/): the HTML report's
// finding rows are written as strings (src/report/findings-html.ts, for speed) and must be exactly the markup the
// React FindingsTable renders — which is what the dashboard's object page renders (test/server/dashboard-e2e
// compares the page in Chromium with the report).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { SEVERITIES } from '../../src/model/finding.js';
import { FindingDetail } from '../../src/report/components/FindingDetail.js';
import { findingRowParts } from '../../src/report/components/finding-row.js';
import { FindingsTable } from '../../src/report/components/FindingsTable.js';
import { SEVERITY_ORDER } from '../../src/report/components/severity.js';
import type { FindingView } from '../../src/report/components/types.js';
import { findingView } from '../../src/report/finding-view.js';
import { findingDetailHtml, findingsTableHtml } from '../../src/report/findings-html.js';
import { renderHtml } from '../../src/report/html.js';
import { checkHref } from '../../src/report/html-page.js';
import { fixtureReport } from './fixture-report.js';

const HOSTILE = `<script>alert('x')</script> & "quotes" \u2028 ünï 🚀`;

const VIEWS: FindingView[] = [
  {
    severity: 'critical', checkId: 'privileged-container', title: `Container runs privileged ${HOSTILE}`, message: `Container "app" ${HOSTILE}`,
    line: 21, column: 13, path: `/spec/containers/0/${HOSTILE}`, evidence: { found: HOSTILE, expected: `false ${HOSTILE}` }, fix: `Set it ${HOSTILE}`,
  },
  { severity: 'info', checkId: `odd'id"<>`, message: 'm', evidence: { found: null } },
  { severity: 'low', checkId: 'x', message: '', line: 3, evidence: { expected: 'e' }, fix: '' },
  { severity: 'medium', checkId: 'y', message: 'n', line: 0, column: 9, path: '', evidence: { found: 12 } },
  { severity: 'high', checkId: 'z', message: 'o', evidence: { found: { nested: ['a', 1, true] } as unknown } },
];

test('the string writer writes exactly the markup of the React FindingsTable and FindingDetail', () => {
  for (const v of VIEWS) {
    const react = renderToStaticMarkup(createElement(FindingsTable, { findings: [v], checkHref }));
    assert.equal(findingsTableHtml([v], checkHref), react, v.checkId);
    const parts = findingRowParts(v, checkHref);
    assert.equal(findingDetailHtml(parts), renderToStaticMarkup(createElement(FindingDetail, { parts })), v.checkId);
  }
  const all = renderToStaticMarkup(createElement(FindingsTable, { findings: VIEWS, checkHref }));
  assert.equal(findingsTableHtml(VIEWS, checkHref), all);
  // Escaped, never markup: the hostile text appears only as text.
  assert.equal(all.includes('<script>'), false);
  assert.ok(all.includes('&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quotes&quot;'));
});

test('the HTML report carries the shared row of a finding: severity badge, check link, evidence and fix', () => {
  const report = fixtureReport();
  const f = report.findings.find((x) => x.checkId === 'privileged-container' && x.evidence)!;
  const row = renderToStaticMarkup(createElement(FindingsTable, { findings: [findingView(f)], checkHref }));
  const tr = /<tr class="f".*<\/tr>/.exec(row)![0];
  const out = renderHtml(report);
  assert.ok(out.includes(tr), tr);
  assert.ok(tr.includes('<span class="sev sev-critical">critical</span>'));
  assert.ok(tr.includes('<a href="#check-privileged-container" class="check">privileged-container</a>'));
  assert.ok(tr.includes('<div class="ev">found: <code>true</code>; expected: <code>false</code></div>'));
  assert.ok(tr.includes('<div class="fix"><strong>Fix:</strong> Set securityContext.privileged to false.</div>'));
});

test('the components keep the model order of severities', () => {
  assert.deepEqual([...SEVERITY_ORDER], [...SEVERITIES]);
});

test('the shared components stay presentational: no hooks, state, fetch, DOM APIs or raw HTML', () => {
  const dir = new URL('../../src/report/components/', import.meta.url);
  const files = readdirSync(dir).filter((f) => /\.tsx?$/.test(f));
  assert.ok(files.length >= 8, files.join(', '));
  for (const f of files) {
    const text = readFileSync(new URL(f, dir), 'utf8');
    for (const bad of [/\buse[A-Z]\w*\(/, /\bfetch\(/, /\b(document|window|localStorage|history)\./, /dangerouslySetInnerHTML/, /from 'node:/]) {
      assert.doesNotMatch(text, bad, `${f}: ${bad}`);
    }
  }
});
