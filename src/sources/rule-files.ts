import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { describeFsError } from './fs-error.js';
import { readRegular } from './regular-file.js';

const MAX_RULE_FILE = 4 * 1024 * 1024;
const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/**
 * The text of every policy file under `--rules` paths: a file is read whatever its name, a directory is walked
 * recursively (sorted) for .yaml/.yml/.json files. A path that cannot be read is an error (a rules directory
 * that silently gave nothing would pass everything).
 */
export function readPolicyFiles(paths: readonly string[]): { files: { file: string; text: string }[]; errors: string[] } {
  const files: { file: string; text: string }[] = [];
  const errors: string[] = [];
  const read = (file: string) => {
    try {
      files.push({ file, text: readRegular(file, MAX_RULE_FILE).toString('utf8') });
    } catch (err) {
      errors.push(`${file}: ${describeFsError(err)}`);
    }
  };
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (err) {
      errors.push(`${dir}: ${describeFsError(err)}`);
      return;
    }
    for (const name of names) {
      if (name === 'node_modules' || name.startsWith('.') || name === 'kubeward-test.yaml') continue;
      const p = join(dir, name);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && EXTENSIONS.has(extname(name).toLowerCase())) read(p);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (err) {
      errors.push(`${p}: ${describeFsError(err)}`);
      continue;
    }
    if (st.isDirectory()) walk(p);
    else read(p);
  }
  return { files, errors };
}
