/**
 * Differential check of the YAML parser over the whole shared corpus (../shared/corpus/manifests):
 * values against the `yaml` library (our walker and its own toJS) and positions of every key/item.
 *
 *   node --import tsx bench/parse-diff.ts [--verbose]
 */
import { readCorpus } from './corpus.js';
import { diffText, emptyResult } from '../test/yaml/oracle.js';

const verbose = process.argv.includes('--verbose');
const files = readCorpus();
if (files.length > 0) {
  const result = emptyResult();
  for (const f of files) {
    if (!/\.(ya?ml|json|golden\.yaml)$/.test(f.name)) continue;
    diffText(f.name, f.text, result);
  }
  for (const m of result.mismatches.slice(0, verbose ? Infinity : 40)) {
    console.log(`MISMATCH ${m.kind.padEnd(14)} ${m.file}#${m.document}: ${m.detail}`);
  }
  console.log(`\n${result.files} files, ${result.documents} documents, ${result.pointers} positions checked`);
  console.log(`accepted schema differences (go-yaml v2 vs yaml 1.1 toJS):`);
  for (const [why, n] of Object.entries(result.accepted)) console.log(`  ${String(n).padStart(5)}  ${why}`);
  console.log(`mismatches: ${result.mismatches.length}`);
  process.exitCode = result.mismatches.length > 0 ? 1 : 0;
}
