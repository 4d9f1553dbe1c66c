import { checkResolver } from '../policy/check-resolver.js';
import { DEFAULT_SEVERITY_MODES, type AdmissionConfig, type AdmissionMode } from '../policy/admission-config.js';
import { describeUnknownChecks } from '../policy/select-checks.js';
import { nameGlob } from '../policy/glob.js';
import type { Check } from '../checks/define.js';
import type { Severity } from '../model/finding.js';
import { matchesSelector, type LabelSelector } from '../model/inventory.js';
import { RequestError } from './errors.js';

export type { AdmissionMode } from '../policy/admission-config.js';

/** What decides a finding's mode: the object's namespace ("" when cluster-scoped) and labels, the check and severity. */
export interface ModeSubject {
  namespace: string;
  labels: Record<string, string>;
  checkId: string;
  severity: Severity;
}

/** Check names (ids or aliases) → ids; a RequestError names the unknown ones (with "did you mean"). */
export function resolveCheckNames(names: readonly string[], all: readonly Check[], key: string): Set<string> {
  const resolver = checkResolver(all);
  const out = new Set<string>();
  const unknown: string[] = [];
  for (const n of names) {
    const ids = resolver.resolve(n);
    if (ids) for (const id of ids) out.add(id);
    else unknown.push(n);
  }
  if (unknown.length) throw new RequestError(`admission.${key}: ${describeUnknownChecks(unknown, all)}`);
  return out;
}

interface CompiledRule {
  namespaces?: ReturnType<typeof nameGlob>[];
  selector?: LabelSelector;
  checks?: Set<string>;
  mode: AdmissionMode;
}

/** `admission.rules` and `severityModes` compiled once: the mode of each failed check. RequestError on an unknown check. */
export function modeResolver(config: AdmissionConfig | undefined, all: readonly Check[]): (s: ModeSubject) => AdmissionMode {
  const bySeverity = { ...DEFAULT_SEVERITY_MODES, ...config?.severityModes };
  const rules: CompiledRule[] = (config?.rules ?? []).map((r, i) => ({
    mode: r.mode,
    ...(r.namespaces ? { namespaces: r.namespaces.map((n) => nameGlob(n)) } : {}),
    ...(r.selector ? { selector: r.selector } : {}),
    ...(r.checks ? { checks: resolveCheckNames(r.checks, all, `rules[${i}].checks`) } : {}),
  }));
  return (s) => {
    for (const r of rules) {
      if (r.namespaces && !r.namespaces.some((g) => g.test(s.namespace))) continue;
      if (r.selector && !matchesSelector(s.labels, r.selector)) continue;
      if (r.checks && !r.checks.has(s.checkId)) continue;
      return r.mode;
    }
    return bySeverity[s.severity];
  };
}
