import type { Check } from '../checks/define.js';

/** What policy needs of a check: its id and other tools' ids (manifest checks and image rules alike). */
export type NamedCheck = Pick<Check, 'id' | 'aliases'>;

/** Finding check ids that come from the engine itself rather than from a check file. */
export const ENGINE_CHECK_IDS: readonly string[] = ['internal-error'];

/**
 * Turns what a user wrote (a kubeward check id, an old id, or another tool's id such as Kubescape's
 * "C-0057" or Trivy's "KSV017") into kubeward check ids. Case-insensitive. One alias may stand for
 * several kubeward checks.
 */
export interface CheckResolver {
  /** Canonical ids, or undefined when the name is not known. */
  resolve(idOrAlias: string): readonly string[] | undefined;
  /** False when built without any checks: then every name is taken literally. */
  readonly knowsChecks: boolean;
}

/** Per list of checks (the registry is one constant list): built once, not on every policy call (the webhook calls it per request). */
const resolvers = new WeakMap<readonly NamedCheck[], CheckResolver>();
const names = new WeakMap<readonly NamedCheck[], string[]>();

export function checkResolver(checks: readonly NamedCheck[]): CheckResolver {
  let r = resolvers.get(checks);
  if (!r) resolvers.set(checks, (r = buildResolver(checks)));
  return r;
}

function buildResolver(checks: readonly NamedCheck[]): CheckResolver {
  const byName = new Map<string, string[]>();
  const add = (name: string, id: string) => {
    const key = name.trim().toLowerCase();
    const ids = byName.get(key);
    if (!ids) byName.set(key, [id]);
    else if (!ids.includes(id)) ids.push(id);
  };
  for (const id of ENGINE_CHECK_IDS) add(id, id);
  // Canonical ids first, so an alias that collides with an id never hides the id.
  for (const c of checks) add(c.id, c.id);
  const canonical = new Set(byName.keys());
  for (const c of checks) {
    for (const list of Object.values(c.aliases ?? {})) {
      for (const alias of list ?? []) if (!canonical.has(alias.trim().toLowerCase())) add(alias, c.id);
    }
  }
  return {
    knowsChecks: checks.length > 0,
    resolve(idOrAlias) {
      return byName.get(idOrAlias.trim().toLowerCase());
    },
  };
}

/** All names a user may write for checks: ids and aliases (for "did you mean" hints). */
export function checkNames(checks: readonly NamedCheck[]): string[] {
  let list = names.get(checks);
  if (!list) names.set(checks, (list = listNames(checks)));
  return list;
}

function listNames(checks: readonly NamedCheck[]): string[] {
  const names: string[] = [];
  for (const c of checks) {
    names.push(c.id);
    for (const list of Object.values(c.aliases ?? {})) names.push(...(list ?? []));
  }
  return names;
}
