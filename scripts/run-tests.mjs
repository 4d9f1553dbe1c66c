#!/usr/bin/env node
// Runs every test/**/*.test.ts with Node's test runner (Node 20 has no --test glob support).
// Usage: npm test [-- substring ...]   (only test files whose path contains one of the substrings)
//
// The CLI that tests run in-process (test/helpers/cli.ts, runCli) is bundled from src/ first with esbuild into
// .test-build/cli/ (one module and its lazily loaded chunks, packages left to node_modules): loading it is a few
// files instead of ~400 TypeScript modules through tsx in every test process, which halves the suite's CPU.
// It is rebuilt on every run, so it is never stale; a test file run on its own (node --import tsx --test FILE)
// loads the CLI from src/ as before. The test files are bundled as well (below); see docs/testing.md.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const filters = process.argv.slice(2);
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'fixtures' && name !== 'node_modules') walk(p);
    } else if (name.endsWith('.test.ts')) files.push(relative(root, p));
  }
};
walk(join(root, 'test'));
// The longest files (a real API server each) start first, so the run does not end with one of them alone on a core.
const SLOW = /^test\/(oracle|apiserver|cluster\/live)\//;
const ordered = [...files.filter((f) => SLOW.test(f)), ...files.filter((f) => !SLOW.test(f))];
const selected = filters.length ? ordered.filter((f) => filters.some((s) => f.includes(s))) : ordered;
if (selected.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

// Two levels below the repository root, as src/cli/ is: code that finds package.json or .tools/ relative to
// its own module (import.meta.url) finds the same files.
const outdir = join(root, '.test-build', 'cli');
rmSync(join(root, '.test-build'), { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'src/cli/main.ts')], outdir, bundle: true, splitting: true, format: 'esm', platform: 'node',
  target: 'node20', packages: 'external', outExtension: { '.js': '.mjs' }, sourcemap: 'linked', logLevel: 'warning',
  jsx: 'automatic', // src/report/components/*.tsx (the shared report/dashboard components)
});
const env = { ...process.env, KUBEWARD_TEST_CLI: pathToFileURL(join(outdir, 'main.mjs')).href };

// The test files themselves are bundled too (each test file one entry, shared code in chunks), so a test process
// starts without tsx's loader thread and without transforming TypeScript: ~0.3 s of CPU less per file. Every
// `import.meta.url`/`dirname`/`filename` in a source file is replaced by that source file's own, so code that
// finds fixtures, package.json or .tools/ relative to itself finds the same files as from src/.
const testOut = join(root, '.test-build', 'tests');
const sourceMeta = {
  name: 'source-import-meta',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?tsx?$/ }, (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      const loader = args.path.endsWith('x') ? 'tsx' : 'ts';
      if (!text.includes('import.meta.')) return { contents: text, loader };
      const contents = text
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      return { contents, loader };
    });
  },
};
await build({
  entryPoints: selected.map((f) => join(root, f)), outdir: testOut, outbase: root, bundle: true, splitting: true,
  format: 'esm', platform: 'node', target: 'node20', packages: 'external', outExtension: { '.js': '.mjs' },
  sourcemap: 'linked', logLevel: 'warning', plugins: [sourceMeta], jsx: 'automatic',
});
const outputs = selected.map((f) => join(testOut, f.replace(/\.ts$/, '.mjs')));
const r = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-concurrency=2', ...outputs], { cwd: root, stdio: 'inherit', env });
process.exit(r.status ?? 1);
