import type { Finding } from '../../model/finding.js';
import { containersOf, type ContainerRole } from '../../model/containers.js';
import type { Inventory } from '../../model/inventory.js';
import type { K8sObject } from '../../model/object.js';
import type { VulnMatch } from '../../vuln/types.js';

/** One container's `image` field: where a workload uses an image. */
export interface ImageUse {
  /** The field's value, trimmed. */
  image: string;
  object: K8sObject;
  /** JSON pointer of the `image` field inside the object. */
  path: string;
  container: string;
  role: ContainerRole;
}

/** Every container image field of every pod spec (init, app, ephemeral), in inventory order. Pure. */
export function imageUses(inventory: Inventory): ImageUse[] {
  const out: ImageUse[] = [];
  for (const pod of inventory.podSpecs()) {
    for (const c of containersOf(pod)) {
      const v = c.container.image;
      if (typeof v !== 'string' || v.trim() === '') continue;
      out.push({ image: v.trim(), object: pod.object, path: `${c.path}/image`, container: c.name, role: c.role });
    }
  }
  return out;
}

/** Group items (image uses by canonical reference, references by digest) by a key, keeping first-seen order. */
export function groupUses<T, K>(uses: readonly T[], key: (u: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const u of uses) {
    const k = key(u);
    const list = m.get(k);
    if (list) list.push(u);
    else m.set(k, [u]);
  }
  return m;
}

/** What reading one image gave: config findings and vulnerabilities, or why it was not read; and the signature verdict. */
export interface ImageOutcome {
  /** The canonical reference (registry/repo:tag[@digest]). */
  reference: string;
  error?: string;
  /** The error is an integrity failure (digest or size mismatch, a truncated or unreadable layer). */
  integrity?: boolean;
  /** Image rule findings (subject `image`), as they were located in the image. */
  configFindings?: Finding[];
  vulnerabilities?: VulnMatch[];
  signature?: { allowed: boolean; reason: string };
}

/** `container "app" image nginx:1.27`: how findings on a use name it. */
export function useLabel(use: ImageUse): string {
  return `container "${use.container}" image ${use.image}`;
}

/** Where in the image a config finding is: "(/etc/shadow)" for a file (located "REF!/etc/shadow"), "(/config/User)". */
export function whereInImage(f: Finding): string {
  const bang = f.location.file.indexOf('!');
  const file = bang === -1 ? '' : f.location.file.slice(bang + 1);
  const parts = [file ? `${file}${f.location.line > 1 ? `:${f.location.line}` : ''}` : '', f.path].filter(Boolean);
  return parts.length ? ` (${parts.join(' ')})` : '';
}

/** A vulnerability as one line: "CVE-2019-8457 in sqlite-libs 3.26.0-r3 (fixed in 3.28.0-r0)". */
export function vulnMessage(m: VulnMatch): string {
  const fix = m.fixedIn !== undefined ? `fixed in ${m.fixedIn}` : 'no fix yet';
  return `${m.id} in ${m.package.name} ${m.package.version} (${fix})${m.summary ? `: ${m.summary}` : ''}`;
}
