/**
 * The control-plane and node components of an inventory, each with its command-line flags: kube-apiserver,
 * kube-controller-manager, kube-scheduler, etcd and the kubelet, found in
 * - static pods (Pods in kube-system, or labelled `component: <name>` / `tier: control-plane`, as
 *   /etc/kubernetes/manifests/*.yaml and the mirror pods a live cluster lists) whose container runs the
 *   component's binary (the command's first word, or the container named after the component);
 * - running processes read from a node (`kind: Process`, apiVersion node.kubeward.io/v1, src/sources/node);
 * - kubelet configuration files (`kind: KubeletConfiguration`): the kubelet process whose `--config` names the
 *   file reads it; a file no process claims is a kubelet of its own (flags unknown, file settings judged).
 * Checks with `subject: 'component'` see one component at a time (src/checks/define.ts).
 */
import { Flags } from './flags.js';
import type { Inventory } from './inventory.js';
import { asArray, asRecord, asString, type K8sObject } from './object.js';

export const COMPONENT_NAMES = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd', 'kubelet'] as const;
export type ComponentName = (typeof COMPONENT_NAMES)[number];

/** The kind and apiVersion of a process read from a node. */
export const PROCESS_KIND = 'Process';
export const NODE_API_VERSION = 'node.kubeward.io/v1';

export interface Component {
  name: ComponentName;
  /** The Pod, Process or KubeletConfiguration it was found in. */
  object: K8sObject;
  flags: Flags;
  /** JSON pointer (inside `object`) of argv[i]. */
  argPath(i: number): string;
  /** Where a flag that is missing is reported: the container's command (or args), or the process's args. */
  listPath: string;
  /** Kubelet: the KubeletConfiguration file it reads (its `--config`), when that file was read. */
  config?: K8sObject;
  /** The path of the kubelet's `--config` as given, also when the file could not be read. */
  configPath?: string;
}

const NAMES = new Set<string>(COMPONENT_NAMES);
const basename = (s: string) => s.slice(s.lastIndexOf('/') + 1);

/** The component a container runs, from its command's first words (hyperkube's second), or its name. */
function componentOfArgv(argv: readonly string[], containerName: string, podLabel: string | undefined): ComponentName | undefined {
  for (const word of argv.slice(0, 2)) {
    const b = basename(word);
    if (NAMES.has(b)) return b as ComponentName;
    if (b !== 'hyperkube') break;
  }
  if (argv.length === 0 || argv[0]!.startsWith('-')) {
    if (NAMES.has(containerName)) return containerName as ComponentName;
    if (podLabel && NAMES.has(podLabel) && podLabel === containerName) return podLabel as ComponentName;
  }
  return undefined;
}

function fromPod(object: K8sObject): Component[] {
  const label = object.labels.component;
  const controlPlane = object.namespace === 'kube-system' || object.labels.tier === 'control-plane' || (label !== undefined && NAMES.has(label));
  if (!controlPlane) return [];
  const spec = asRecord(object.raw.spec);
  const out: Component[] = [];
  asArray(spec?.containers).forEach((c, i) => {
    const container = asRecord(c);
    if (!container) return;
    const command = asArray(container.command).map((w) => String(w));
    const args = asArray(container.args).map((w) => String(w));
    const base = `/spec/containers/${i}`;
    const name = componentOfArgv([...command, ...args], asString(container.name) ?? '', label);
    if (!name) return;
    const n = command.length;
    out.push({
      name, object, flags: new Flags([...command, ...args]),
      argPath: (k) => (k < n ? `${base}/command/${k}` : `${base}/args/${k - n}`),
      listPath: n > 0 ? `${base}/command` : args.length > 0 ? `${base}/args` : base,
    });
  });
  return out;
}

function fromProcess(object: K8sObject): Component | undefined {
  const spec = asRecord(object.raw.spec);
  const name = asString(spec?.component);
  if (!name || !NAMES.has(name)) return undefined;
  const args = asArray(spec?.args).map((w) => String(w));
  return { name: name as ComponentName, object, flags: new Flags(args), argPath: (k) => `/spec/args/${k}`, listPath: '/spec/args' };
}

function findComponents(objects: readonly K8sObject[]): Component[] {
  const out: Component[] = [];
  const configs = objects.filter((o) => o.kind === 'KubeletConfiguration');
  const claimed = new Set<K8sObject>();
  for (const o of objects) {
    if (o.kind === 'Pod') out.push(...fromPod(o));
    else if (o.kind === PROCESS_KIND && o.apiVersion === NODE_API_VERSION) {
      const c = fromProcess(o);
      if (c) out.push(c);
    }
  }
  for (const c of out) {
    if (c.name !== 'kubelet') continue;
    const path = c.flags.last('config')?.value;
    if (!path) continue;
    c.configPath = path;
    const config = configs.find((k) => k.source.file === path);
    if (config) {
      c.config = config;
      claimed.add(config);
    }
  }
  for (const config of configs) {
    if (!claimed.has(config)) out.push({ name: 'kubelet', object: config, flags: new Flags([]), argPath: () => '', listPath: '', config });
  }
  return out;
}

const cache = new WeakMap<Inventory, Component[]>();

/** Every component of the inventory (computed once per inventory). */
export function componentsOf(inventory: Inventory): readonly Component[] {
  let list = cache.get(inventory);
  if (!list) cache.set(inventory, (list = findComponents(inventory.objects)));
  return list;
}
