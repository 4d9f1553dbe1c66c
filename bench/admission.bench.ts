/**
 * Admission webhook latency: a loopback HTTPS client sends AdmissionReviews of real Deployments (every Deployment of
 * the shared corpus, ~realistic sizes and shapes; generated ones when the corpus is absent) at a fixed rate (open
 * loop: a request leaves every 1/rate s whether or not the previous ones were answered) to `kubeward admission
 * serve`'s server and to an empty HTTPS handler on the same certificate, each in its own process, alternating in
 * rounds of 5 s so a load spike hits both. Prints p50 / p90 / p99 / max latency, errors and the achieved rate of
 * each, and the ratio kubeward ÷ empty.
 *
 *   node --import tsx bench/admission.bench.ts [--seconds 20] [--rate 500]      (npm run bench:admission)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { selfSignedCertificate } from '../src/admission/certificate.js';
import { createAdmissionReviewer } from '../src/engine/admission-review.js';
import { readCorpus, repoRoot } from './corpus.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SECONDS = arg('seconds', 20);
const RATE = arg('rate', 500);
const ROUND = Math.min(5, SECONDS);

/** AdmissionReview bodies of the corpus's Deployments. */
function bodies(): string[] {
  const out: string[] = [];
  for (const f of readCorpus()) {
    if (!/kind:\s*Deployment/.test(f.text)) continue;
    try {
      for (const d of parseAllDocuments(f.text)) {
        const o = d.toJS() as Record<string, any> | null;
        if (o?.kind !== 'Deployment' || typeof o.metadata?.name !== 'string') continue;
        o.metadata.namespace = typeof o.metadata.namespace === 'string' ? o.metadata.namespace : 'default';
        out.push(JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: {
          uid: `uid-${out.length}`, kind: { group: 'apps', version: 'v1', kind: 'Deployment' }, resource: { group: 'apps', version: 'v1', resource: 'deployments' },
          namespace: o.metadata.namespace, name: o.metadata.name, operation: 'CREATE', userInfo: { username: 'ci-deployer', groups: ['system:authenticated'] }, object: o, dryRun: false,
        } }));
      }
    } catch { /* a file that is not YAML */ }
  }
  if (out.length) return out;
  const gen = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'team-a' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'registry.example.com/web:1.4.2', ports: [{ containerPort: 8080 }], resources: { limits: { cpu: '500m', memory: '256Mi' } } }] } } } };
  return [JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'u', operation: 'CREATE', namespace: 'team-a', userInfo: { username: 'ci' }, object: gen } })];
}

async function startServer(mode: string, cert: string, key: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'bench/admission-server.ts'), mode, cert, key], { stdio: ['ignore', 'pipe', 'inherit'], cwd: repoRoot });
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      text += d;
      const m = /ready (\d+)/.exec(text);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (c) => reject(new Error(`${mode} server exited (${c})`)));
  });
  return { child, port };
}

interface Stats { latencies: number[]; errors: number; sent: number; ms: number }

/** Send at RATE for `seconds`, open loop; wait for the answers (at most 10 s more). */
async function load(port: number, ca: string, list: string[], seconds: number, stats: Stats): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const total = Math.round(RATE * seconds);
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const body = list[(stats.sent + i) % list.length]!;
    const t0 = performance.now();
    pending.push(new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/validate', method: 'POST', ca, agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, timeout: 10_000 }, (res) => {
        res.on('data', () => undefined).on('end', () => {
          if (res.statusCode === 200) stats.latencies.push(performance.now() - t0);
          else stats.errors++;
          resolve();
        });
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => ((stats.errors++), resolve()));
      req.end(body);
    }));
  }
  await Promise.all(pending);
  stats.sent += total;
  stats.ms += performance.now() - start;
  agent.destroy();
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

const list = bodies();
const fromCorpus = !list[0]!.includes('"uid":"u"');

/**
 * The engine alone, in this process: CPU time (not wall time, so the machine's load matters less) of JSON.parse +
 * review per body, over 4 warm passes (the first pass warms up): every sample (GC included), and each body's best.
 */
