/**
 * Pod Security Standards controls, named exactly as the Pod Security Admission controller names its
 * checks (k8s.io/pod-security-admission/policy). Restricted includes every baseline control; the
 * restricted list here holds only the controls restricted adds or tightens.
 */
export type PssLevel = 'baseline' | 'restricted';

export const PSS_CONTROLS: Readonly<Record<PssLevel, readonly string[]>> = {
  baseline: [
    'appArmorProfile',
    'capabilities_baseline',
    'hostNamespaces',
    'hostPathVolumes',
    'hostPorts',
    'privileged',
    'procMount',
    'seLinuxOptions',
    'seccompProfile_baseline',
    'sysctls',
    'windowsHostProcess',
  ],
  restricted: [
    'allowPrivilegeEscalation',
    'capabilities_restricted',
    'restrictedVolumes',
    'runAsNonRoot',
    'runAsUser',
    'seccompProfile_restricted',
  ],
};

/** True when `control` is a check of `level` (restricted also accepts every baseline check). */
export function isPssControl(level: string, control: string): boolean {
  if (level === 'baseline') return PSS_CONTROLS.baseline.includes(control);
  if (level === 'restricted') return PSS_CONTROLS.restricted.includes(control) || PSS_CONTROLS.baseline.includes(control);
  return false;
}
