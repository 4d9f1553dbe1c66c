// Writes src/checks/index.ts's import list and CHECKS array from the check files in
// src/checks/<category>/<id>.ts. Run after adding a check: npm run gen:checks
// (the registry test fails when a check file is not registered).
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CATEGORIES } from '../src/checks/define.js';

const dir = fileURLToPath(new URL('../src/checks/', import.meta.url));
const indexPath = `${dir}index.ts`;
const camel = (id: string) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const entries: { id: string; file: string }[] = [];
for (const category of CATEGORIES) {
  if (!existsSync(dir + category)) continue;
  for (const name of readdirSync(dir + category)) if (name.endsWith('.ts')) entries.push({ id: name.slice(0, -3), file: `./${category}/${name.slice(0, -3)}.js` });
}
entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const imports = entries.map((e) => `import ${camel(e.id)} from '${e.file}';`).sort();
const list = entries.map((e) => `  ${camel(e.id)},`);
const src = readFileSync(indexPath, 'utf8');
const start = src.indexOf('// checks:imports:start');
const mid = src.indexOf('// checks:imports:end');
const listStart = src.indexOf('// checks:list:start');
const listEnd = src.indexOf('// checks:list:end');
if ([start, mid, listStart, listEnd].some((i) => i < 0)) throw new Error('src/checks/index.ts lost its checks:* markers');
const out =
  src.slice(0, start) + '// checks:imports:start\n' + imports.join('\n') + '\n' + src.slice(mid, listStart) +
  '// checks:list:start\n' + list.join('\n') + '\n  ' + src.slice(listEnd);
if (out !== src) writeFileSync(indexPath, out);
console.log(`src/checks/index.ts: ${entries.length} checks`);
