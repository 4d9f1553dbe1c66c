import { readdir, readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { NODE_API_VERSION } from '../../model/components.js';
import type { K8sObject } from '../../model/object.js';
import { fixedPositions } from '../../model/position.js';
import { describeFsError } from '../fs-error.js';
import type { HostFs } from './host-path.js';

/** The kind of a file of the node whose mode and owner were read. */
export const NODE_FILE_KIND = 'NodeFile';

/** A host path and the CIS roles it plays (what the checks in src/checks/node judge it as). */
export interface FileRole {
  path: string;
  roles: string[];
}

/** uid → user name and gid → group name from the host's /etc/passwd and /etc/group (empty when absent). */
async function names(fs: HostFs, file: string): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  try {
    for (const line of (await readFile(fs.local(file), 'utf8')).split('\n')) {
      const f = line.split(':');
      if (f.length >= 3 && /^\d+$/.test(f[2]!)) out.set(Number(f[2]), f[0]!);
    }
  } catch {
    // No such file on the host: numbers only.
  }
  return out;
}

/** Every entry under a host directory (recursively, at most `limit`), for the PKI directory. */
export async function listTree(fs: HostFs, dir: string, limit = 500): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(fs.local(d), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (out.length >= limit) return;
      const p = posix.join(d, e.name);
      out.push(p);
      if (e.isDirectory()) await walk(p);
    }
  };
  await walk(dir);
  return out;
}

/**
 * One `kind: NodeFile` object per existing path: its type, permission bits (`mode`, octal text such as "0600"),
 * numeric uid and gid and, when the host's /etc/passwd and /etc/group name them, user and group. Roles of one
 * path are merged. A path that is not there is left out (nothing to judge); one that cannot be read is a warning.
 */
export async function statNodeFiles(fs: HostFs, wanted: readonly FileRole[], warnings: string[]): Promise<Omit<K8sObject, 'id'>[]> {
  const users = await names(fs, '/etc/passwd');
  const groups = await names(fs, '/etc/group');
  const byPath = new Map<string, Set<string>>();
  for (const w of wanted) {
    const p = posix.normalize(w.path);
    let s = byPath.get(p);
    if (!s) byPath.set(p, (s = new Set()));
    for (const r of w.roles) s.add(r);
  }
  const out: Omit<K8sObject, 'id'>[] = [];
  for (const [path, roles] of byPath) {
    let got;
    try {
      got = await fs.stat(path);
    } catch (e) {
      warnings.push(`node file ${path}: ${describeFsError(e)}`);
      continue;
    }
    if (!got) continue;
    const { stats } = got;
    const spec: Record<string, unknown> = {
      path,
      roles: [...roles].sort(),
      type: stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : 'other',
      mode: '0' + (stats.mode & 0o7777).toString(8).padStart(3, '0'),
      uid: stats.uid,
      gid: stats.gid,
    };
    if (got.hostPath !== path) spec.target = got.hostPath;
    if (users.has(stats.uid)) spec.user = users.get(stats.uid);
    if (groups.has(stats.gid)) spec.group = groups.get(stats.gid);
    const raw = { apiVersion: NODE_API_VERSION, kind: NODE_FILE_KIND, metadata: { name: path }, spec };
    out.push({
      apiVersion: NODE_API_VERSION, kind: NODE_FILE_KIND, name: path, labels: {}, annotations: {}, raw,
      source: { file: path, document: 0, pointerPrefix: '', positions: fixedPositions({ line: 1, column: 1 }) },
    });
  }
  return out;
}
