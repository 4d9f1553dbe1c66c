/**
 * Accuracy benchmark: every check over the shared corpus (../shared/corpus), one inventory per
 * directory (as `kubeward scan DIR` sees it, so a PodDisruptionBudget or ServiceAccount in a
 * sibling file counts; `--per-file` gives each file its own). Prints, per check: findings, files and objects hit, the share
 * of the subjects it looks at that it flags, a sample of hits to read by hand, and how the
 * `intentionally-insecure` teaching files (corpus/index.tsv) light up.
 *
 *   node --import tsx bench/accuracy.ts                 # all checks, 5 sample hits each
 *   node --import tsx bench/accuracy.ts 20 sensitive-host-path image-pull-policy   # 20 samples of these checks
 *
 * Samples are spread over the corpus (every n-th hit), not the first files' hits.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runChecks } from '../src/engine/run-checks.js';
import { CHECKS } from '../src/checks/index.js';
import type { Finding } from '../src/model/finding.js';
import { Inventory } from '../src/model/inventory.js';
import { loadText, withIds } from '../src/sources/manifests.js';
import { corpusDir, readCorpus } from './corpus.js';

const args = process.argv.slice(2);
const perFile = args.includes('--per-file');
const [samplesArg, ...only] = args.filter((a) => a !== '--per-file');
const samples = Number(samplesArg ?? 5) || 5;
const checks = only.length ? CHECKS.filter((c) => only.includes(c.id)) : CHECKS;

/** index.tsv rows: file, upstream, path, category, label, ... */
function indexRows(): string[][] {
  const index = join(corpusDir, '..', 'index.tsv');
  if (!existsSync(index)) return [];
  return readFileSync(index, 'utf8').split('\n').slice(1).map((l) => l.split('\t'));
}
const rows = indexRows();
/** Corpus files labelled intentionally-insecure in index.tsv. */
const teachingFiles = () => new Set(rows.filter((r) => r[4] === 'intentionally-insecure').map((r) => r[0]!));
/** Kustomize patch fragments (partial objects an overlay merges into a base), by index.tsv category. */
const patchFiles = new Set(rows.filter((r) => r[3] === 'kustomize-patch').map((r) => r[0]!));
/** Kinds served by Kubernetes itself; anything else is a custom resource (an operator's CR). */
const BUILTIN_GROUP = /^(|apps|batch|extensions|policy|autoscaling|[a-z.]*\.k8s\.io)$/;
const isCustom = (apiVersion: string | undefined) => {
  const v = apiVersion ?? '';
  return !BUILTIN_GROUP.test(v.includes('/') ? v.slice(0, v.indexOf('/')) : '');
};

const files = readCorpus();
if (files.length === 0) process.exit(0);
const teaching = teachingFiles();

interface Stat { findings: number; files: Set<string>; objects: Set<string>; teaching: Set<string>; hits: string[]; patch: number; custom: number; kubeSystem: number }
const stats = new Map(checks.map((c) => [c.id, { findings: 0, files: new Set(), objects: new Set(), teaching: new Set(), hits: [], patch: 0, custom: 0, kubeSystem: 0 } as Stat]));
let objects = 0;
let podSpecs = 0;
let containers = 0;
const teachingHitBy = new Map<string, Set<string>>();
const t0 = performance.now();
const groups = new Map<string, typeof files>();
for (const f of files) {
  const key = perFile ? f.name : dirname(f.name);
  groups.set(key, [...(groups.get(key) ?? []), f]);
}
for (const group of groups.values()) {
  const objs = withIds(group.flatMap((f) => loadText(f.text, f.name).objects));
  const inventory = new Inventory(objs);
  objects += objs.length;
  podSpecs += inventory.podSpecs().length;
  containers += inventory.containers().length;
  const findings: Finding[] = runChecks(checks, inventory, []);
  for (const x of findings) {
    const f = { name: x.location.file };
    const s = stats.get(x.checkId);
    if (!s) {
      if (x.checkId === 'internal-error') console.log(`INTERNAL ERROR ${f.name}: ${x.message}`);
      continue;
    }
    s.findings++;
    if (patchFiles.has(f.name)) s.patch++;
    if (x.object && isCustom(x.object.apiVersion)) s.custom++;
    if (x.object?.namespace === 'kube-system') s.kubeSystem++;
    s.files.add(f.name);
    const obj = `${f.name}#${x.object?.kind}/${x.object?.namespace ?? ''}/${x.object?.name}`;
    s.objects.add(obj);
    s.hits.push(`${f.name}:${x.location.line} ${x.object?.kind}/${x.object?.name}: ${x.message}`);
    if (teaching.has(f.name)) {
      s.teaching.add(f.name);
      let set = teachingHitBy.get(f.name);
      if (!set) teachingHitBy.set(f.name, (set = new Set()));
      set.add(x.checkId);
    }
  }
}
const ms = performance.now() - t0;

const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`);
console.log(`corpus: ${files.length} files in ${groups.size} ${perFile ? 'files' : 'directories'} scanned as one each, ${objects} objects, ${podSpecs} pod specs, ${containers} containers; ${teaching.size} intentionally-insecure files; ${Math.round(ms)} ms\n`);
console.log('| check | findings | files | objects | objects / (pod specs or objects) | teaching files hit | in Kustomize patches | on custom resources | in kube-system |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const c of checks) {
  const s = stats.get(c.id)!;
  const base = c.subject === 'container' || c.subject === 'pod' ? podSpecs : objects;
  console.log(`| \`${c.id}\` | ${s.findings} | ${s.files.size} | ${s.objects.size} | ${pct(s.objects.size, base)} | ${s.teaching.size} / ${teaching.size} | ${s.patch} | ${s.custom} | ${s.kubeSystem} |`);
}
console.log(`\nteaching files with no finding from these checks: ${[...teaching].filter((t) => !teachingHitBy.has(t)).length} of ${teaching.size}`);
for (const t of [...teaching].filter((t) => !teachingHitBy.has(t)).sort()) console.log(`  ${t}`);

console.log('\nsamples:');
for (const c of checks) {
  const s = stats.get(c.id)!;
  if (s.hits.length === 0) continue;
  console.log(`\n## ${c.id} (${s.findings})`);
  const step = Math.max(1, Math.floor(s.hits.length / samples));
  for (let i = 0, n = 0; i < s.hits.length && n < samples; i += step, n++) console.log(`  ${s.hits[i]}`);
}
