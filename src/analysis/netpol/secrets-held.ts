/** Where a pod spec takes in Secrets: secret and projected volumes, env secretKeyRef, envFrom secretRef. */
import { containersOf } from '../../model/containers.js';
import { asArray, asRecord } from '../../model/object.js';
import type { PodSpecRef } from '../../model/pod-specs.js';

export interface SecretUse {
  secret: string;
  /** Absolute JSON pointer of the reference inside the object. */
  path: string;
}

export function secretsHeld(pod: PodSpecRef): SecretUse[] {
  const out: SecretUse[] = [];
  asArray(pod.spec.volumes).forEach((v, i) => {
    const vol = asRecord(v);
    const s = asRecord(vol?.secret);
    if (s) out.push({ secret: String(s.secretName ?? '?'), path: `${pod.path}/volumes/${i}/secret` });
    asArray(asRecord(vol?.projected)?.sources).forEach((src, j) => {
      const ps = asRecord(asRecord(src)?.secret);
      if (ps) out.push({ secret: String(ps.name ?? '?'), path: `${pod.path}/volumes/${i}/projected/sources/${j}/secret` });
    });
  });
  for (const c of containersOf(pod)) {
    asArray(c.container.env).forEach((e, i) => {
      const ref = asRecord(asRecord(asRecord(e)?.valueFrom)?.secretKeyRef);
      if (ref) out.push({ secret: String(ref.name ?? '?'), path: `${c.path}/env/${i}/valueFrom/secretKeyRef` });
    });
    asArray(c.container.envFrom).forEach((e, i) => {
      const ref = asRecord(asRecord(e)?.secretRef);
      if (ref) out.push({ secret: String(ref.name ?? '?'), path: `${c.path}/envFrom/${i}/secretRef` });
    });
  }
  return out;
}
