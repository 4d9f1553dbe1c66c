/**
 * What an alert's subject can do, from the RBAC model of the files or the live cluster (`audit scan --rbac`): the
 * context Falco's rules lack. The answer is the authorizer's own (`RbacModel.authorize`), asked for each dangerous
 * power cluster-wide and, when not held cluster-wide, in the namespace of the request. Pure: no I/O.
 */
import { ALL_POWERS, READ_WRITE_VERBS, type Power } from '../analysis/rbac/powers.js';
import type { RbacModel } from '../analysis/rbac/model.js';
import type { Request } from '../analysis/rbac/rule.js';
import type { Identity } from '../analysis/rbac/subjects.js';

function anyAllowed(model: RbacModel, who: Identity, power: Power, namespace: string): boolean {
  for (const verb of power.verbs) {
    for (const r of power.resources) {
      const req: Request = { kind: 'resource', verb, group: r.group, resource: r.resource, subresource: r.subresource ?? '', name: '', namespace };
      if (model.authorize(who, req).allowed) return true;
    }
  }
  return false;
}

const everything = (verb: string): Request => ({ kind: 'resource', verb, group: '*', resource: '*', subresource: '', name: '', namespace: '' });

/**
 * The subject's powers as short phrases: `cluster-admin (* on *)`, `read and write every resource`, or each
 * dangerous power with where it holds ("read secrets (cluster-wide)", "create pods (in prod)"); empty when it
 * holds none. Answers are cached per user, groups and namespace.
 */
export function subjectPowers(model: RbacModel, cache: Map<string, string[]> = new Map()) {
  return (user: string, groups: readonly string[], namespace: string | undefined): string[] => {
    const key = `${user}\u0000${[...groups].sort().join(',')}\u0000${namespace ?? ''}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const who: Identity = { user, groups: [...groups] };
    let out: string[];
    const all = model.authorize(who, everything('*'));
    if (all.privilegedGroup) out = ['unrestricted (member of system:masters)'];
    else if (all.allowed) out = ['cluster-admin (* on * cluster-wide)'];
    else if (READ_WRITE_VERBS.every((v) => model.authorize(who, everything(v)).allowed)) out = ['read and write every resource cluster-wide (cluster-admin-equivalent)'];
    else {
      out = [];
      for (const p of ALL_POWERS) {
        if (anyAllowed(model, who, p, '')) out.push(`${p.phrase} (cluster-wide)`);
        else if (namespace && anyAllowed(model, who, p, namespace)) out.push(`${p.phrase} (in ${namespace})`);
      }
    }
    cache.set(key, out);
    return out;
  };
}