function engineCpu(): { p50: number; p99: number; bestP99: number; denied: number } {
  const reviewer = createAdmissionReviewer();
  const us: number[] = [];
  const best = list.map(() => Infinity);
  let denied = 0;
  for (let round = 0; round < 5; round++) {
    list.forEach((b, i) => {
      const c0 = process.cpuUsage();
      const a = reviewer.review(JSON.parse(b), 'validate');
      const c = process.cpuUsage(c0);
      if (round === 0) {
        if (a.status === 200 && !a.verdict.allowed) denied++;
        return;
      }
      us.push(c.user + c.system);
      best[i] = Math.min(best[i]!, c.user + c.system);
    });
  }
  us.sort((a, b) => a - b);
  best.sort((a, b) => a - b);
  return { p50: pct(us, 50) / 1000, p99: pct(us, 99) / 1000, bestP99: pct(best, 99) / 1000, denied };
}
const engine = engineCpu();
const sizes = list.map((b) => b.length).sort((a, b) => a - b);
const dir = mkdtempSync(join(tmpdir(), 'kw-adm-bench-'));
const pair = await selfSignedCertificate({ ips: ['127.0.0.1'] });
writeFileSync(join(dir, 'tls.crt'), pair.cert);
writeFileSync(join(dir, 'tls.key'), pair.key);
const servers = { empty: await startServer('empty', join(dir, 'tls.crt'), join(dir, 'tls.key')), kubeward: await startServer('kubeward', join(dir, 'tls.crt'), join(dir, 'tls.key')) };
const stats: Record<'empty' | 'kubeward', Stats> = { empty: { latencies: [], errors: 0, sent: 0, ms: 0 }, kubeward: { latencies: [], errors: 0, sent: 0, ms: 0 } };
try {
  // Warm-up: TLS sessions, JIT.
  for (const k of ['empty', 'kubeward'] as const) await load(servers[k].port, pair.cert, list, 1, { latencies: [], errors: 0, sent: 0, ms: 0 });
  for (let done = 0; done < SECONDS; done += ROUND) {
    const s = Math.min(ROUND, SECONDS - done);
    for (const k of ['empty', 'kubeward'] as const) await load(servers[k].port, pair.cert, list, s, stats[k]);
  }
} finally {
  for (const s of Object.values(servers)) s.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}

console.log(`engine alone (JSON.parse + review, CPU time per review, 4 warm passes): p50 ${engine.p50.toFixed(3)} ms, p99 ${engine.p99.toFixed(3)} ms (GC included); p99 of each body's best ${engine.bestP99.toFixed(3)} ms; ${engine.denied} of ${list.length} denied by the default policy`);
console.log(`${list.length} ${fromCorpus ? 'Deployments of the corpus' : 'generated Deployment(s) (no corpus)'} as AdmissionReviews (median ${pct(sizes, 50)} bytes, largest ${sizes.at(-1)}); ${RATE} req/s for ${SECONDS} s per server, rounds of ${ROUND} s; load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`);
console.log('| server | requests | errors | achieved req/s | p50 ms | p90 ms | p99 ms | max ms |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
const row: Record<string, number[]> = {};
for (const k of ['empty', 'kubeward'] as const) {
  const s = stats[k];
  const sorted = [...s.latencies].sort((a, b) => a - b);
  row[k] = [pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted.at(-1) ?? NaN];
  console.log(`| ${k === 'empty' ? 'empty HTTPS handler' : 'kubeward admission (/validate)'} | ${s.sent} | ${s.errors} | ${((s.latencies.length / s.ms) * 1000).toFixed(0)} | ${row[k]!.map((v) => v.toFixed(2)).join(' | ')} |`);
}
console.log(`kubeward ÷ empty: p50 ${(row.kubeward![0]! / row.empty![0]!).toFixed(2)}×, p99 ${(row.kubeward![2]! / row.empty![2]!).toFixed(2)}×`);
