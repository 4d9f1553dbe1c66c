/**
 * `npm run bench:cluster [-- 25000 50000 100000]` — a live-cluster scan at scale. For each size a loopback
 * server (bench/cluster/api-server.ts) serves that many objects as a kube-apiserver does (discovery, pages of
 * 500 with `continue`, server metadata and managedFields), and three runs, each in its own process, measure:
 * fetch (download + JSON.parse of every page, the floor), collect (kubeward's collection into the inventory) and
 * scan (collection + checks + report). Ratios are measured in the same run: collect ÷ fetch, scan ÷ collect, and
 * time per object across sizes (linearity: 2× objects should take ≤ 2.2× the time).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
if (sizes.length === 0) sizes.push(25_000, 50_000, 100_000);

interface Run { mode: string; ms: number; cpuMs: number; maxRssMb: number; objects: number; findings: number }

async function serve(n: number): Promise<{ port: number; objects: number; bytes: number; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'cluster/api-server.ts'), String(n)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready (\d+) (\d+) (\d+)/.exec(out);
      if (m) resolve({ port: Number(m[1]), objects: Number(m[2]), bytes: Number(m[3]), stop: () => child.kill() });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

function measure(kubeconfig: string, mode: string, listFile?: string): Run {
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', join(here, 'cluster/scan-cluster.ts'), kubeconfig, mode, ...(listFile ? [listFile] : [])], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${mode}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Run;
}

const dir = mkdtempSync(join(tmpdir(), 'kubeward-bench-cluster-'));
const rows: { n: number; served: number; mb: number; fetch: Run; collect: Run; scan: Run; files: Run }[] = [];
try {
  for (const n of sizes) {
    const server = await serve(n);
    const kubeconfig = join(dir, `kc-${n}.yaml`);
    writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters: [{name: bench, cluster: {server: "http://127.0.0.1:${server.port}"}}]\nusers: [{name: bench, user: {token: "bench"}}]\ncontexts: [{name: bench, context: {cluster: bench, user: bench}}]\ncurrent-context: bench\n`);
    try {
      const listFile = join(dir, `list-${n}.json`);
      measure(kubeconfig, 'fetch', listFile); // warms the server and the OS caches; writes the same objects as a file
      const best = (mode: string) => [measure(kubeconfig, mode, listFile), measure(kubeconfig, mode, listFile)].sort((a, b) => a.ms - b.ms)[0]!;
      rows.push({ n, served: server.objects, mb: server.bytes / 1e6, fetch: best('fetch'), collect: best('collect'), scan: best('scan'), files: best('files') });
    } finally {
      server.stop();
    }
    const r = rows.at(-1)!;
    console.log(`${r.served} objects (${r.mb.toFixed(1)} MB of list pages): fetch ${r.fetch.ms} ms, collect ${r.collect.ms} ms (${r.collect.maxRssMb} MB RSS), scan ${r.scan.ms} ms (${r.scan.maxRssMb} MB RSS, ${r.scan.findings} findings), same objects from a file ${r.files.ms} ms (${r.files.findings} findings)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log('\n| objects | list pages | fetch + JSON.parse | collect | scan --cluster | scan CPU | peak RSS (scan) | file scan, same objects | collect ÷ fetch | scan ÷ collect | live ÷ file scan | scan µs/object |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.served.toLocaleString('en')} | ${r.mb.toFixed(1)} MB | ${r.fetch.ms.toLocaleString('en')} ms | ${r.collect.ms.toLocaleString('en')} ms | ${r.scan.ms.toLocaleString('en')} ms | ${r.scan.cpuMs.toLocaleString('en')} ms | ${r.scan.maxRssMb.toLocaleString('en')} MB | ${r.files.ms.toLocaleString('en')} ms | ${(r.collect.ms / r.fetch.ms).toFixed(2)}× | ${(r.scan.ms / r.collect.ms).toFixed(2)}× | ${(r.scan.ms / r.files.ms).toFixed(2)}× | ${((r.scan.ms * 1000) / r.served).toFixed(1)} |`);
}
for (let i = 1; i < rows.length; i++) {
  const a = rows[i - 1]!;
  const b = rows[i]!;
  console.log(`linearity ${a.served.toLocaleString('en')} → ${b.served.toLocaleString('en')} objects (${(b.served / a.served).toFixed(2)}×): scan time ${(b.scan.ms / a.scan.ms).toFixed(2)}× (CPU ${(b.scan.cpuMs / a.scan.cpuMs).toFixed(2)}×), collect time ${(b.collect.ms / a.collect.ms).toFixed(2)}× (CPU ${(b.collect.cpuMs / a.collect.cpuMs).toFixed(2)}×), peak RSS ${(b.scan.maxRssMb / a.scan.maxRssMb).toFixed(2)}×`);
}
