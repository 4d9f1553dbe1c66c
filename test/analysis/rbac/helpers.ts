import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Inventory } from '../../../src/model/inventory.js';
import { loadText, withIds } from '../../../src/sources/manifests.js';
import { rbacModel, type RbacModel } from '../../../src/analysis/rbac/model.js';

export const BOOTSTRAP_DIR = fileURLToPath(new URL('../../fixtures/rbac-bootstrap/', import.meta.url));
export const BOOTSTRAP_FILES = ['cluster-roles.yaml', 'cluster-role-bindings.yaml', 'controller-roles.yaml', 'controller-role-bindings.yaml', 'namespace-roles.yaml', 'namespace-role-bindings.yaml'];

export function inventoryOf(texts: { text: string; file: string }[]): Inventory {
  const objects = texts.flatMap(({ text, file }) => {
    const loaded = loadText(text, file);
    if (loaded.problems.length) throw new Error(`${file}: ${loaded.problems.map((p) => p.message).join('; ')}`);
    return loaded.objects;
  });
  return new Inventory(withIds(objects));
}

export function bootstrapTexts(files = BOOTSTRAP_FILES): { text: string; file: string }[] {
  return files.map((f) => ({ text: readFileSync(BOOTSTRAP_DIR + f, 'utf8'), file: f }));
}

export function modelOf(...yaml: string[]): RbacModel {
  return rbacModel(inventoryOf(yaml.map((text, i) => ({ text, file: `case-${i}.yaml` }))));
}

export function bootstrapModel(extra: string[] = []): RbacModel {
  return rbacModel(inventoryOf([...bootstrapTexts(), ...extra.map((text, i) => ({ text, file: `extra-${i}.yaml` }))]));
}
