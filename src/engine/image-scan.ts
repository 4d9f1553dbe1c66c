import { readFile } from 'node:fs/promises';
import { CHECKS } from '../checks/index.js';
import type { Finding } from '../model/finding.js';
import type { SuppressedFinding } from '../report/report.js';
import type { VulnReport } from '../report/vulns.js';
import { parsePlatform } from '../sources/image/manifest.js';
import { parseImageRef } from '../sources/image/reference.js';
import { isLoopbackHost } from '../sources/image/registry-auth.js';
import { scanImage, type ImageScanResult, type ScanImageOptions } from './scan-image.js';
import { ImageError } from '../sources/image/types.js';
import { readSbom } from '../sources/sbom/read-sbom.js';
import { defaultDbPath } from '../vuln/db/sqlite-store.js';
import { RequestError } from './errors.js';
import { enforcePolicy } from './policy.js';
import { applyProfile, profileShows } from '../policy/profile.js';
import type { ImagesRequest, PolicyRequest } from './request.js';
import { vulnReport, vulnReportIfDb, type PackageInventory } from './vulnerabilities.js';

/** What `image scan` and `image sbom` read: one image (or an SBOM's packages). */
export interface ImageRequest extends PolicyRequest {
  image?: string;
  /** An SBOM file whose packages are matched instead of an image's. */
  sbom?: string;
  read?: ImagesRequest & { /** plain http for the image's own (loopback) registry */ insecure?: boolean };
}

export interface ImageScanOutcome {
  /** The image read (absent for an SBOM scan). */
  result?: ImageScanResult;
  /** Vulnerabilities, or why they were not checked. */
  vulns: VulnReport | { skipped: string };
  /** Image config findings after policy (severity overrides, exceptions). */
  findings: Finding[];
  suppressed: SuppressedFinding[];
  warnings: string[];
}

const SIZE = /^(\d+)([kmg]?)i?b?$/i;

/** The image read options a request asks for, validated (RequestError before anything is read). */
export function imageReadOptions(ref: string, r: ImageRequest['read'] = {}): ScanImageOptions {
  const opts: ScanImageOptions = {};
  if (r.platform) {
    try {
      opts.platform = parsePlatform(r.platform);
    } catch (err) {
      throw new RequestError((err as Error).message);
    }
  }
  for (const h of r.insecureRegistries ?? []) if (!isLoopbackHost(h)) throw new RequestError(`--insecure-registry allows plain http only for loopback registries (127.0.0.1, ::1, localhost), not ${h}`);
  let insecure = r.insecure === true;
  if (!insecure && r.insecureRegistries?.length) {
    try {
      const parsed = parseImageRef(ref);
      if (parsed.kind === 'registry') insecure = r.insecureRegistries.some((h) => h.toLowerCase() === parsed.registry.toLowerCase());
    } catch {
      // Not a registry reference: the registry options do not apply.
    }
  }
  if (insecure) opts.insecure = true;
  if (r.maxFileSize !== undefined) {
    const m = SIZE.exec(r.maxFileSize.trim());
    if (!m) throw new RequestError(`--max-file-size must be a size like 256m, got "${r.maxFileSize}"`);
    opts.maxFileBytes = Number(m[1]) * ({ '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as Record<string, number>)[m[2]!.toLowerCase()]!;
  }
  if (r.maxLayerSize !== undefined) {
    const m = SIZE.exec(r.maxLayerSize.trim());
    if (!m || Number(m[1]) === 0) throw new RequestError(`--max-layer-size must be a size like 16g, got "${r.maxLayerSize}"`);
    opts.maxLayerBytes = Number(m[1]) * ({ '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as Record<string, number>)[m[2]!.toLowerCase()]!;
  }
  return opts;
}

/** Read one image (RequestError when it cannot be read at all: nothing to judge). */
export async function readImage(ref: string, read: ImageRequest['read']): Promise<ImageScanResult> {
  try {
    return await scanImage(ref, imageReadOptions(ref, read));
  } catch (err) {
    if (err instanceof ImageError) throw new RequestError(err.message);
    throw err;
  }
}

async function sbomInventory(path: string): Promise<PackageInventory> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new RequestError(`cannot read SBOM ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const r = readSbom(text, path);
  if ('error' in r) throw new RequestError(r.error);
  const warnings = [...r.warnings];
  if (r.ignored) warnings.push(`${r.ignored} SBOM components without a purl of a matched type (apk, deb, rpm, npm, pypi, golang, maven) were not checked`);
  return { target: `sbom:${path}`, packages: r.packages, ...(r.distro ? { distro: r.distro } : {}), warnings };
}

/**
 * `image scan`: an image's packages, config findings and (with the advisory database) vulnerabilities, or an
 * SBOM's packages matched. Policy (severity overrides, exceptions by rule id) applies to the findings exactly as
 * in `scan`.
 */
export async function scanImageRequest(request: ImageRequest): Promise<ImageScanOutcome> {
  const db = request.read?.db ?? defaultDbPath();
  const dbExplicit = request.read?.dbExplicit ?? request.read?.db !== undefined;
  if (request.sbom !== undefined && request.image !== undefined) throw new RequestError('give either an image or --sbom FILE, not both');
  if (request.sbom !== undefined) {
    const vulns = vulnReport(await sbomInventory(request.sbom), db);
    return { vulns, findings: [], suppressed: [], warnings: vulns.warnings };
  }
  if (request.image === undefined) throw new RequestError('image scan needs an image reference or an SBOM (--sbom FILE)');
  const result = await readImage(request.image, request.read);
  const vulns = vulnReportIfDb({ target: result.image.reference, packages: result.packages, ...(result.distro ? { distro: result.distro } : {}), warnings: [] }, db, dbExplicit);
  const enforced = enforcePolicy(result.findings, request, CHECKS.filter((c) => c.subject === 'image'));
  // --profile security (default): the image's HEALTHCHECK (hygiene) is not reported.
  const profile = request.profile ?? 'security';
  const policy = { ...enforced, findings: applyProfile(profile, enforced.findings).shown, suppressed: enforced.suppressed.filter((s) => profileShows(profile, s.finding)) };
  const warnings = [...policy.warnings];
  if (result.problems.length) warnings.push(`${result.problems.length} problem(s) reading the image; the rest was scanned`);
  return { result: { ...result, findings: policy.findings }, vulns, findings: policy.findings, suppressed: policy.suppressed, warnings };
}
