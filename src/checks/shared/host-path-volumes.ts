import { asArray, asRecord } from '../../model/object.js';
import type { PodSpecRef } from '../../model/pod-specs.js';
import { normaliseHostPath } from './host-paths.js';

/** A hostPath volume of a pod spec with its path as written and normalised. */
export interface HostPathVolume {
  index: number;
  name: string;
  written: string;
  /** Normalised (see normaliseHostPath); undefined for a relative path. */
  path: string | undefined;
}

/** Every hostPath volume with a string path (others are not hostPath volumes the kubelet would mount). */
export function hostPathVolumes(pod: PodSpecRef): HostPathVolume[] {
  const out: HostPathVolume[] = [];
  asArray(pod.spec.volumes).forEach((v, index) => {
    const volume = asRecord(v);
    const written = asRecord(volume?.hostPath)?.path;
    if (!volume || typeof written !== 'string') return;
    out.push({ index, name: typeof volume.name === 'string' ? volume.name : `#${index}`, written, path: normaliseHostPath(written) });
  });
  return out;
}
