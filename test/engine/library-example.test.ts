import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The README's library example, as written, with `kubeward` pointing at the source. */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const m = /<!-- library-example[^>]*-->\n```ts\n([\s\S]*?)```/.exec(readme);
  assert.ok(m, 'README has a library example');
  return m[1]!.replace(/from 'kubeward'/g, `from ${JSON.stringify(join(ROOT, 'src/index.ts'))}`);
}

test('the README library example runs and gives the known answers on the bundled examples', () => {
  const dir = mkdtempSync(join(ROOT, 'test', '.lib-example-'));
  try {
    const file = join(dir, 'example.mts');
    writeFileSync(file, readmeExample());
    const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(r.stderr, '');
    // examples/insecure-app.yaml runs one privileged container and one hostPID pod: both critical/high.
    assert.equal(r.status, 1, 'gate(report, "high") fails on the insecure example');
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0]!, /^\d+ objects, 2 findings$/);
    assert.deepEqual(lines.slice(1, 3).map((l) => l.split(' ')[0]).sort(), ['host-pid', 'privileged-container']);
    assert.match(lines[1]!, /examples\/insecure-app\.yaml:\d+$/);
    assert.match(lines[3]!, /kubeward/i);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
