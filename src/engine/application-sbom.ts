import { imageUses } from '../analysis/image/workload-images.js';
import { renderAppCycloneDx, type AppImage, type AppWorkload } from '../report/sbom-app.js';
import { sbomTimestamp } from '../report/sbom-input.js';
import { loadInventory } from './load-inventory.js';
import type { InputRequest, ImagesRequest } from './request.js';
import { packageVersion } from './version.js';
import { canonical, prepareWorkloadImages, scanWorkloadImages } from './workload-images.js';

export interface SbomRequest extends InputRequest {
  /** Also read every image (packages, and vulnerabilities with the advisory database). */
  images?: ImagesRequest;
}

/**
 * One CycloneDX BOM for the application the manifests describe. Each workload is a component; with `images`
 * its images are read (as scan --images reads them) with their packages and, when the advisory database is
 * there, vulnerabilities rolled up per workload. Without, images are listed by reference only.
 */
export async function applicationSbom(request: SbomRequest): Promise<{ text: string; warnings: string[] }> {
  const imageOpts = request.images ? prepareWorkloadImages(request.images) : undefined;
  const loaded = await loadInventory(request);
  const inventory = loaded.inventory;
  const key = (image: string) => {
    const c = canonical(image);
    return 'ref' in c ? c.ref : image;
  };
  const workloads = new Map<number, AppWorkload>();
  const refs: string[] = [];
  for (const u of imageUses(inventory)) {
    let w = workloads.get(u.object.id);
    if (!w) {
      w = { apiVersion: u.object.apiVersion, kind: u.object.kind, name: u.object.name, file: u.object.source.file, images: [], ...(u.object.namespace !== undefined ? { namespace: u.object.namespace } : {}) };
      workloads.set(u.object.id, w);
    }
    const k = key(u.image);
    if (!w.images.includes(k)) w.images.push(k);
    if (!refs.includes(k)) refs.push(k);
  }
  let images: AppImage[] = refs.map((reference) => ({ reference }));
  const warnings = [...loaded.warnings, ...loaded.problems.map((p) => `${p.file}: ${p.message}`)];
  if (imageOpts) {
    const scanned = await scanWorkloadImages(inventory, imageOpts);
    warnings.push(...scanned.warnings);
    images = scanned.images.map((s) => {
      const img: AppImage = { reference: s.reference };
      if (s.error !== undefined) {
        img.error = s.error;
        warnings.push(`image ${s.reference} was not read: ${s.error}`);
      }
      const r = s.result;
      if (r) {
        img.read = { configDigest: r.image.configDigest, platform: r.image.platform, packages: r.packages };
        if (r.image.manifestDigest) img.read.manifestDigest = r.image.manifestDigest;
        if (r.distro) img.read.distro = r.distro;
        if (s.vulnerabilities) img.read.vulnerabilities = s.vulnerabilities;
      }
      return img;
    });
  }
  const paths = request.paths;
  const name = paths.length === 1 ? paths[0]! : paths.join(' ');
  const text = renderAppCycloneDx({ tool: { name: 'kubeward', version: packageVersion() }, name, workloads: [...workloads.values()], images, created: sbomTimestamp() });
  return { text, warnings };
}
