import { displayBinding } from './bindings.js';
import type { Grant } from './grants.js';
import type { RbacModel } from './model.js';
import { ALL_POWERS, fullPower, fullPowerPhrase, isClusterAdminRule, rulePower, type Power, type PowerMatch } from './powers.js';
import type { RoleInfo } from './roles.js';
import { serviceAccountIdentity, subjectApplies, type Identity } from './subjects.js';

export interface HeldPower {
  /** Undefined for "* on *" (cluster-admin's rules). */
  power?: Power;
  /** "read secrets", "do anything (* on *)". */
  phrase: string;
  /** "in every namespace through ClusterRoleBinding x → ClusterRole y": the first grant that gives it. */
  via: string;
}

export interface TokenPowers {
  /** Every dangerous power the account holds for any object name; only the "* on *" one when it holds that cluster-wide. */
  powers: HeldPower[];
  /** Powers held only through rules limited by resourceNames (to the named objects): not in `powers`. */
  limited: HeldPower[];
  /** Holds * on * (or its read-and-write equivalent) in every namespace (through a ClusterRoleBinding). */
  admin: boolean;
}

const isOpen = (m: PowerMatch | undefined): boolean => m !== undefined && m.onlyNames === undefined;

const roleTitle = (r: RoleInfo) => (r.namespace ? `Role ${r.namespace}/${r.name}` : `ClusterRole ${r.name}`);

/** "in every namespace through ClusterRoleBinding x → ClusterRole y". */
export function grantVia(g: Grant): string {
  return `${g.namespace ? `in ${g.namespace}` : 'in every namespace'} through ${displayBinding(g.binding)} → ${roleTitle(g.role)}`;
}

const caches = new WeakMap<RbacModel, Map<string, TokenPowers>>();

/**
 * The dangerous powers (POWERS) a service account's token carries, through every binding of the
 * model (ClusterRoleBindings, RoleBindings in any namespace; aggregation and resourceNames applied),
 * counting the account's implicit groups. Cached per model and account.
 */
export function serviceAccountPowers(model: RbacModel, namespace: string, name: string): TokenPowers {
  let cache = caches.get(model);
  if (!cache) caches.set(model, (cache = new Map()));
  const key = `${namespace}/${name}`;
  let held = cache.get(key);
  if (held) return held;
  const who = serviceAccountIdentity(namespace, name);
  const grants = model.grantsFor(who, '*');
  const defaults = defaultClusterAdmin(model, who);
  const admins = grants.filter((g) => g.namespace === undefined && isClusterAdminRule(g.ref.rule));
  // A `*` rule before a read-and-write one: the stronger phrase when both are held.
  const admin = admins.find((g) => fullPower(g.ref.rule) === 'wildcard') ?? admins[0];
  const adminVia = admin ? grantVia(admin) : defaults.find((d) => d.namespace === undefined)?.via;
  const limited: HeldPower[] = [];
  const powers: HeldPower[] = adminVia ? [{ phrase: fullPowerPhrase(admin ? fullPower(admin.ref.rule)! : 'wildcard'), via: adminVia }] : [];
  if (!adminVia) {
    // A RoleBinding to the default cluster-admin: everything in that namespace.
    for (const d of defaults) powers.push({ phrase: 'do anything (* on *)', via: d.via });
    // A RoleBinding to a full-power role: everything in that namespace, said once (not power by power).
    const full = new Set<string>();
    for (const g of grants) {
      const kind = fullPower(g.ref.rule);
      if (!kind || full.has(g.namespace!)) continue;
      full.add(g.namespace!);
      powers.push({ phrase: fullPowerPhrase(kind), via: grantVia(g) });
    }
    for (const p of ALL_POWERS) {
      // A rule limited by resourceNames reaches only those objects: `get secrets` on two named secrets
      // does not "read secrets" (see `limited`); the escalation graph follows the named objects themselves.
      const open = grants.find((x) => !(x.namespace !== undefined && full.has(x.namespace)) && isOpen(rulePower(x.ref.rule, p)));
      if (open) powers.push({ power: p, phrase: p.phrase, via: grantVia(open) });
      else {
        const named = grants.find((x) => rulePower(x.ref.rule, p)?.onlyNames);
        if (named) limited.push({ power: p, phrase: `${p.phrase} (only ${rulePower(named.ref.rule, p)!.onlyNames!.join(', ')})`, via: grantVia(named) });
      }
    }
  }
  cache.set(key, (held = { powers, limited, admin: adminVia !== undefined }));
  return held;
}

/**
 * Bindings of the identity to ClusterRole cluster-admin when the input lacks that role: the API
 * server creates (and reconciles at every start) cluster-admin with * on * and every non-resource
 * URL, so such a binding grants that, though the model resolves no rules for it.
 */
const defaultAdminBindings = new WeakMap<RbacModel, RbacModel['bindings']>();

function defaultClusterAdmin(model: RbacModel, who: Identity): { namespace?: string; via: string }[] {
  const out: { namespace?: string; via: string }[] = [];
  // The bindings to the default cluster-admin, found once per model (not once per service account).
  let bindings = defaultAdminBindings.get(model);
  if (!bindings) {
    bindings = model.bindings.filter((b) => b.unresolved?.reason === 'default-not-in-inventory' && b.roleRef.kind === 'ClusterRole' && b.roleRef.name === 'cluster-admin');
    defaultAdminBindings.set(model, bindings);
  }
  for (const b of bindings) {
    if (!b.subjects.some((s) => subjectApplies(s, who))) continue;
    const via = `${b.namespace ? `in ${b.namespace}` : 'in every namespace'} through ${displayBinding(b)} → ClusterRole cluster-admin (a default role)`;
    out.push(b.namespace === undefined ? { via } : { namespace: b.namespace, via });
  }
  return out;
}
