import type { PodSpecRef } from '../../model/pod-specs.js';
import { asRecord } from '../../model/object.js';

/**
 * True for a pod that declares `spec.os.name: windows`. As in the Pod Security Admission controller
 * (v1.25+), Linux-only controls (seccomp, allowPrivilegeEscalation, capabilities, read-only root
 * filesystem, runAsUser) do not apply to such pods: the API server rejects those fields for them.
 */
export function isWindowsPod(pod: PodSpecRef): boolean {
  return asRecord(pod.spec.os)?.name === 'windows';
}
