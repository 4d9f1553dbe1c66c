/**
 * The reference price for the scale goal: js-yaml `loadAll` of every file of a directory tree (the same
 * bytes a scan reads), as a whole process. `/usr/bin/time -v node --import tsx bench/jsyaml-load.ts DIR`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as jsyaml from 'js-yaml';

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.ya?ml$/.test(name)) yield p;
  }
}

let documents = 0;
const kept: unknown[] = [];
for (const f of files(process.argv[2] ?? '.')) jsyaml.loadAll(readFileSync(f, 'utf8'), (d) => (documents++, kept.push(d)));
const cpu = process.cpuUsage();
console.log(`${documents} documents, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
