import { existsSync } from 'node:fs';
import { defaultDbPath } from '../vuln/db/sqlite-store.js';
import type { Finding } from '../model/finding.js';
import type { Inventory } from '../model/inventory.js';
import { groupUses, imageUses, type ImageOutcome, type ImageUse } from '../analysis/image/workload-images.js';
import { CHECKS } from '../checks/index.js';
import { imageFindings, inImageRuleOrder } from './run-image-rules.js';
import { parsePlatform } from '../sources/image/manifest.js';
import { formatImageRef, parseImageRef } from '../sources/image/reference.js';
import { isLoopbackHost } from '../sources/image/registry-auth.js';
import { RegistryClient, type RegistryRef } from '../sources/image/registry-source.js';
import { scanImage, type ImageScanResult, type ScanImageOptions } from './scan-image.js';
import type { RequireSignedHook } from '../sources/image/signature/require-signed.js';
import type { VulnMatch } from '../vuln/types.js';
import { ImageIntegrityError } from '../sources/image/types.js';
import type { ReportCheck } from '../report/report.js';
import { reportCheck } from './build-report.js';
import { RequestError } from './errors.js';
import type { ImagesRequest } from './request.js';
import { requireSignedHook } from './signatures.js';
import { noDbReason, vulnReportIfDb } from './vulnerabilities.js';

export interface WorkloadImageOptions {
  insecureRegistries?: string[];
  platform?: string;
  db: string;
  dbExplicit: boolean;
  /** --require-signed: the public key file. */
  requireSigned?: string;
  /** Images read at once (default 4). */
  concurrency?: number;
}

/** One image of the scan, read once however many workloads use it. */
export interface ScannedImage {
  reference: string;
  uses: ImageUse[];
  result?: ImageScanResult;
  error?: string;
  /** The image failed an integrity check (digest, size, truncated or unreadable layer). */
  integrity?: boolean;
  vulnerabilities?: VulnMatch[];
  /** Set when the advisory database was not there (vulnerabilities not checked). */
  vulnSkipped?: string;
  signature?: { allowed: boolean; reason: string };
}

export interface WorkloadImagesResult {
  images: ScannedImage[];
  /** Whether packages were matched (the advisory database was there) and signatures checked. */
  evaluated: { vulnerabilities: boolean; signatures: boolean };
  findings: Finding[];
  warnings: string[];
}

/** Validate --insecure-registry and --platform before anything is read (usage errors, exit 2). */
export function checkImageOptions(o: WorkloadImageOptions): ScanImageOptions {
  for (const h of o.insecureRegistries ?? []) {
    if (!isLoopbackHost(h)) throw new RequestError(`--insecure-registry allows plain http only for loopback registries (127.0.0.1, ::1, localhost), not ${h}`);
  }
  const opts: ScanImageOptions = {};
  if (o.platform) {
    try {
      opts.platform = parsePlatform(o.platform);
    } catch (err) {
      throw new RequestError(`--platform: ${(err as Error).message}`);
    }
  }
  return opts;
}

/** The reference an image field names, canonical (docker.io/library/nginx:latest), or the parse error. */
export function canonical(image: string): { ref: string; registry?: string } | { error: string; raw: string } {
  try {
    const r = parseImageRef(image);
    if (r.kind !== 'registry') return { error: `"${image}" is not a registry reference (manifests name registry images)`, raw: image };
    return { ref: formatImageRef(r), registry: r.registry };
  } catch (err) {
    return { error: (err as Error).message, raw: image };
  }
}

/** Run `fn` over `items`, at most `limit` at once, results in input order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/**
 * `scan --images`: resolve each distinct reference the manifests name to its manifest digest, read each distinct
 * digest once (concurrency-limited; tags and repositories naming one image share the read), match its packages
 * against the advisory database (once per digest), check signatures with --require-signed, and turn
 * it all into findings on every workload field that names the image. An image that cannot be read is one
 * image-not-scanned finding per use; nothing here throws for a bad image.
 */
