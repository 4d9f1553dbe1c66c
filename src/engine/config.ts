import { dirname, resolve } from 'node:path';
import { parseConfig, type KubewardConfig } from '../policy/config.js';
import { findConfig, readTextFile } from '../sources/config-file.js';
import { RequestError } from './errors.js';

export interface LoadedConfig {
  config?: KubewardConfig;
  /** The config file's directory: relative paths in it are relative to this. */
  dir?: string;
  file?: string;
  /** Deprecated keys that were read (said once as warnings). */
  warnings: string[];
}

/** `.kubeward.yaml`: the explicit file, else the first found upward from the first scanned path. */
export async function loadConfig(explicit: string | undefined, firstPath: string | undefined): Promise<LoadedConfig> {
  let found: { file: string; text: string } | undefined;
  if (explicit) {
    try {
      found = { file: explicit, text: await readTextFile(explicit, 'config file') };
    } catch (err) {
      throw new RequestError((err as Error).message);
    }
  } else if (firstPath && firstPath !== '-') found = await findConfig(firstPath);
  if (!found) return { warnings: [] };
  const { config, errors, warnings } = parseConfig(found.text, found.file);
  if (errors.length) throw new RequestError(errors.join('; '));
  return { config, dir: dirname(resolve(found.file)), file: found.file, warnings };
}

/** A file the request names (exceptions, baseline, flows), read as text; a RequestError names it when it cannot be. */
export async function readRequestFile(path: string, what: string): Promise<{ file: string; text: string }> {
  try {
    return { file: path, text: await readTextFile(path, what) };
  } catch (err) {
    throw new RequestError((err as Error).message);
  }
}
