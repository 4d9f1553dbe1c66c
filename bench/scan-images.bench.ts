/**
 * scan --images benchmark: `kubeward scan k8s/ --images` next to the manifest-only `kubeward scan k8s/`, on the
 * same generated manifests, in one run, in process (no node start-up in either). Images come from Debian's
 * docker-registry on 127.0.0.1 (the fixture images pushed with skopeo): the v1 image under 4 repository names
 * (one digest, so matched once) and v2, named by 60 Deployments of 2 containers each; the shipped advisory set
 * imported into a fresh database.
 *
 *   node --import tsx bench/scan-images.bench.ts [rounds=5]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.js';
import { missingBinaries, run, startRegistry } from '../test/image/registry-server.js';

const ROUNDS = Number(process.argv[2] ?? 5);
const LAYOUT = fileURLToPath(new URL('../test/fixtures/oci/layout', import.meta.url));
const ADVISORIES = fileURLToPath(new URL('../test/fixtures/advisories', import.meta.url));
const WORKLOADS = 60;

const missing = missingBinaries();
if (missing.length) {
  console.log(`needs ${missing.join(', ')} (apt-get install -y docker-registry skopeo)`);
  process.exit(0);
}
const reg = await startRegistry();
const work = mkdtempSync(join(tmpdir(), 'kw-scanimg-bench-'));
try {
  const images: string[] = [];
  for (const [tag, repo] of [['v1', 'a'], ['v1', 'b'], ['v1', 'c'], ['v1', 'd'], ['v2', 'e']] as const) {
    const r = run('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', `oci:${LAYOUT}:${tag}`, `docker://${reg.host}/bench/${repo}:${tag}`]);
    if (r.status !== 0) throw new Error(r.stderr);
    images.push(`${reg.host}/bench/${repo}:${tag}`);
  }
  const db = join(work, 'db.sqlite');
  if ((await main(['db', 'import', ADVISORIES, '--db', db])) !== 0) throw new Error('db import failed');
  const k8s = join(work, 'k8s');
  mkdirSync(k8s);
  for (let i = 0; i < WORKLOADS; i++) {
    writeFileSync(join(k8s, `app-${i}.yaml`), [
      'apiVersion: apps/v1', 'kind: Deployment', `metadata: {name: app-${i}, namespace: bench}`, 'spec:', '  template:', '    spec:', '      containers:',
      `        - {name: app, image: "${images[i % images.length]}"}`,
      `        - {name: side, image: "${images[(i + 1) % images.length]}"}`, '',
    ].join('\n'));
  }
  const out = join(work, 'report.json');
  const base = ['scan', k8s, '-o', 'json', '--output', out, '--no-progress'];
  const withImages = [...base, '--images', '--insecure-registry', reg.host, '--db', db];
  const time = async (args: string[]) => {
    await main(args); // warm-up
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < ROUNDS; i++) await main(args);
    return Number(process.hrtime.bigint() - t0) / 1e6 / ROUNDS;
  };
  const manifestOnly = await time(base);
  const images5 = await time(withImages);
  console.log(`${WORKLOADS} Deployments × 2 containers, ${images.length} image references (${new Set(images.map((i) => i.split(':').pop())).size} digests), ${ROUNDS} rounds`);
  console.log(`manifest-only scan       ${manifestOnly.toFixed(1)} ms`);
  console.log(`scan --images            ${images5.toFixed(1)} ms`);
  console.log(`ratio --images ÷ manifest-only: ${(images5 / manifestOnly).toFixed(1)}×`);
  const digests = new Set(images.map((i) => i.split(':').pop())).size;
  console.log(`per distinct digest: ${((images5 - manifestOnly) / digests).toFixed(1)} ms (resolve + pull + read + analyzers + match)`);
} finally {
  reg.stop();
  rmSync(work, { recursive: true, force: true });
}
