import type { Finding, ObjectRef, Severity } from '../../model/finding.js';
import { fingerprint } from '../../model/fingerprint.js';
import { containersOf, type ContainerRole } from '../../model/containers.js';
import type { Inventory } from '../../model/inventory.js';
import { locate, type K8sObject } from '../../model/object.js';
import type { VulnMatch, VulnSeverity } from '../../vuln/types.js';
import { WORKLOAD_IMAGE_RULES, type WorkloadImageRuleId } from './workload-rules.js';

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
  /** Image config findings (IMAGE_RULES), as scanImage located them in the image. */
  configFindings?: Finding[];
  vulnerabilities?: VulnMatch[];
  signature?: { allowed: boolean; reason: string };
}

function objectRef(o: K8sObject): ObjectRef {
  const r: ObjectRef = { apiVersion: o.apiVersion, kind: o.kind, name: o.name };
  if (o.namespace !== undefined) r.namespace = o.namespace;
  return r;
}

const VULN_SEVERITY: Record<VulnSeverity, Severity> = { critical: 'critical', high: 'high', medium: 'medium', low: 'low', unknown: 'low' };

function ruleFinding(id: WorkloadImageRuleId, use: ImageUse, message: string, extra: { severity?: Severity; evidence?: Finding['evidence']; key?: string } = {}): Finding {
  const r = WORKLOAD_IMAGE_RULES[id];
  const ref = objectRef(use.object);
  const f: Finding = {
    checkId: r.id,
    severity: extra.severity ?? r.severity,
    title: r.title,
    message,
    category: 'images',
    object: ref,
    location: locate(use.object, use.path),
    path: use.path,
    remediation: r.remediation,
    frameworks: r.frameworks,
    // The vulnerability and package are part of the identity: one image field carries many.
    fingerprint: fingerprint(r.id, ref, extra.key ? `${use.path}#${extra.key}` : use.path),
  };
  if (extra.evidence) f.evidence = extra.evidence;
  return f;
}

/** Where in the image a config finding is: "(/etc/shadow)" for a file (located "REF!/etc/shadow"), "(/config/User)". */
function where(f: Finding): string {
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

/**
 * The findings of one image on every workload field that uses it: image config findings (their own ids, moved to
 * the workload's image field, the image's own location kept in the message), one image-vulnerability per match,
 * image-not-scanned when it could not be read, image-not-signed when the signature policy refused it. Pure.
 */
export function imageFindings(outcome: ImageOutcome, uses: readonly ImageUse[]): Finding[] {
  const out: Finding[] = [];
  for (const use of uses) {
    const at = `container "${use.container}" image ${use.image}`;
    if (outcome.signature && !outcome.signature.allowed) {
      out.push(ruleFinding('image-not-signed', use, `${at}: ${outcome.signature.reason}`, { evidence: { found: outcome.signature.reason, expected: 'a valid signature by the --require-signed key' } }));
    }
    if (outcome.error !== undefined) {
      out.push(ruleFinding('image-not-scanned', use, `${at} was not scanned: ${outcome.error}`, { evidence: { found: outcome.error } }));
      continue;
    }
    for (const f of outcome.configFindings ?? []) {
      const ref = objectRef(use.object);
      const g: Finding = {
        ...f,
        message: `${at}: ${f.message}${where(f)}`,
        object: ref,
        location: locate(use.object, use.path),
        path: use.path,
        fingerprint: fingerprint(f.checkId, ref, `${use.path}#${f.path}`),
      };
      out.push(g);
    }
    for (const m of outcome.vulnerabilities ?? []) {
      const evidence: Finding['evidence'] = { found: `${m.id} ${m.package.name}@${m.package.version}` };
      if (m.fixedIn !== undefined) evidence.expected = `${m.package.name} >= ${m.fixedIn}`;
      out.push(ruleFinding('image-vulnerability', use, `${at}: ${vulnMessage(m)}`, {
        severity: VULN_SEVERITY[m.severity],
        evidence,
        key: `${m.id}|${m.package.purl}|${m.package.location.path}`,
      }));
    }
  }
  return out;
}
