/**
 * Parsing benchmark over the whole shared corpus (../shared/corpus/manifests), in one run:
 * the `yaml` library with positions, js-yaml, kubeward's parser (values + positions), kubeward with
 * locate() on every key, and JSON.parse on the same documents re-serialised as JSON.
 *
 *   node --import tsx bench/parse.bench.ts
 */
import * as jsyaml from 'js-yaml';
import { LineCounter, parseAllDocuments } from 'yaml';
import { pathStats } from '../src/sources/yaml/document.js';
import { parseJsonText, parseYamlStream } from '../src/sources/yaml/index.js';
import { readCorpus, type CorpusFile } from './corpus.js';

function bestOf(runs: number, fn: () => unknown): number {
  fn();
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    min = Math.min(min, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return min;
}

const isJson = (f: CorpusFile): boolean => f.name.endsWith('.json');

function yamlLibrary(files: CorpusFile[]): number {
  let n = 0;
  for (const f of files) {
    const lc = new LineCounter();
    for (const d of parseAllDocuments(f.text, { lineCounter: lc, version: '1.1', uniqueKeys: false })) {
      if (d.errors.length === 0) d.toJS({ maxAliasCount: 100 });
      n++;
    }
  }
  return n;
}

function jsYaml(files: CorpusFile[]): number {
  let n = 0;
  for (const f of files) {
    try {
      jsyaml.loadAll(f.text, () => n++);
    } catch {
      /* js-yaml stops at a file's first error */
    }
  }
  return n;
}

function kubeward(files: CorpusFile[]): number {
  let n = 0;
  for (const f of files) n += (isJson(f) ? parseJsonText(f.text) : parseYamlStream(f.text)).length;
  return n;
}

/** Every key/item pointer of a value. */
function pointers(v: unknown, base: string, out: string[]): void {
  if (Array.isArray(v)) v.forEach((x, i) => { const p = `${base}/${i}`; out.push(p); pointers(x, p, out); });
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) { const p = `${base}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`; out.push(p); pointers(x, p, out); }
  }
}

function kubewardLocateAll(files: CorpusFile[], ptrs: string[][][]): number {
  let n = 0;
  files.forEach((f, i) => {
    const docs = isJson(f) ? parseJsonText(f.text) : parseYamlStream(f.text);
    docs.forEach((d, j) => {
      for (const p of ptrs[i]![j] ?? []) n += d.positions.locate(p).line;
    });
  });
  return n;
}

function jsonParse(texts: string[]): number {
  let n = 0;
  for (const t of texts) if (JSON.parse(t) !== undefined) n++;
  return n;
}

const files = readCorpus();
if (files.length > 0) {
  const bytes = files.reduce((s, f) => s + Buffer.byteLength(f.text), 0);
  const mb = bytes / 1e6;
  // the same documents as JSON, and every pointer for the locate-all run
  const asJson: string[] = [];
  const ptrs: string[][][] = [];
  pathStats.fast = pathStats.fallback = 0;
  let documents = 0;
  for (const f of files) {
    const docs = isJson(f) ? parseJsonText(f.text) : parseYamlStream(f.text);
    documents += docs.length;
    ptrs.push(docs.map((d) => { const out: string[] = []; pointers(d.value, '', out); return out; }));
    for (const d of docs) if (d.value !== undefined) asJson.push(JSON.stringify(d.value));
  }
  const { fast, fallback } = pathStats;
  const fallbackShare = fallback / Math.max(1, fast + fallback);
  const jsonMb = asJson.reduce((s, t) => s + Buffer.byteLength(t), 0) / 1e6;
  const keys = ptrs.flat(2).length;

  const runs = 3;
  const tYaml = bestOf(1, () => yamlLibrary(files));
  const tJs = bestOf(runs, () => jsYaml(files));
  const tOurs = bestOf(runs, () => kubeward(files));
  const tLocate = bestOf(runs, () => kubewardLocateAll(files, ptrs));
  const tJson = bestOf(runs, () => jsonParse(asJson));

  const row = (label: string, ms: number, size = mb): string =>
    `| ${label.padEnd(46)} | ${ms.toFixed(0).padStart(6)} | ${(size / (ms / 1000)).toFixed(1).padStart(6)} |`;
  console.log(`corpus: ${files.length} files, ${mb.toFixed(1)} MB, ${documents} documents, ${keys} keys/items (JSON re-serialised: ${jsonMb.toFixed(1)} MB)\n`);
  console.log('| parser | ms | MB/s |\n|---|---:|---:|');
  console.log(row('yaml 2.9 with positions (LineCounter + toJS)', tYaml));
  console.log(row('js-yaml loadAll (no positions)', tJs));
  console.log(row('kubeward (values + positions)', tOurs));
  console.log(row('kubeward + locate() on every key/item', tLocate));
  console.log(row('JSON.parse (same documents as JSON)', tJson, jsonMb));
  console.log(`\nkubeward ÷ js-yaml: ${(tOurs / tJs).toFixed(2)}×   kubeward ÷ JSON.parse: ${(tOurs / tJson).toFixed(2)}×   kubeward ÷ yaml: ${(tOurs / tYaml).toFixed(2)}×`);
  console.log(`documents that fell back to the yaml library: ${fallback} of ${fast + fallback} (${(fallbackShare * 100).toFixed(2)}%)`);
}
