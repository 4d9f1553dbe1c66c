/** Where a pod spec takes in Secrets: secret and projected volumes, env secretKeyRef, envFrom secretRef. */
import { containersOf } from '../../model/containers.js';
import { asArray, asRecord } from '../../model/object.js';
import type { PodSpecRef } from '../../model/pod-specs.js';

export interface SecretUse {
  secret: string;
  /** Absolute JSON pointer of the reference inside the object. */
  path: string;
  /** The keys taken (a volume's `items`, a secretKeyRef's `key`); absent: every key (a whole volume, envFrom). */
  keys?: string[];
  /** The pod volume's name, for a secret or projected volume. */
  volume?: string;
}

/** The keys of a volume's `items` list, when it has one. */
function itemKeys(items: unknown): string[] | undefined {
  const list = asArray(items).map((i) => asRecord(i)?.key).filter((k): k is string => typeof k === 'string');
  return Array.isArray(items) ? list : undefined;
}
const withKeys = (use: SecretUse, keys: string[] | undefined): SecretUse => (keys ? { ...use, keys } : use);

export function secretsHeld(pod: PodSpecRef): SecretUse[] {
  const out: SecretUse[] = [];
  asArray(pod.spec.volumes).forEach((v, i) => {
    const vol = asRecord(v);
    const s = asRecord(vol?.secret);
    const volume = typeof vol?.name === 'string' ? { volume: vol.name } : {};
    if (s) out.push(withKeys({ secret: String(s.secretName ?? '?'), path: `${pod.path}/volumes/${i}/secret`, ...volume }, itemKeys(s.items)));
    asArray(asRecord(vol?.projected)?.sources).forEach((src, j) => {
      const ps = asRecord(asRecord(src)?.secret);
      if (ps) out.push(withKeys({ secret: String(ps.name ?? '?'), path: `${pod.path}/volumes/${i}/projected/sources/${j}/secret`, ...volume }, itemKeys(ps.items)));
    });
  });
  for (const c of containersOf(pod)) {
    asArray(c.container.env).forEach((e, i) => {
      const ref = asRecord(asRecord(asRecord(e)?.valueFrom)?.secretKeyRef);
      if (ref) out.push(withKeys({ secret: String(ref.name ?? '?'), path: `${c.path}/env/${i}/valueFrom/secretKeyRef` }, typeof ref.key === 'string' ? [ref.key] : undefined));
    });
    asArray(c.container.envFrom).forEach((e, i) => {
      const ref = asRecord(asRecord(e)?.secretRef);
      if (ref) out.push({ secret: String(ref.name ?? '?'), path: `${c.path}/envFrom/${i}/secretRef` });
    });
  }
  return out;
}
