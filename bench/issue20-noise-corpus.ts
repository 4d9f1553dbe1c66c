/**
 * Issue 20's noise rules on the shared corpus: every finding of the named checks, each corpus directory scanned as
 * one inventory (as `kubeward scan DIR` would), after folding implied findings — one TSV row per finding with its
 * severity, whether it is shown or folded (and under what), and its message. Run it before and after a change and
 * compare: the counts per check, severity and state, and the rows that changed.
 *
 *   node --import tsx bench/issue20-noise-corpus.ts OUT.tsv CHECK...         # write the rows
 *   node --import tsx bench/issue20-noise-corpus.ts --diff BEFORE.tsv AFTER.tsv   # counts before → after, changed rows
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CHECKS } from '../src/checks/index.js';
import { runChecks } from '../src/engine/run-checks.js';
import { Inventory } from '../src/model/inventory.js';
import { foldImplied } from '../src/policy/fold-implied.js';
import { loadText, withIds } from '../src/sources/manifests.js';
import { readCorpus } from './corpus.js';

const args = process.argv.slice(2);

function write(out: string, only: Set<string>): void {
  const groups = new Map<string, ReturnType<typeof readCorpus>>();
  for (const f of readCorpus()) groups.set(dirname(f.name), [...(groups.get(dirname(f.name)) ?? []), f]);
  const rows: string[] = [];
  for (const group of groups.values()) {
    const inventory = new Inventory(withIds(group.flatMap((f) => loadText(f.text, f.name).objects)));
    const { shown, implied } = foldImplied(runChecks(CHECKS, inventory, []), CHECKS);
    for (const [state, list] of [['shown', shown], ['implied', implied]] as const) {
      for (const x of list) {
        if (!only.has(x.checkId)) continue;
        const o = x.object ? `${x.object.kind}/${x.object.namespace ?? ''}/${x.object.name}` : '';
        const how = state === 'implied' ? `implied:${x.impliedBy}` : 'shown';
        rows.push([x.location.file, x.checkId, o, x.path, x.severity, how, x.message.replace(/\s+/g, ' ')].join('\t'));
      }
    }
  }
  writeFileSync(out, rows.sort().join('\n') + '\n');
  console.log(`${rows.length} rows → ${out}`);
}

function diff(before: string, after: string): void {
  const read = (p: string) => new Map(readFileSync(p, 'utf8').split('\n').filter(Boolean).map((l) => {
    const c = l.split('\t');
    return [c.slice(0, 4).join('\t'), c] as const;
  }));
  const a = read(before);
  const b = read(after);
  const count = (m: Map<string, readonly string[]>) => {
    const n = new Map<string, number>();
    for (const c of m.values()) {
      const k = `${c[1]} ${c[5]!.startsWith('implied') ? c[5] : c[4]}`;
      n.set(k, (n.get(k) ?? 0) + 1);
    }
    return n;
  };
  const ca = count(a);
  const cb = count(b);
  console.log('| check | severity or folded under | before | after |\n|---|---|---:|---:|');
  for (const k of [...new Set([...ca.keys(), ...cb.keys()])].sort()) {
    const [check, what] = k.split(' ');
    console.log(`| \`${check}\` | ${what} | ${ca.get(k) ?? 0} | ${cb.get(k) ?? 0} |`);
  }
  for (const [k, c] of b) {
    const p = a.get(k);
    if (!p) console.log(`new: ${c.join(' | ')}`);
    else if (p[4] !== c[4] || p[5] !== c[5] || p[6] !== c[6]) console.log(`changed: ${k.replace(/\t/g, ' ')}: ${p[4]} ${p[5]} → ${c[4]} ${c[5]}: ${c[6]}`);
  }
  for (const [k, c] of a) if (!b.has(k)) console.log(`gone: ${c.join(' | ')}`);
}

if (args[0] === '--diff') diff(args[1]!, args[2]!);
else write(args[0]!, new Set(args.slice(1)));
