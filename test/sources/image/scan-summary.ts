import type { ImageScanResult } from '../../../src/engine/scan-image.js';

/** What must be identical whatever the source kind: distro, packages, and findings without the image's name. */
export function comparable(r: ImageScanResult) {
  return {
    distro: r.distro,
    packages: r.packages,
    findings: r.findings.map((f) => ({ checkId: f.checkId, severity: f.severity, message: f.message, path: f.path, line: f.location.line, evidence: f.evidence })),
    problems: r.problems,
    layers: r.image.layers.map((l) => l.diffId),
    files: r.image.files,
    configDigest: r.image.configDigest,
  };
}
