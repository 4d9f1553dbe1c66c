// The dashboard end to end: the real server on an empty SQLite database, a scan uploaded through the CLI, and
// Debian's Chromium driven by playwright-core — log in, see the scan, filter by severity, add an exception, see
// the finding move to "excepted". One browser launch; a screenshot goes to test-artifacts/ on failure.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { build } from 'vite';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { startDashboardServer, type DashboardServer } from './dashboard-server.js';

const CHROMIUM = '/usr/bin/chromium';
// STACK.md's flags; playwright adds --headless and the fresh --user-data-dir of launchPersistentContext.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const missing = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install chromium)`;
if (missing) {
  if (process.env.CI === 'true') throw new Error(`dashboard e2e: ${missing} under CI`);
  console.log(`# dashboard e2e skipped: ${missing}`);
}

describe('dashboard in Chromium against the real server', { skip: missing }, () => {
  let dir = '';
  let server: DashboardServer;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  let uploaded = 0;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kw-dash-'));
    // The UI as the source is now (not a stale dist-ui/), built into the temporary directory.
    const uiDir = join(dir, 'ui');
    await build({ configFile: join(REPO_ROOT, 'ui/vite.config.ts'), logLevel: 'error', build: { outDir: uiDir, emptyOutDir: true } });
    server = await startDashboardServer({ dir, uiDir });
    const up = await runCli(['scan', 'examples/insecure-app.yaml', '-o', 'json', '--upload', server.url, '--token', server.adminToken, '--cluster-name', 'test'], { cwd: REPO_ROOT });
    assert.ok(up.code === 0 || up.code === 1, `upload failed (${up.code}): ${up.stderr}`);
    // The count the CLI reports is the count the explorer must show (the same findings, none lost on the way).
    const m = /uploaded scan \S+ for cluster test .*, (\d+) findings/.exec(up.stderr);
    assert.ok(m, up.stderr);
    uploaded = Number(m[1]);
    assert.equal(uploaded, (JSON.parse(up.stdout) as { findings: unknown[] }).findings.length);
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 1366, height: 768 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    // Script errors and refused content (the server's Content-Security-Policy) fail the test at the end.
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(`console: ${msg.text()}`);
    });
  });

  after(async () => {
    await context?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Run a step; on failure keep a screenshot of the page in test-artifacts/ (git-ignored). */
  const step = async (name: string, f: () => Promise<void>) => {
    try {
      await f();
    } catch (err) {
      const out = join(REPO_ROOT, 'test-artifacts');
      mkdirSync(out, { recursive: true });
      await page?.screenshot({ path: join(out, `dashboard-${name}.png`), fullPage: true }).catch(() => undefined);
      throw err;
    }
  };

  it('logs in, shows the scan, filters, excepts a finding', async () => {
    await step('login', async () => {
      await page.goto(server.url);
      await page.getByLabel('API token').fill('kw_not-a-token');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('alert').filter({ hasText: 'not accepted' }).waitFor();
      await page.getByLabel('API token').fill(server.adminToken);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    });

    await step('overview', async () => {
      const card = page.getByRole('region', { name: 'test', exact: true });
      await card.waitFor();
      const text = await card.innerText();
      // examples/insecure-app.yaml: 1 critical and 5 high findings (summary of `kubeward scan -o json`).
      assert.match(text, /critical\s*1/);
      assert.match(text, /high\s*5/);
      // The top risk is the one critical finding, linked to its object.
      await page.getByRole('region', { name: 'Top risks' }).getByText('Container runs privileged').waitFor();
      await page.getByRole('region', { name: 'Top risks' }).getByRole('link', { name: 'Deployment shop/legacy-web' }).first().waitFor();
    });

    await step('shared-components', async () => {
      // The object page's finding rows are the shared FindingsTable (src/report/components/) that `scan -o html`
      // writes too: the same finding has the same badge, title, message, evidence and fix markup. (Not the field path:
      // the server does not keep it.)
      const html = (await runCli(['scan', 'examples/insecure-app.yaml', '-o', 'html'], { cwd: REPO_ROOT })).stdout;
      const reportRow = /<tr class="f" data-sev="critical" data-check="privileged-container">.*?<\/tr>/s.exec(html)?.[0];
      assert.ok(reportRow, 'the HTML report has the privileged-container row');
      await page.goto(`${server.url}/object?cluster=test&namespace=shop&kind=Deployment&name=legacy-web`);
      await page.locator('tr.f[data-check="privileged-container"]').waitFor();
      // Both serialised by the browser (the report row loaded in a second, blank page), so entity spelling cannot differ.
      const reportPage = await context.newPage();
      await reportPage.setContent(`<table><tbody>${reportRow}</tbody></table>`);
      const outer = (l: Locator) => l.evaluate((e) => (e as unknown as { outerHTML: string }).outerHTML);
      const pick = (row: Locator) => Promise.all(['.sev', '.title', '.fd .msg', '.fd .ev', '.fd .fix'].map((sel) => outer(row.locator(sel))));
      const parts = {
        report: await pick(reportPage.locator('tr.f')),
        dashboard: await pick(page.locator('tr.f[data-check="privileged-container"]')),
      };
      await reportPage.close();
      assert.deepEqual(parts.dashboard, parts.report);
      assert.match(parts.dashboard[0]!, /^<span class="sev sev-critical">critical<\/span>$/);
      assert.equal(parts.dashboard[3], '<div class="ev">found: <code>true</code>; expected: <code>false or unset</code></div>');
      assert.match(parts.dashboard[4]!, /^<div class="fix"><strong>Fix:<\/strong> Remove `securityContext.privileged: true`/);
    });

    await step('filter', async () => {
      await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Findings' }).click();
      await page.getByRole('heading', { name: 'Findings', level: 1 }).waitFor();
      await page.locator('#findings-count', { hasText: new RegExp(`^${uploaded} open findings$`) }).waitFor();
      await page.getByRole('checkbox', { name: 'critical' }).click();
      await page.locator('#findings-count', { hasText: /^1 open finding$/ }).waitFor();
      assert.ok(page.url().includes('severity=critical'), page.url());
      const rows = page.locator('li.finding');
      assert.equal(await rows.count(), 1);
      assert.equal(await rows.first().getAttribute('data-check'), 'privileged-container');
    });

    await step('except', async () => {
      const row = page.locator('li.finding[data-check="privileged-container"]');
      await row.locator('summary').click();
      assert.match(await row.innerText(), /Fix:/);
      await row.getByRole('button', { name: 'Add an exception…' }).click();
      await row.getByLabel('Owner').fill('team-legacy');
      await row.getByLabel('Reason').fill('needs the host network until the migration');
      await row.getByRole('button', { name: 'Add exception' }).click();
      await page.locator('#findings-count', { hasText: /^0 open findings$/ }).waitFor();
      await page.getByLabel('Status').selectOption('excepted');
      await page.locator('#findings-count', { hasText: /^1 excepted finding$/ }).waitFor();
      assert.match(await page.locator('li.finding[data-check="privileged-container"]').innerText(), /excepted/);
    });

    await step('keyboard', async () => {
      // A fresh load: the first Tab stop is the skip link, and it leads to the page's content.
      await page.goto(`${server.url}/findings?status=excepted`);
      await page.getByRole('heading', { name: 'Findings', level: 1 }).waitFor();
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate('document.activeElement?.textContent'), 'Skip to content');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate('document.activeElement?.id'), 'main');
    });

    await step('exceptions-page', async () => {
      await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Exceptions' }).click();
      const table = page.getByRole('table');
      await table.waitFor();
      const text = await table.innerText();
      assert.match(text, /privileged-container/);
      assert.match(text, /team-legacy/);
      assert.deepEqual(problems, []);
    });

    await step('rbac-page', async () => {
      // A plain `scan --upload` carries the RBAC and network sections: the RBAC page draws its subjects.
      const up = await runCli(['scan', 'test/fixtures/rbac/cluster.yaml', '-o', 'json', '--upload', server.url, '--token', server.adminToken, '--cluster-name', 'rbac-demo'], { cwd: REPO_ROOT });
      assert.ok(up.code === 0 || up.code === 1, `upload failed (${up.code}): ${up.stderr}`);
      await page.goto(`${server.url}/rbac?cluster=rbac-demo`);
      await page.getByRole('heading', { name: 'RBAC', level: 1 }).waitFor();
      const matrix = page.locator('table.matrix');
      await matrix.getByRole('rowheader', { name: 'ServiceAccount ci/deployer' }).waitFor();
      assert.match(await matrix.innerText(), /create pods or pod-creating workloads/);
      assert.deepEqual(problems, []);
    });
  });
});
