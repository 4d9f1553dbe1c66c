import type { Inventory } from '../../model/inventory.js';
import { aggregate, type Aggregation } from './aggregation.js';
import { readBindings, type BindingInfo } from './bindings.js';
import { grantApplies, grantsOf, type Grant } from './grants.js';
import { readRoles, type RoleInfo } from './roles.js';
import type { Request } from './rule.js';
import { RuleIndex } from './rule-index.js';
import { identityKeys, MASTERS, subjectApplies, subjectKey, type Identity } from './subjects.js';

export interface Decision {
  allowed: boolean;
  /** Every grant that allows the request (empty when denied, or allowed only as system:masters). */
  grants: Grant[];
  /** Allowed because the identity is in system:masters, which the API server always allows. */
  privilegedGroup?: boolean;
}

/**
 * The RBAC policy of an inventory: roles with aggregation applied, bindings resolved, indexes by
 * subject and by role. Pure; built once per inventory (see rbacModel).
 */
export class RbacModel {
  /** The roles the cluster holds, by key (of objects with the same kind, namespace and name, the last). */
  readonly roles: Map<string, RoleInfo>;
  /** Every Role and ClusterRole object, duplicates included (checks report on each). */
  readonly allRoles: RoleInfo[];
  /** The bindings the cluster holds (of duplicates, the last), which every answer is computed from. */
  readonly bindings: BindingInfo[];
  /** Every binding object, duplicates included (checks report on each). */
  readonly allBindings: BindingInfo[];
  private bySubject = new Map<string, BindingInfo[]>();
  private byRole = new Map<string, BindingInfo[]>();
  private index?: RuleIndex;
  private readonly aggregation: Aggregation;
  private into = new Map<string, RoleInfo[]>();
  private position?: Map<RoleInfo, number>;

  constructor(readonly inventory: Inventory) {
    const { roles, all } = readRoles(inventory.objects);
    this.roles = roles;
    this.allRoles = all;
    this.aggregation = aggregate(this.roles);
    this.allBindings = readBindings(inventory.objects, this.roles);
    const last = new Map<string, BindingInfo>();
    for (const b of this.allBindings) last.set(`${b.kind}\u0000${b.namespace ?? ''}\u0000${b.name}`, b);
    this.bindings = this.allBindings.filter((b) => last.get(`${b.kind}\u0000${b.namespace ?? ''}\u0000${b.name}`) === b);
    for (const b of this.bindings) {
      if (b.role) push(this.byRole, b.role.key, b);
      const keys = new Set<string>();
      for (const s of b.subjects) {
        const k = subjectKey(s);
        if (k && !keys.has(k)) (keys.add(k), push(this.bySubject, k, b));
      }
    }
  }

  /** Bindings whose roleRef resolves to the role. */
  bindingsOf(role: RoleInfo): readonly BindingInfo[] {
    return this.byRole.get(role.key) ?? [];
  }

  /**
   * Every rule granted to the identity: through ClusterRoleBindings, and through RoleBindings in
   * `namespace` (every namespace when "*"; none when undefined).
   */
  grantsFor(who: Identity, namespace: string | '*' | undefined): Grant[] {
    const out: Grant[] = [];
    const seen = new Set<BindingInfo>();
    for (const key of identityKeys(who)) {
      for (const b of this.bySubject.get(key) ?? []) {
        if (seen.has(b)) continue;
        seen.add(b);
        if (b.namespace !== undefined && namespace !== '*' && b.namespace !== namespace) continue;
        // One subject per binding is enough evidence: the first that applies.
        const s = b.subjects.find((x) => subjectApplies(x, who));
        if (s) out.push(...grantsOf(b, s));
      }
    }
    return out;
  }

  /** The RBAC authorizer's decision, with every grant that allows it. */
  authorize(who: Identity, req: Request): Decision {
    const ns = req.kind === 'resource' && req.namespace ? req.namespace : undefined;
    const grants = this.grantsFor(who, ns).filter((g) => grantApplies(g, req));
    const d: Decision = { allowed: grants.length > 0, grants };
    if (who.groups.includes(MASTERS)) (d.allowed = true, (d.privilegedGroup = true));
    return d;
  }

  /** The aggregated ClusterRoles that hold a ClusterRole's rules (by aggregation, transitively). */
  aggregatedInto(role: RoleInfo): readonly RoleInfo[] {
    if (role.kind !== 'ClusterRole') return [];
    let list = this.into.get(role.name);
    if (!list) {
      if (!this.position) {
        const position = new Map<RoleInfo, number>();
        for (const r of this.roles.values()) position.set(r, position.size);
        this.position = position;
      }
      const position = this.position;
      this.into.set(role.name, (list = this.aggregation.holders(role.name, (r) => position.get(r)!)));
    }
    return list;
  }

  /** The rule index for who-can, built on first use. */
  ruleIndex(): RuleIndex {
    this.index ??= new RuleIndex(this.roles.values());
    return this.index;
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

const models = new WeakMap<Inventory, RbacModel>();

/** The RBAC model of an inventory, built once and shared by every check and command. */
export function rbacModel(inventory: Inventory): RbacModel {
  let m = models.get(inventory);
  if (!m) models.set(inventory, (m = new RbacModel(inventory)));
  return m;
}