export async function scanWorkloadImages(inventory: Inventory, o: WorkloadImageOptions): Promise<WorkloadImagesResult> {
  const base = checkImageOptions(o);
  const insecure = new Set((o.insecureRegistries ?? []).map((h) => h.toLowerCase()));
  const hooks: { secure?: RequireSignedHook; insecure?: RequireSignedHook } = {};
  if (o.requireSigned) {
    hooks.secure = requireSignedHook(o.requireSigned);
    if (insecure.size) hooks.insecure = requireSignedHook(o.requireSigned, { insecure: true });
  }
  const parsed = new Map<string, ReturnType<typeof canonical>>();
  const parse = (image: string) => {
    let c = parsed.get(image);
    if (!c) parsed.set(image, (c = canonical(image)));
    return c;
  };
  const groups = groupUses(imageUses(inventory), (u) => {
    const c = parse(u.image);
    return 'ref' in c ? c.ref : `invalid:${c.raw}`;
  });
  const byDigest = new Map<string, { vulnerabilities?: VulnMatch[]; skipped?: string }>();
  const noDb = noDbReason(o.db, o.dbExplicit);
  const warnings: string[] = noDb ? [noDb] : [];
  const limit = o.concurrency ?? 4;
  // 1. Each distinct reference: its manifest digest (one manifest request), and its signature verdict.
  const resolved = await mapLimited([...groups], limit, async ([key, uses]) => {
    const c = parse(uses[0]!.image);
    if ('error' in c) return { img: { reference: uses[0]!.image, uses, error: c.error } as ScannedImage };
    const img: ScannedImage = { reference: key, uses };
    const isInsecure = insecure.has(c.registry!.toLowerCase());
    const verdict = (isInsecure ? hooks.insecure : hooks.secure)?.(key);
    let digest: string | undefined;
    try {
      const ref = parseImageRef(key) as RegistryRef;
      digest = ref.digest ?? (await new RegistryClient(ref, isInsecure ? { insecure: true } : {}).manifest()).digest;
    } catch (err) {
      img.error = (err as Error).message;
      if (err instanceof ImageIntegrityError) img.integrity = true;
    }
    if (verdict) {
      const v = await verdict;
      img.signature = { allowed: v.allowed, reason: v.reason };
    }
    return { img, digest, insecure: isInsecure };
  });
  // 2. Each distinct digest is read once (tags and repositories naming the same image share it).
  const byManifest = groupUses(resolved.filter((r) => r.digest !== undefined), (r) => r.digest!);
  await mapLimited([...byManifest.values()], limit, async (same) => {
    const first = same[0]!;
    let result: ImageScanResult | undefined;
    let error: string | undefined;
    let integrity = false;
    try {
      result = await scanImage(first.img.reference, { ...base, ...(first.insecure ? { insecure: true } : {}) });
    } catch (err) {
      error = (err as Error).message;
      integrity = err instanceof ImageIntegrityError;
    }
    for (const r of same) {
      if (result) r.img.result = result;
      if (error !== undefined) r.img.error = error;
      if (integrity) r.img.integrity = true;
    }
  });
  const images = resolved.map((r) => r.img);
  // Matching is synchronous (SQLite): once per manifest digest, after the reads.
  for (const img of images) {
    const r = img.result;
    if (!r) continue;
    const d = r.image.manifestDigest ?? r.image.configDigest;
    let m = byDigest.get(d);
    if (!m) {
      try {
        const v = vulnReportIfDb({ target: img.reference, packages: r.packages, ...(r.distro ? { distro: r.distro } : {}), warnings: [] }, o.db, o.dbExplicit);
        m = 'skipped' in v ? { skipped: v.skipped } : { vulnerabilities: v.matches };
      } catch (err) {
        if (err instanceof RequestError) throw err;
        m = { skipped: `advisory database ${o.db}: ${(err as Error).message}` };
      }
      byDigest.set(d, m);
      for (const p of r.problems) warnings.push(`image ${img.reference}: ${p.scope}${p.path ? ` ${p.path}` : ''}: ${p.message}`);
    }
    if (m.vulnerabilities) img.vulnerabilities = m.vulnerabilities;
    if (m.skipped) img.vulnSkipped = m.skipped;
  }
  // A database that failed while matching (not a missing one, said above) is said once.
  const failed = images.find((i) => i.vulnSkipped && i.vulnSkipped !== noDb)?.vulnSkipped;
  if (failed) warnings.push(failed);
  const findings = images.flatMap((img) => {
    const outcome: ImageOutcome = { reference: img.reference };
    if (img.error !== undefined) outcome.error = img.error;
    if (img.integrity) outcome.integrity = true;
    if (img.result) outcome.configFindings = img.result.findings;
    if (img.vulnerabilities) outcome.vulnerabilities = img.vulnerabilities;
    if (img.signature) outcome.signature = img.signature;
    return imageFindings(CHECKS, outcome, img.uses);
  });
  return { images, findings, warnings, evaluated: { vulnerabilities: !noDb && !failed, signatures: Boolean(o.requireSigned) } };
}

/**
 * The rules a `scan --images` run evaluated on every workload, as report checks (SARIF rules, JUnit, PolicyReport
 * count a workload without a finding as passed): image-vulnerability only when the advisory database was there,
 * image-not-signed only with --require-signed.
 */
export function workloadImageChecks(run: { vulnerabilities: boolean; signatures: boolean }): ReportCheck[] {
  const uses = CHECKS.filter((r) => r.subject === 'image-use' && (r.id !== 'image-vulnerability' || run.vulnerabilities) && (r.id !== 'image-not-signed' || run.signatures));
  const images = CHECKS.filter((r) => r.subject === 'image');
  return [...inImageRuleOrder(uses), ...inImageRuleOrder(images)].map(reportCheck);

}

/** An images request → WorkloadImageOptions, validated before anything is read (RequestError). */
export function prepareWorkloadImages(r: ImagesRequest): WorkloadImageOptions {
  const w: WorkloadImageOptions = { db: r.db ?? defaultDbPath(), dbExplicit: r.dbExplicit ?? r.db !== undefined };
  if (r.insecureRegistries?.length) w.insecureRegistries = r.insecureRegistries;
  if (r.platform) w.platform = r.platform;
  if (r.requireSigned) w.requireSigned = r.requireSigned;
  checkImageOptions(w);
  if (w.dbExplicit && !existsSync(w.db)) throw new RequestError(`no advisory database at ${w.db} (create one with: kubeward db import PATH... --db ${w.db})`);
  if (w.requireSigned) requireSignedHook(w.requireSigned);
  return w;
}
