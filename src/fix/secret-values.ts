// The values the secret checks flag in the files being fixed: `fix` masks them in everything it prints
// (diff context, notes), since a diff shows input lines the fix did not write. Pure.
import { CHECKS } from '../checks/index.js';
import { Inventory } from '../model/inventory.js';
import type { K8sObject } from '../model/object.js';
import { splitPointer } from '../model/position.js';
import { loadText } from '../sources/manifests.js';
import type { CheckRunner, FixInputFile } from './fix-files.js';

function leaves(v: unknown, out: Set<string>): void {
  if (typeof v === 'string') out.add(v);
  else if (Array.isArray(v)) for (const x of v) leaves(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) leaves(x, out);
}

function at(raw: unknown, pointer: string): unknown {
  let cur = raw;
  for (const seg of splitPointer(pointer)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/** Every string at (or under) a field that a secrets check flags, in the given files. */
export function flaggedSecretValues(files: readonly FixInputFile[], runChecks: CheckRunner): string[] {
  const objects: K8sObject[] = [];
  for (const f of files) for (const o of loadText(f.text, f.path, { json: f.json }).objects) objects.push({ ...o, id: objects.length });
  const inventory = new Inventory(objects);
  const checks = CHECKS.filter((c) => c.category === 'secrets');
  const key = (file: string, doc: number | undefined, kind?: string, ns?: string, name?: string) => `${file}\u0000${doc ?? ''}\u0000${kind ?? ''}\u0000${ns ?? ''}\u0000${name ?? ''}`;
  const byKey = new Map(objects.map((o) => [key(o.source.file, o.source.document, o.kind, o.namespace, o.name), o]));
  const out = new Set<string>();
  for (const f of runChecks(checks, inventory, [], {})) {
    const o = byKey.get(key(f.location.file, f.location.document, f.object?.kind, f.object?.namespace, f.object?.name));
    if (o) leaves(at(o.raw, f.path), out);
  }
  return [...out].filter((v) => v.trim().length >= 4);
}
