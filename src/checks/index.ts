import type { Check } from './define.js';
import duplicateKey from './manifest/duplicate-key.js';
import invalidManifest from './manifest/invalid-manifest.js';
import allowPrivilegeEscalation from './workload/allow-privilege-escalation.js';
import capabilitiesAdded from './workload/capabilities-added.js';
import hostIpc from './workload/host-ipc.js';
import hostNetwork from './workload/host-network.js';
import hostPathVolume from './workload/host-path-volume.js';
import hostPid from './workload/host-pid.js';
import hostPort from './workload/host-port.js';
import imageTagLatest from './workload/image-tag-latest.js';
import privilegedContainer from './workload/privileged-container.js';
import readOnlyRootFilesystem from './workload/read-only-root-filesystem.js';
import resourceLimits from './workload/resource-limits.js';
import runAsNonRoot from './workload/run-as-non-root.js';
import seccompProfileUnset from './workload/seccomp-profile-unset.js';

/** Every built-in check, sorted by id. */
export const CHECKS: readonly Check[] = [
  allowPrivilegeEscalation,
  capabilitiesAdded,
  duplicateKey,
  hostIpc,
  hostNetwork,
  hostPathVolume,
  hostPid,
  hostPort,
  imageTagLatest,
  invalidManifest,
  privilegedContainer,
  readOnlyRootFilesystem,
  resourceLimits,
  runAsNonRoot,
  seccompProfileUnset,
];

let byName: Map<string, Check> | undefined;

/** Every id a check answers to (its own id and its aliases in other tools), as written. */
export function namesOf(check: Check): string[] {
  return [check.id, ...Object.values(check.aliases ?? {}).flat()];
}

/** A check by our id or any alias (Kubescape C-0057, Trivy KSV017, ...), case-insensitive. */
export function findCheck(idOrAlias: string): Check | undefined {
  if (!byName) {
    byName = new Map();
    for (const check of CHECKS) for (const name of namesOf(check)) if (!byName.has(name.toLowerCase())) byName.set(name.toLowerCase(), check);
  }
  return byName.get(idOrAlias.trim().toLowerCase());
}
