import { controlSetAt, PSS_CONTROL_INFO, PSS_LATEST_MINOR, type PssLevel } from './pss.js';

/**
 * Which Pod Security Standards level and policy version a pod is judged against: from `--pss`
 * (the scan setting), or from the `pod-security.kubernetes.io/<mode>[-version]` labels of its
 * Namespace when the scan includes that Namespace and it carries any of them.
 */
export type PssMode = 'enforce' | 'audit' | 'warn';
export const PSS_MODES: readonly PssMode[] = ['enforce', 'audit', 'warn'];

export interface PssPolicy {
  level: PssLevel | 'privileged';
  /** Policy version as a minor of v1.x; `latest` is PSS_LATEST_MINOR. */
  minor: number;
  /** As written: "v1.29" or "latest". */
  version: string;
}

/** The scan-wide setting. Level `all` (the default) judges every control at its own level. */
export interface PssSetting {
  level: PssLevel | 'all';
  minor: number;
  version: string;
}

export const DEFAULT_PSS_SETTING: PssSetting = { level: 'all', minor: PSS_LATEST_MINOR, version: 'latest' };

/** "latest" or "v1.N" → minor; versions newer than the newest known are clamped to it, as PSA does. */
export function parsePssVersion(text: string): number | undefined {
  if (text === 'latest') return PSS_LATEST_MINOR;
  const m = /^v1\.(0|[1-9][0-9]*)$/.exec(text);
  if (!m) return undefined;
  return Math.min(Number(m[1]), PSS_LATEST_MINOR);
}

const LEVELS = new Set(['privileged', 'baseline', 'restricted']);

/** `--pss` values: `latest`, `v1.29`, `baseline`, `restricted`, `restricted:v1.29`, `baseline:latest`. */
export function parsePssSetting(text: string): PssSetting | { error: string } {
  const t = text.trim();
  const [a, b, ...rest] = t.split(':');
  const bad = { error: `--pss must be LEVEL[:VERSION] or VERSION (LEVEL baseline|restricted, VERSION latest|v1.0…v1.${PSS_LATEST_MINOR}); got "${text}"` };
  if (rest.length || !a) return bad;
  if (b === undefined) {
    if (a === 'baseline' || a === 'restricted') return { level: a, minor: PSS_LATEST_MINOR, version: 'latest' };
    const minor = parsePssVersion(a);
    return minor === undefined ? bad : { level: 'all', minor, version: a };
  }
  if (a !== 'baseline' && a !== 'restricted') return bad;
  const minor = parsePssVersion(b);
  return minor === undefined ? bad : { level: a, minor, version: b };
}

export interface NamespacePss {
  /** The modes the namespace labels; modes without a label are `privileged` (the API server default). */
  modes: Partial<Record<PssMode, PssPolicy>>;
  /** Labels whose value PSA cannot parse: that mode falls back to restricted:latest, as PSA does. */
  invalid: string[];
}

const LABEL = 'pod-security.kubernetes.io/';

/** The Pod Security policy a Namespace's labels set, or undefined when it carries none of the labels. */
export function namespacePss(labels: Readonly<Record<string, string>>): NamespacePss | undefined {
  if (!Object.keys(labels).some((k) => k.startsWith(LABEL) && PSS_MODES.some((m) => k === LABEL + m || k === `${LABEL}${m}-version`))) return undefined;
  const out: NamespacePss = { modes: {}, invalid: [] };
  for (const mode of PSS_MODES) {
    const level = labels[LABEL + mode];
    const version = labels[`${LABEL}${mode}-version`];
    if (level === undefined && version === undefined) continue;
    let policy: PssPolicy = { level: 'privileged', minor: PSS_LATEST_MINOR, version: 'latest' };
    let invalid = false;
    if (level !== undefined) {
      if (LEVELS.has(level)) policy.level = level as PssPolicy['level'];
      else invalid = true;
    }
    if (version !== undefined) {
      const minor = parsePssVersion(version);
      if (minor === undefined) invalid = true;
      else policy = { ...policy, minor, version };
    }
    if (invalid) {
      out.invalid.push(mode);
      policy = { level: 'restricted', minor: PSS_LATEST_MINOR, version: 'latest' };
    }
    out.modes[mode] = policy;
  }
  return out;
}

/** One way a control is judged: at a policy version, fully or (level `all`) without what its overridden baseline control reports. */
export interface ControlEvaluation {
  minor: number;
  /** False only at level `all` for a restricted control that overrides a baseline one: it leaves that control's cases to it. */
  full: boolean;
  /** Label shown with the finding, e.g. "restricted:v1.29" or "enforce=restricted:latest". */
  label: string;
  mode?: PssMode;
}

const label = (level: string, version: string) => `${level}:${version}`;

/** How the scan setting evaluates `control` (undefined: not at that level/version). */
export function evaluationFromSetting(control: string, s: PssSetting): ControlEvaluation | undefined {
  const info = PSS_CONTROL_INFO[control];
  if (!info || info.since > s.minor) return undefined;
  if (s.level === 'all') {
    const full = !(info.overrides && s.minor >= info.overrides.since);
    return { minor: s.minor, full, label: label(info.level, s.version) };
  }
  if (!controlSetAt(s.level, s.minor).has(control)) return undefined;
  return { minor: s.minor, full: true, label: label(s.level, s.version) };
}

/** How a namespace's labelled modes evaluate `control`: one entry per mode whose policy includes it. */
export function evaluationsFromNamespace(control: string, ns: NamespacePss): ControlEvaluation[] {
  const out: ControlEvaluation[] = [];
  for (const mode of PSS_MODES) {
    const p = ns.modes[mode];
    if (!p || p.level === 'privileged') continue;
    if (!controlSetAt(p.level, p.minor).has(control)) continue;
    out.push({ minor: p.minor, full: true, label: `${mode}=${label(p.level, p.version)}`, mode });
  }
  return out;
}

