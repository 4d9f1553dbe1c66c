import type { Need } from './needs.js';

/**
 * Pod Security Standards controls, named exactly as the Pod Security Admission controller names its
 * checks (k8s.io/pod-security-admission/policy), with the policy version each control starts at and
 * the baseline control a restricted control replaces ("overrides") when the restricted level is
 * enforced. Restricted includes every baseline control; the restricted list here holds only the
 * controls restricted adds or tightens.
 */
export type PssLevel = 'baseline' | 'restricted';

/** The newest policy version the controls below know (what `latest` resolves to: the registry's maxVersion). */
export const PSS_LATEST_MINOR = 37;

export interface PssControlInfo {
  level: PssLevel;
  /** First policy version (minor of v1.x) at which the control exists. */
  since: number;
  /** Every Pod Security control is judged from the pod spec alone. */
  needs: Need;
  /** Restricted controls only: the baseline control this one replaces at the restricted level, and from which version. */
  overrides?: { control: string; since: number };
}

export const PSS_CONTROL_INFO: Readonly<Record<string, PssControlInfo>> = {
  appArmorProfile: { level: 'baseline', since: 0, needs: 'manifests' },
  capabilities_baseline: { level: 'baseline', since: 0, needs: 'manifests' },
  hostNamespaces: { level: 'baseline', since: 0, needs: 'manifests' },
  hostPathVolumes: { level: 'baseline', since: 0, needs: 'manifests' },
  hostPorts: { level: 'baseline', since: 0, needs: 'manifests' },
  hostProbesAndHostLifecycle: { level: 'baseline', since: 34, needs: 'manifests' },
  privileged: { level: 'baseline', since: 0, needs: 'manifests' },
  procMount: { level: 'baseline', since: 0, needs: 'manifests' },
  seLinuxOptions: { level: 'baseline', since: 0, needs: 'manifests' },
  seccompProfile_baseline: { level: 'baseline', since: 0, needs: 'manifests' },
  sysctls: { level: 'baseline', since: 0, needs: 'manifests' },
  windowsHostProcess: { level: 'baseline', since: 0, needs: 'manifests' },
  allowPrivilegeEscalation: { level: 'restricted', since: 8, needs: 'manifests' },
  capabilities_restricted: { level: 'restricted', since: 22, needs: 'manifests', overrides: { control: 'capabilities_baseline', since: 22 } },
  procMount_restricted: { level: 'restricted', since: 35, needs: 'manifests', overrides: { control: 'procMount', since: 35 } },
  restrictedVolumes: { level: 'restricted', since: 0, needs: 'manifests', overrides: { control: 'hostPathVolumes', since: 0 } },
  runAsNonRoot: { level: 'restricted', since: 0, needs: 'manifests' },
  runAsUser: { level: 'restricted', since: 23, needs: 'manifests' },
  seccompProfile_restricted: { level: 'restricted', since: 19, needs: 'manifests', overrides: { control: 'seccompProfile_baseline', since: 19 } },
};

export const PSS_CONTROLS: Readonly<Record<PssLevel, readonly string[]>> = {
  baseline: Object.keys(PSS_CONTROL_INFO).filter((c) => PSS_CONTROL_INFO[c]!.level === 'baseline'),
  restricted: Object.keys(PSS_CONTROL_INFO).filter((c) => PSS_CONTROL_INFO[c]!.level === 'restricted'),
};

/** True when `control` is a check of `level` (restricted also accepts every baseline check). */
export function isPssControl(level: string, control: string): boolean {
  if (level === 'baseline') return PSS_CONTROLS.baseline.includes(control);
  if (level === 'restricted') return PSS_CONTROLS.restricted.includes(control) || PSS_CONTROLS.baseline.includes(control);
  return false;
}

/** The restricted control that replaces `control` at the restricted level and policy version `minor`, if any. */
export function overriddenBy(control: string, minor: number): string | undefined {
  for (const [id, info] of Object.entries(PSS_CONTROL_INFO)) {
    if (info.overrides?.control === control && minor >= info.overrides.since) return id;
  }
  return undefined;
}

/**
 * The controls PSA evaluates at `level` and policy version `minor`: the level's controls that exist
 * at that version, minus (at restricted) the baseline controls a restricted control overrides.
 */
export function controlsAt(level: PssLevel | 'privileged', minor: number): string[] {
  return [...controlSetAt(level, minor)];
}

const controlSets = new Map<string, ReadonlySet<string>>();

/** controlsAt as a set, computed once per level and version (the Pod Security checks ask for every pod). */
export function controlSetAt(level: PssLevel | 'privileged', minor: number): ReadonlySet<string> {
  const key = `${level}:${minor}`;
  let set = controlSets.get(key);
  if (!set) controlSets.set(key, (set = new Set(computeControlsAt(level, minor))));
  return set;
}

function computeControlsAt(level: PssLevel | 'privileged', minor: number): string[] {
  if (level === 'privileged') return [];
  return Object.entries(PSS_CONTROL_INFO)
    .filter(([id, info]) => {
      if (info.since > minor) return false;
      if (level === 'baseline') return info.level === 'baseline';
      return info.level === 'restricted' || overriddenBy(id, minor) === undefined;
    })
    .map(([id]) => id);
}
