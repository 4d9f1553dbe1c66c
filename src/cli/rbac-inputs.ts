import type { Command } from 'commander';
import { rbacModel, type RbacModel } from '../analysis/rbac/model.js';
import { Inventory } from '../model/inventory.js';
import type { K8sObject } from '../model/object.js';
import { readInputs } from '../sources/read-inputs.js';
import { addOption } from './add-option.js';
import { resolveOptions, SCAN_OPTIONS } from './options.js';
import { delayedProgress } from './progress.js';
import { UsageError } from './scan.js';

/** The scan's input options (Helm rendering, progress) that the rbac commands take too. */
const INPUT_OPTIONS = SCAN_OPTIONS.filter((o) => o.key.startsWith('helm.') || o.key === 'progress');

export function addInputOptions(cmd: Command): Command {
  for (const o of INPUT_OPTIONS) addOption(cmd, o);
  return cmd;
}

/**
 * Read the inputs exactly as `scan` does (files, directories, `-`, Helm charts, Kustomize dirs) and
 * build the RBAC model. Load problems and warnings go to stderr: the commands answer from what could be read.
 */
export async function loadRbac(paths: string[], cmd: Command): Promise<{ model: RbacModel; inventory: Inventory }> {
  if (paths.length === 0) throw new UsageError('needs at least one path to read RBAC objects from (a file, a directory, a Helm chart, a Kustomize dir, or - for stdin)');
  const o = resolveOptions(INPUT_OPTIONS, cmd.opts(), (a) => cmd.getOptionValueSource(a) === 'cli', process.env, undefined);
  const progress = delayedProgress(o.progress !== false);
  const read = await readInputs(paths, {
    helm: {
      releaseName: o['helm.releaseName'] as string,
      ...(o['helm.namespace'] ? { namespace: o['helm.namespace'] as string } : {}),
      ...(o['helm.values'] ? { values: o['helm.values'] as string[] } : {}),
      ...(o['helm.set'] ? { set: o['helm.set'] as string[] } : {}),
    },
    onProgress: (d, t) => progress.update(d, t),
  });
  progress.stop();
  for (const w of read.warnings) process.stderr.write(`kubeward: warning: ${w}\n`);
  for (const p of read.loaded.problems) process.stderr.write(`kubeward: warning: ${p.file}:${p.line}:${p.column}: ${p.message}\n`);
  const objects = read.loaded.objects as K8sObject[];
  for (let i = 0; i < objects.length; i++) objects[i]!.id = i;
  const inventory = new Inventory(objects);
  return { model: rbacModel(inventory), inventory };
}
