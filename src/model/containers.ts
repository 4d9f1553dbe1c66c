import { asArray, asRecord, isRecord, type JsonObject } from './object.js';
import type { PodSpecRef } from './pod-specs.js';

export type ContainerRole = 'init' | 'app' | 'ephemeral';

const LISTS: [ContainerRole, string][] = [
  ['init', 'initContainers'],
  ['app', 'containers'],
  ['ephemeral', 'ephemeralContainers'],
];

/** A security-context value with the field that set it (container or pod level). */
export interface EffectiveValue {
  value: unknown;
  /** JSON pointer inside the object of the field that decided the value. */
  path: string;
  from: 'container' | 'pod';
}

/** One container of a pod spec, with its pod context and its effective security context. */
export interface ContainerRef {
  role: ContainerRole;
  /** Index in its list (containers, initContainers or ephemeralContainers). */
  index: number;
  name: string;
  container: JsonObject;
  /** JSON pointer of the container inside the object. */
  path: string;
  pod: PodSpecRef;
  /**
   * The security-context field as the kubelet decides it: the container's own value, else the
   * pod-level value for the fields a pod securityContext provides (runAsUser, runAsGroup,
   * runAsNonRoot, seLinuxOptions, seccompProfile, appArmorProfile, windowsOptions/*).
   * `field` is a pointer inside securityContext without the leading slash, e.g. "runAsNonRoot",
   * "seccompProfile/type", "windowsOptions/hostProcess".
   */
  effective(field: string): EffectiveValue | undefined;
}

/** Fields a pod securityContext provides to its containers. */
const INHERITED = new Set(['runAsUser', 'runAsGroup', 'runAsNonRoot', 'seLinuxOptions', 'seccompProfile', 'appArmorProfile', 'windowsOptions']);
/** Struct fields the container overrides as a whole (the kubelet copies the whole struct). */
const WHOLE_STRUCT = new Set(['seLinuxOptions', 'seccompProfile', 'appArmorProfile']);

function dig(root: unknown, segs: string[]): unknown {
  let v = root;
  for (const s of segs) {
    if (!isRecord(v)) return undefined;
    v = v[s];
  }
  return v;
}

function makeEffective(container: JsonObject, path: string, pod: PodSpecRef) {
  return (field: string): EffectiveValue | undefined => {
    const segs = field.split('/');
    const top = segs[0]!;
    const csc = container.securityContext;
    const own = dig(csc, segs);
    if (own !== undefined && own !== null) return { value: own, path: `${path}/securityContext/${field}`, from: 'container' };
    if (!INHERITED.has(top)) return undefined;
    // A container struct that is set at all replaces the pod's struct entirely.
    if (WHOLE_STRUCT.has(top) && segs.length > 1 && isRecord(asRecord(csc)?.[top])) return undefined;
    const podValue = dig(pod.spec.securityContext, segs);
    if (podValue !== undefined && podValue !== null) return { value: podValue, path: `${pod.path}/securityContext/${field}`, from: 'pod' };
    return undefined;
  };
}

/** Every container of a pod spec: init, app and ephemeral alike. Non-map entries are skipped. */
export function containersOf(pod: PodSpecRef): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const [role, key] of LISTS) {
    asArray(pod.spec[key]).forEach((c, index) => {
      if (!isRecord(c)) return;
      const path = `${pod.path}/${key}/${index}`;
      out.push({
        role,
        index,
        name: typeof c.name === 'string' ? c.name : `#${index}`,
        container: c,
        path,
        pod,
        effective: makeEffective(c, path, pod),
      });
    });
  }
  return out;
}
