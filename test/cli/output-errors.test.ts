import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

test('an output file that cannot be written is an error (exit 2) naming the path', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kw-out-'));
  await writeFile(join(dir, 'plain-file'), 'x');
  const r = await runCli(['scan', 'examples/', '-o', `json=${join(dir, 'plain-file', 'report.json')}`]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /plain-file/);
});

test('a reader that closes the pipe early (| head): one line on stderr and exit 2 (never 1, never a stack trace)', async () => {
  // ~150 KB of JSON: more than a pipe buffers, so the writer does meet the closed pipe.
  const entry = fileURLToPath(new URL('../../src/cli/entry.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), entry, 'scan', 'test/fixtures/yaml-corpus', '-o', 'json', '--fail-on', 'high'], { cwd: REPO_ROOT });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 2, stderr);
  assert.equal(stderr, 'kubeward: cannot write the output (the reader closed it early): it is incomplete\n');
});
