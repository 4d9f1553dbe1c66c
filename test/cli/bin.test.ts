// `npm install` builds dist/ (the prepare script), and bin/kubeward.js runs the compiled CLI:
// this is what `npx kubeward` executes.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers/cli.js';

test('bin/kubeward.js runs the compiled CLI (built by prepare when missing)', () => {
  if (!existsSync(join(REPO_ROOT, 'dist/cli/entry.js'))) {
    execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: REPO_ROOT });
  }
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };
  assert.equal(pkg.bin.kubeward, 'bin/kubeward.js');
  const version = spawnSync(process.execPath, [join(REPO_ROOT, pkg.bin.kubeward), '--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0, version.stderr);
  assert.equal(version.stdout.trim(), pkg.version);
  const scan = spawnSync(process.execPath, [join(REPO_ROOT, pkg.bin.kubeward), 'scan', 'examples/hardened-app.yaml', '--fail-on', 'info'], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(scan.status, 0, scan.stderr);
  assert.match(scan.stdout, /No findings/i);
});
