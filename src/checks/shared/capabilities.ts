import { asArray, asRecord } from '../../model/object.js';
import type { ContainerRef } from '../../model/containers.js';

/** The capability a spelling means: "cap_net_raw", "CAP_NET_RAW" and "net_raw" are all NET_RAW. */
export function capabilityName(cap: string): string {
  const upper = cap.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

/** One entry of `capabilities.add` or `capabilities.drop`, with its index and normalised name. */
export interface CapabilityEntry {
  index: number;
  written: string;
  name: string;
}

/** The string entries of the container's `securityContext.capabilities.<list>` (capabilities are container-only). */
export function capabilityList(c: ContainerRef, list: 'add' | 'drop'): CapabilityEntry[] {
  const caps = asRecord(asRecord(c.container.securityContext)?.capabilities);
  const out: CapabilityEntry[] = [];
  asArray(caps?.[list]).forEach((v, index) => {
    if (typeof v === 'string') out.push({ index, written: v, name: capabilityName(v) });
  });
  return out;
}
