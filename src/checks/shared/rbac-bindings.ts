import type { BindingInfo } from '../../analysis/rbac/bindings.js';
import { isBootstrapDefault } from '../../analysis/rbac/defaults.js';
import { rbacModel } from '../../analysis/rbac/model.js';
import type { Inventory } from '../../model/inventory.js';

/** Binding objects a user wrote (the API server's own defaults left out), duplicates included. */
export function userBindings(inventory: Inventory): BindingInfo[] {
  return rbacModel(inventory).allBindings.filter((b) => !isBootstrapDefault(b.object.labels));
}

export function roleRefText(b: BindingInfo): string {
  return b.roleRef.kind === 'Role' ? `Role ${b.namespace ?? ''}/${b.roleRef.name}` : `${b.roleRef.kind || 'role'} ${b.roleRef.name}`;
}

export function scopeText(b: BindingInfo): string {
  return b.namespace ? `in namespace ${b.namespace}` : 'in every namespace';
}
