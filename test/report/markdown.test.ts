import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeMarkdown, escapeMarkdownHtml } from '../../src/report/escape-markdown.js';
import { MARKDOWN_LIMIT, renderMarkdown } from '../../src/report/markdown.js';
import { bigReport, cleanReport, fixtureReport } from './fixture-report.js';

const count = (s: string, sub: string) => s.split(sub).length - 1;

test('heading, severity table and findings grouped by severity with a details block per object', () => {
  const out = renderMarkdown(fixtureReport());
  assert.ok(out.startsWith('## kubeward: 9 findings\n'));
  assert.match(out, /\| 🟥 Critical \| 2 \|\n\| 🟧 High \| 3 \|\n\| 🟨 Medium \| 2 \|\n\| 🟦 Low \| 1 \|\n\| ⬜ Info \| 1 \|/);
  const order = ['### 🟥 Critical (2)', '### 🟧 High (3)', '### 🟨 Medium (2)', '### 🟦 Low (1)', '### ⬜ Info (1)'].map((h) => out.indexOf(h));
  assert.deepEqual([...order].sort((a, b) => a - b), order);
  assert.ok(order.every((i) => i > 0));
  assert.equal(count(out, '<details>'), 9);
  assert.equal(count(out, '</details>'), 9);
  assert.match(out, /<summary>Deployment prod\/web in manifests\/web app\.yaml \(1\)<\/summary>\n\n- \*\*privileged\\-container\*\* <code>manifests\\\/web app\\\.yaml:21<\/code>: Container &quot;app&quot; runs privileged\n  <br>Remediation: Set securityContext\\\.privileged to false\\\./);
});

test('user-controlled strings cannot inject markup, links, tables or mentions', () => {
  const out = renderMarkdown(fixtureReport());
  assert.equal(out.includes('<script>'), false);
  assert.equal(out.includes('</script>'), false);
  assert.equal(out.includes('[x](javascript'), false);
  assert.equal(out.includes('@octocat'), false);
  assert.equal(out.includes('\u001b'), false);
  assert.match(out, /<summary>Pod dev\/&lt;script&gt;alert\(1\)&lt;\/script&gt; in &lt;stdin&gt; \(1\)<\/summary>/);
  assert.match(out, /uses hostNetwork \\\| \\\*\\\*bold\\\*\\\* \\\[x\\\]\\\(javascript\\:alert\\\(1\\\)\\\) @&#8203;octocat/);
  assert.equal(escapeMarkdown('a\nb\r\n# c'), 'a b \\# c');
  assert.equal(escapeMarkdown('<img src=x onerror=alert(1)>'), '&lt;img src\\=x onerror\\=alert\\(1\\)&gt;');
  assert.equal(escapeMarkdownHtml('</summary><script>\n'), '&lt;/summary&gt;&lt;script&gt; ');
  assert.equal(escapeMarkdown('x'.repeat(20), 5), 'xxxxx…');
});

test('big reports are cut below the GitHub comment limit with a count of what was left out', () => {
  const report = bigReport(5000);
  const out = renderMarkdown(report);
  assert.ok(out.length < 65_536);
  assert.ok(Buffer.byteLength(out, 'utf8') <= MARKDOWN_LIMIT);
  const shown = count(out, '\n- **');
  assert.ok(shown > 50, `${shown} shown`);
  assert.match(out, new RegExp(`\\*\\*${5000 - shown} more findings not shown\\.\\*\\*`));
  assert.equal(count(out, '<details>'), count(out, '</details>'), 'details tags stay balanced');
});

test('a single huge message is cut, not the whole comment', () => {
  const report = fixtureReport();
  report.findings[1]!.message = 'A'.repeat(200_000);
  const out = renderMarkdown(report);
  assert.ok(Buffer.byteLength(out, 'utf8') <= MARKDOWN_LIMIT);
  assert.equal(out.includes('more findings not shown'), false);
  assert.match(out, /A…/);
});

test('a clean scan says so, without a table', () => {
  const out = renderMarkdown(cleanReport());
  assert.ok(out.startsWith('## kubeward: no findings\n'));
  assert.match(out, /No findings in 6 objects from 6 files/);
  assert.equal(out.includes('| Severity |'), false);
});
