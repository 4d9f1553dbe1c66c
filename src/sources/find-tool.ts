import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `<package>/.tools/bin` (scripts/install-tools.sh puts helm and kubectl there): the same from src/ and dist/. */
export const PACKAGE_TOOLS_DIR = fileURLToPath(new URL('../../.tools/bin', import.meta.url));

/**
 * The full path of an executable named `name` on the PATH of `env` (not the process's own PATH
 * unless that is what is passed), or undefined. An empty or missing PATH finds nothing.
 */
export async function findTool(name: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter((d) => d !== '');
  return findIn(name, dirs);
}

/**
 * A renderer (helm, kubectl, kustomize): on PATH first, else in the tools directory — `KUBEWARD_TOOLS_DIR` when
 * set (empty: PATH only), else the package's own `.tools/bin`. So a chart renders with nothing on PATH once
 * scripts/install-tools.sh has run.
 */
export async function findRenderer(name: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  return (await findTool(name, env)) ?? (toolsDir(env) ? await findIn(name, [toolsDir(env)!]) : undefined);
}

/** Where findRenderer looks after PATH (undefined: nowhere). */
export function toolsDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const set = env.KUBEWARD_TOOLS_DIR;
  if (set !== undefined) return set === '' ? undefined : set;
  return PACKAGE_TOOLS_DIR;
}

async function findIn(name: string, dirs: readonly string[]): Promise<string | undefined> {
  const names = process.platform === 'win32' ? [name, `${name}.exe`] : [name];
  for (const dir of dirs) {
    for (const n of names) {
      const candidate = join(dir, n);
      try {
        await access(candidate, constants.X_OK);
        if ((await stat(candidate)).isFile()) return candidate;
      } catch {
        // not here: keep looking
      }
    }
  }
  return undefined;
}
