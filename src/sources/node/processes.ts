import { readdir, readFile } from 'node:fs/promises';
import { COMPONENT_NAMES, NODE_API_VERSION, PROCESS_KIND, type ComponentName } from '../../model/components.js';
import type { K8sObject } from '../../model/object.js';
import { fixedPositions } from '../../model/position.js';
import type { HostFs } from './host-path.js';

const NAMES = new Set<string>(COMPONENT_NAMES);
const basename = (s: string) => s.slice(s.lastIndexOf('/') + 1);

/** The component a command line runs (its program, or hyperkube's first argument). */
export function componentOfCommand(argv: readonly string[]): ComponentName | undefined {
  const first = basename(argv[0] ?? '');
  if (NAMES.has(first)) return first as ComponentName;
  if (first === 'hyperkube' && NAMES.has(argv[1] ?? '')) return argv[1] as ComponentName;
  return undefined;
}

/**
 * The control-plane and node components running on the host: every `<root>/proc/<pid>/cmdline` whose program is
 * one of them, as `kind: Process` objects (spec.component, spec.pid, spec.args = the whole command line).
 * Nothing under /proc (a fixture tree, a container without hostPID) is no process, not an error.
 */
export async function readProcesses(fs: HostFs, warnings: string[]): Promise<Omit<K8sObject, 'id'>[]> {
  let pids: string[];
  try {
    pids = (await readdir(fs.local('/proc'))).filter((d) => /^\d+$/.test(d));
  } catch {
    return [];
  }
  const out: Omit<K8sObject, 'id'>[] = [];
  let unreadable = 0;
  for (const pid of pids.sort((a, b) => Number(a) - Number(b))) {
    let text: string;
    try {
      text = await readFile(fs.local(`/proc/${pid}/cmdline`), 'utf8');
    } catch {
      unreadable++;
      continue;
    }
    const argv = text.split('\0');
    if (argv[argv.length - 1] === '') argv.pop();
    const component = componentOfCommand(argv);
    if (!component) continue;
    const file = `/proc/${pid}/cmdline`;
    const raw = { apiVersion: NODE_API_VERSION, kind: PROCESS_KIND, metadata: { name: `${component}-${pid}` }, spec: { component, pid: Number(pid), args: argv } };
    out.push({
      apiVersion: NODE_API_VERSION, kind: PROCESS_KIND, name: raw.metadata.name, labels: {}, annotations: {}, raw,
      source: { file, document: 0, pointerPrefix: '', positions: fixedPositions({ line: 1, column: 1 }) },
    });
  }
  if (unreadable > 0 && out.length === 0) warnings.push(`${unreadable} process command lines under ${fs.local('/proc')} could not be read: run as root with the host's PID namespace (hostPID) to see the node's processes`);
  return out;
}
