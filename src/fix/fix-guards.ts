// Fixes that would break a workload are left out, with the reason: a pure judgement over the whole inventory.
import type { Check } from '../checks/define.js';
import { rbacModel } from '../analysis/rbac/model.js';
import { serviceAccountTokenUse } from '../analysis/rbac/token-use.js';
import { workloadServiceAccount } from '../analysis/rbac/workload-sa.js';
import type { Inventory } from '../model/inventory.js';
import { displayName, type K8sObject } from '../model/object.js';
import { podSpecsOf } from '../model/pod-specs.js';
import { containersOf } from '../model/containers.js';

/** Images known (from their config, read with `fix --images`) to run as root: the reference as written → why. */
export type RootImages = ReadonlyMap<string, string>;

const asObj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/**
 * `runAsNonRoot: true` on a container whose image runs as root, with no non-zero runAsUser to override it: the
 * kubelet refuses to start the container (CreateContainerConfigError). Left to a person, with the reason.
 */
function rootImageBlocksNonRoot(object: K8sObject, rootImages: RootImages): string | undefined {
  for (const pod of podSpecsOf(object)) {
    const podUser = asObj(pod.spec.securityContext)?.runAsUser;
    for (const c of containersOf(pod)) {
      const image = typeof c.container.image === 'string' ? c.container.image.trim() : undefined;
      const why = image !== undefined ? rootImages.get(image) : undefined;
      if (why === undefined) continue;
      const user = asObj(c.container.securityContext)?.runAsUser ?? podUser;
      if (typeof user === 'number' && user > 0) continue;
      return `${displayName(object)} left as is: container "${c.name}" runs image ${image}, which runs as root (${why}): with runAsNonRoot: true the kubelet would refuse to start it; rebuild the image with a non-root USER, or set runAsUser to a non-root uid it supports, then set runAsNonRoot: true`;
    }
  }
  return undefined;
}

/**
 * Why `check`'s fix must not be applied to `object`, or undefined. A container whose image is known to run as
 * root is not given `runAsNonRoot: true` (it would not start). And a pod spec whose ServiceAccount is bound to RBAC
 * it uses (serviceAccountTokenUse: a binding among the scanned objects names the account and grants it something
 * beyond what every identity holds) keeps its token: it calls the API, and turning the token off would break it —
 * the same judgement that makes automount-service-account-token an info finding there.
 */
export function fixLeftAsIs(check: Check, object: K8sObject, inventory: Inventory, rootImages?: RootImages): string | undefined {
  if (check.id === 'run-as-non-root') return rootImages?.size ? rootImageBlocksNonRoot(object, rootImages) : undefined;
  if (check.id !== 'automount-service-account-token') return undefined;
  for (const pod of podSpecsOf(object)) {
    if (pod.spec.automountServiceAccountToken === false) continue;
    const sa = workloadServiceAccount(inventory, pod);
    const use = serviceAccountTokenUse(rbacModel(inventory), sa.namespace, sa.name);
    if (!use) continue;
    const explicit = pod.spec.automountServiceAccountToken === true ? 'it sets automountServiceAccountToken: true and ' : '';
    return `${displayName(object)} left as is: ${explicit}ServiceAccount ${sa.namespace}/${sa.name} holds RBAC permissions (through ${use.via}), so it likely calls the API; set automountServiceAccountToken: false by hand if it does not`;
  }
  return undefined;
}
