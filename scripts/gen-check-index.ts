// Regenerates everything derived from the check files: src/checks/index.ts (the registry: its import list and
// CHECKS array, from src/checks/<category>/<id>.ts) and README.md's check counts and check table (from the checks'
// metadata). Adding a check is one file plus: npm run gen:checks
// (test/checks/generated.test.ts fails when any of these is stale).
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CATEGORIES } from '../src/checks/define.js';

export const CHECKS_DIR = fileURLToPath(new URL('../src/checks/', import.meta.url));
export const INDEX_PATH = `${CHECKS_DIR}index.ts`;
export const README_PATH = fileURLToPath(new URL('../README.md', import.meta.url));

/** The check files: src/checks/<category>/<id>.ts, sorted by id (helpers live in other folders, e.g. shared/). */
export function checkFiles(dir = CHECKS_DIR): { id: string; file: string }[] {
  const entries: { id: string; file: string }[] = [];
  for (const category of CATEGORIES) {
    if (!existsSync(dir + category)) continue;
    for (const name of readdirSync(dir + category)) if (name.endsWith('.ts')) entries.push({ id: name.slice(0, -3), file: `./${category}/${name.slice(0, -3)}.js` });
  }
  return entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const camel = (id: string) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** src/checks/index.ts with its generated parts (between the checks:* markers) rewritten for `entries`. Pure. */
export function renderIndex(src: string, entries: readonly { id: string; file: string }[]): string {
  const imports = entries.map((e) => `import ${camel(e.id)} from '${e.file}';`).sort();
  const list = entries.map((e) => `  ${camel(e.id)},`);
  const start = src.indexOf('// checks:imports:start');
  const mid = src.indexOf('// checks:imports:end');
  const listStart = src.indexOf('// checks:list:start');
  const listEnd = src.indexOf('// checks:list:end');
  if ([start, mid, listStart, listEnd].some((i) => i < 0)) throw new Error('src/checks/index.ts lost its checks:* markers');
  return (
    src.slice(0, start) + '// checks:imports:start\n' + imports.join('\n') + '\n' + src.slice(mid, listStart) +
    '// checks:list:start\n' + list.join('\n') + '\n  ' + src.slice(listEnd)
  );
}

async function main(): Promise<void> {
  const entries = checkFiles();
  const before = readFileSync(INDEX_PATH, 'utf8');
  const index = renderIndex(before, entries);
  if (index !== before) writeFileSync(INDEX_PATH, index);
  console.log(`src/checks/index.ts: ${entries.length} checks${index === before ? '' : ' (updated)'}`);
  // Imported only now, so the registry read is the one just written.
  const { CHECKS } = await import('../src/checks/index.js');
  const { readmeWithChecks } = await import('../src/checks/table.js');
  const readme = existsSync(README_PATH) ? readFileSync(README_PATH, 'utf8') : '';
  const after = readmeWithChecks(readme, CHECKS);
  if (after !== readme) writeFileSync(README_PATH, after);
  console.log(`README.md check counts and table: ${after === readme ? 'up to date' : 'updated'}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
