// Test helpers: where the fixtures are, and finding helm/kubectl/kustomize for tests that need them.
import assert from 'node:assert/strict';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import { findTool } from '../../src/sources/find-tool.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const fixtures = join(repoRoot, 'test', 'fixtures', 'sources');

/** The process environment with `<repo>/.tools/bin` (scripts/install-tools.sh) first on PATH. */
export function toolEnv(): NodeJS.ProcessEnv {
  return { ...process.env, PATH: [join(repoRoot, '.tools', 'bin'), process.env.PATH ?? ''].join(delimiter) };
}

/**
 * True when one of `names` is on the tool PATH. Otherwise the test is skipped with the reason,
 * except under CI (CI=true), where a missing tool fails the test.
 */
export async function needTool(t: TestContext, ...names: string[]): Promise<boolean> {
  for (const n of names) if (await findTool(n, toolEnv())) return true;
  if (process.env.CI === 'true') assert.fail(`${names.join(' or ')} missing under CI`);
  t.skip(`${names.join(' or ')} not installed: run scripts/install-tools.sh`);
  return false;
}

/** A fresh copy of a fixture directory in a temp dir (for trees the test changes). */
export async function copyFixture(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kubeward-src-'));
  const dest = join(dir, name);
  await cp(join(fixtures, name), dest, { recursive: true });
  return dest;
}
