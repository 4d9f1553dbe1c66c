import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { HTML_CSP, HTML_SCRIPT } from '../../src/report/html-assets.js';
import { jsonForScript, renderHtml } from '../../src/report/html.js';
import { cleanReport, fixtureReport, HOSTILE_NAME } from './fixture-report.js';

test('one self-contained page: no external URLs of any kind', () => {
  const out = renderHtml(fixtureReport());
  assert.ok(out.startsWith('<!DOCTYPE html>'));
  assert.equal(/(src|href|action)\s*=\s*["']?\s*(https?:)?\/\//i.test(out), false);
  assert.equal(/url\(/i.test(out), false, 'no CSS url()');
  assert.equal(/@import/i.test(out), false);
  assert.equal(/<(link|iframe|img|object|embed)\b/i.test(out), false);
  for (const m of out.matchAll(/href="([^"]*)"/g)) assert.ok(m[1]!.startsWith('#'), m[1]);
});

test('the hostile object name is escaped everywhere, including the inline JSON data', () => {
  const report = fixtureReport();
  report.checks[0]!.title = 'evil </script><!-- <script>alert(2)</script>';
  const out = renderHtml(report);
  // Exactly the two script elements we emit.
  assert.equal(out.split('<script').length - 1, 2);
  assert.equal(out.split('</script>').length - 1, 2);
  assert.equal(out.includes('<!--'), false);
  assert.ok(out.includes(`Pod dev/&lt;script&gt;alert(1)&lt;/script&gt;`));
  const data = /<script type="application\/json" id="kubeward-data">(.*?)<\/script>/s.exec(out)![1]!;
  assert.equal(/[<>]/.test(data), false);
  assert.equal(JSON.parse(data).checks[0].title, report.checks[0]!.title);
  assert.equal(jsonForScript({ s: '</script><!--\u2028' }), '{"s":"\\u003c/script\\u003e\\u003c!--\\u2028"}');
  assert.ok(out.includes(`data-label="Pod dev/&lt;script&gt;alert(1)&lt;/script&gt; &lt;stdin&gt;"`));
  void HOSTILE_NAME;
});

test('a Content-Security-Policy allows only the inline script by hash', () => {
  const out = renderHtml(fixtureReport());
  const hash = createHash('sha256').update(HTML_SCRIPT).digest('base64');
  assert.ok(HTML_CSP.includes(`'sha256-${hash}'`));
  assert.ok(out.includes(`<script>${HTML_SCRIPT}</script>`));
  assert.match(out, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/);
});

test('summary cards, filters, findings grouped by object and check help', () => {
  const out = renderHtml(fixtureReport());
  // The shared SeverityCounts component (src/report/components/SeverityCounts.tsx).
  assert.match(out, /<li class="sev-count-critical"><span class="dot fill-critical" aria-hidden="true"><\/span>critical <strong>2<\/strong><\/li>/);
  assert.match(out, /<div class="card"><span class="n">1<\/span>suppressed<\/div>/);
  // The posture score the server gives the same scan (src/report/posture-score.ts: 6 objects, weighted findings 40),
  // as the shared PostureScore badge.
  assert.ok(out.includes('<span class="n"><span class="score score-bad" title="posture score, 0–100 (higher is better)">13</span></span>posture score'));
  for (const s of ['critical', 'high', 'medium', 'low', 'info']) assert.ok(out.includes(`class="sev-filter" checked="" value="${s}"`));
  assert.ok(out.includes('<input id="q" type="search"'));
  assert.equal(out.split('<section class="obj"').length - 1, 7); // 6 objects + the unparseable file
  assert.equal(out.split('<tr class="f"').length - 1, 9);
  assert.ok(out.includes('<tr class="f" data-sev="critical" data-check="privileged-container">'));
  assert.ok(out.includes('<details id="check-privileged-container">'));
  assert.ok(out.includes('<details id="check-internal-error">'), 'checks known only from findings get help too');
  assert.ok(out.includes('References:</strong> CIS 5.2.2, PSS baseline: privileged, MITRE ATT&amp;CK T1611, OWASP K8s K01'));
  assert.ok(out.includes('<h2>Suppressed (1)</h2>'));
  assert.ok(out.includes('renderer missing &lt;b&gt;helm&lt;/b&gt;'));
  assert.equal(out.includes('\u001b'), false);
});

test('a clean scan shows a no-findings message', () => {
  const out = renderHtml(cleanReport());
  assert.ok(out.includes('<p class="clean">No findings.</p>'));
  assert.equal(out.includes('<tr class="f"'), false);
});
