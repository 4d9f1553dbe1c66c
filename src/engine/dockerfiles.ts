import { isDockerfileCheck, runDockerfileChecks } from './run-dockerfile-checks.js';
import { Inventory } from '../model/inventory.js';
import type { Report } from '../report/report.js';
import { readDockerfiles } from '../sources/dockerfile/read.js';
import { buildReport } from './build-report.js';
import { applyProfile, checkShown, profileShows } from '../policy/profile.js';
import { enforcePolicy, selectRequested } from './policy.js';
import type { PolicyRequest } from './request.js';
import { packageVersion } from './version.js';

export interface DockerfileRequest extends PolicyRequest {
  /** Dockerfiles, directories searched for Dockerfiles, or `-`. */
  paths: string[];
  /** ARG values, as docker build --build-arg. */
  buildArgs?: Record<string, string>;
  /** The text of `-`. */
  stdin?: () => string;
}

/** `dockerfile scan`: build-time checks through the same findings, policy and report as a manifest scan. */
export function scanDockerfiles(request: DockerfileRequest): { report: Report; nothingRead: boolean } {
  const chosen = selectRequested(request);
  const selected = chosen.filter(isDockerfileCheck);
  const problemCheck = chosen.find((c) => c.id === 'invalid-manifest');
  const read = readDockerfiles(request.paths, { buildArgs: request.buildArgs ?? {}, ...(request.stdin ? { stdin: request.stdin } : {}) });
  const findings = runDockerfileChecks(selected, read.dockerfiles, { checkOptions: request.checkOptions ?? {}, ...(problemCheck ? { problemCheck } : {}) });
  const ran = problemCheck ? [...selected, problemCheck] : selected;
  const policy = enforcePolicy(findings, request, ran);
  const profile = request.profile ?? 'security';
  const byProfile = applyProfile(profile, policy.findings);
  const report = buildReport({
    version: packageVersion(),
    scannedAt: request.now ?? new Date(),
    files: read.dockerfiles.length,
    inventory: new Inventory([]),
    checks: ran.filter((c) => checkShown(profile, c)),
    findings: byProfile.shown,
    hiddenByProfile: byProfile.hidden,
    hiddenByClass: byProfile.byClass,
    suppressed: policy.suppressed.filter((s) => profileShows(profile, s.finding)),
    warnings: [...read.errors, ...policy.warnings],
  });
  return { report, nothingRead: read.errors.length > 0 && read.dockerfiles.length === 0 };
}
