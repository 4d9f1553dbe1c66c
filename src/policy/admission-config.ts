import { SEVERITIES, type Severity } from '../model/finding.js';
import type { LabelSelector } from '../model/inventory.js';
import { checkKnownKeys, ConfigErrors, describe, isPlainMap, readStringList } from './config-values.js';
import { suggestion } from './did-you-mean.js';

/** What the admission webhook does with a failed check: deny, allow with a warning, allow and record, or nothing. */
export const ADMISSION_MODES = ['enforce', 'warn', 'audit', 'off'] as const;
export type AdmissionMode = (typeof ADMISSION_MODES)[number];

/** One rule of `admission.rules`: what it matches (all given conditions must hold) and the mode it sets. */
export interface AdmissionRule {
  /** Namespace names or globs (`team-*`) of the object under review; a cluster-scoped object has the namespace "". */
  namespaces?: string[];
  /** A label selector over the object's own labels. */
  selector?: LabelSelector;
  /** Check ids or other tools' ids. */
  checks?: string[];
  mode: AdmissionMode;
}

/** The `admission` section of `.kubeward.yaml` (docs/admission.md). */
export interface AdmissionConfig {
  /** Mode by severity (after `severity` overrides); unset severities keep DEFAULT_SEVERITY_MODES. */
  severityModes?: Partial<Record<Severity, AdmissionMode>>;
  /** The first rule that matches a failed check decides its mode; none: `severityModes`. */
  rules?: AdmissionRule[];
  /** Fixes the mutating webhook applies (a JSONPatch on /mutate). Nothing is mutated by default. */
  mutate?: MutateConfig;
}

/** `mutate: [ids]` (everywhere) or `mutate: {checks, namespaces, selector}`: whose fixes, on which objects. */
export interface MutateConfig {
  checks: string[];
  namespaces?: string[];
  selector?: LabelSelector;
}

/** A critical or high finding denies; medium warns; low and info are recorded. */
export const DEFAULT_SEVERITY_MODES: Readonly<Record<Severity, AdmissionMode>> = { critical: 'enforce', high: 'enforce', medium: 'warn', low: 'audit', info: 'audit' };

export const ADMISSION_KEYS: readonly (keyof AdmissionConfig)[] = ['severityModes', 'rules', 'mutate'];
const RULE_KEYS = ['namespaces', 'selector', 'checks', 'mode'];
const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

function readMode(v: unknown, key: string, errors: ConfigErrors): AdmissionMode | undefined {
  const s = typeof v === 'string' ? v.trim().toLowerCase() : undefined;
  if (s && (ADMISSION_MODES as readonly string[]).includes(s)) return s as AdmissionMode;
  errors.add(key, `${typeof v === 'string' ? `"${v}"` : describe(v)} is not a mode: use one of ${ADMISSION_MODES.join(', ')}${typeof v === 'string' ? suggestion(v, ADMISSION_MODES) : ''}`);
  return undefined;
}

function readSelector(v: unknown, key: string, errors: ConfigErrors): LabelSelector | undefined {
  if (!isPlainMap(v)) {
    errors.add(key, `expected a label selector (matchLabels, matchExpressions), got ${describe(v)}`);
    return undefined;
  }
  checkKnownKeys(v, ['matchLabels', 'matchExpressions'], `${key}.`, errors);
  const out: LabelSelector = {};
  const before = errors.list.length;
  if (v.matchLabels !== undefined) {
    if (isPlainMap(v.matchLabels) && Object.values(v.matchLabels).every((x) => typeof x === 'string')) out.matchLabels = v.matchLabels as Record<string, string>;
    else errors.add(`${key}.matchLabels`, 'expected a map of label names to string values');
  }
  if (v.matchExpressions !== undefined) {
    if (!Array.isArray(v.matchExpressions)) errors.add(`${key}.matchExpressions`, `expected a list, got ${describe(v.matchExpressions)}`);
    else {
      out.matchExpressions = [];
      v.matchExpressions.forEach((e, i) => {
        const at = `${key}.matchExpressions[${i}]`;
        if (!isPlainMap(e) || typeof e.key !== 'string' || typeof e.operator !== 'string' || !OPERATORS.includes(e.operator)) {
          errors.add(at, `expected {key, operator: ${OPERATORS.join('|')}, values}`);
          return;
        }
        const values = e.values === undefined ? [] : readStringList(e.values, `${at}.values`, errors) ?? [];
        if ((e.operator === 'In' || e.operator === 'NotIn') && values.length === 0) errors.add(`${at}.values`, `${e.operator} needs at least one value`);
        out.matchExpressions!.push({ key: e.key, operator: e.operator, values });
      });
    }
  }
  return errors.list.length === before ? out : undefined;
}

function readRule(v: unknown, key: string, errors: ConfigErrors): AdmissionRule | undefined {
  if (!isPlainMap(v)) {
    errors.add(key, `expected a map with ${RULE_KEYS.join(', ')}, got ${describe(v)}`);
    return undefined;
  }
  checkKnownKeys(v, RULE_KEYS, `${key}.`, errors);
  if (v.mode === undefined) {
    errors.add(key, `needs a mode (${ADMISSION_MODES.join(', ')})`);
    return undefined;
  }
  const mode = readMode(v.mode, `${key}.mode`, errors);
  if (!mode) return undefined;
  const rule: AdmissionRule = { mode };
  if (v.namespaces !== undefined) {
    const list = readStringList(v.namespaces, `${key}.namespaces`, errors);
    if (list) rule.namespaces = list;
  }
  if (v.checks !== undefined) {
    const list = readStringList(v.checks, `${key}.checks`, errors);
    if (list) rule.checks = list;
  }
  if (v.selector !== undefined) {
    const sel = readSelector(v.selector, `${key}.selector`, errors);
    if (sel) rule.selector = sel;
  }
  return rule;
}

const MUTATE_KEYS = ['checks', 'namespaces', 'selector'];

function readMutate(v: unknown, key: string, errors: ConfigErrors): MutateConfig | undefined {
  if (!isPlainMap(v)) {
    const checks = readStringList(v, key, errors);
    return checks ? { checks } : undefined;
  }
  checkKnownKeys(v, MUTATE_KEYS, `${key}.`, errors);
  if (v.checks === undefined) {
    errors.add(key, 'needs checks (the checks whose fixes are applied)');
    return undefined;
  }
  const checks = readStringList(v.checks, `${key}.checks`, errors);
  if (!checks) return undefined;
  const out: MutateConfig = { checks };
  if (v.namespaces !== undefined) {
    const list = readStringList(v.namespaces, `${key}.namespaces`, errors);
    if (list) out.namespaces = list;
  }
  if (v.selector !== undefined) {
    const sel = readSelector(v.selector, `${key}.selector`, errors);
    if (sel) out.selector = sel;
  }
  return out;
}

/** Read and validate `admission:` (errors name the key; bad entries are left out). Check names are validated by the engine. */
export function readAdmission(v: unknown, key: string, errors: ConfigErrors): AdmissionConfig | undefined {
  if (!isPlainMap(v)) {
    errors.add(key, `expected a map with ${ADMISSION_KEYS.join(', ')}, got ${describe(v)}`);
    return undefined;
  }
  checkKnownKeys(v, ADMISSION_KEYS, `${key}.`, errors);
  const out: AdmissionConfig = {};
  if (v.severityModes !== undefined) {
    if (!isPlainMap(v.severityModes)) errors.add(`${key}.severityModes`, `expected a map of severity to mode, got ${describe(v.severityModes)}`);
    else {
      const modes: Partial<Record<Severity, AdmissionMode>> = {};
      for (const [sev, raw] of Object.entries(v.severityModes)) {
        const s = sev.toLowerCase();
        if (!(SEVERITIES as readonly string[]).includes(s)) {
          errors.add(`${key}.severityModes`, `"${sev}" is not a severity: use one of ${SEVERITIES.join(', ')}${suggestion(sev, SEVERITIES)}`);
          continue;
        }
        const mode = readMode(raw, `${key}.severityModes.${sev}`, errors);
        if (mode) modes[s as Severity] = mode;
      }
      out.severityModes = modes;
    }
  }
  if (v.rules !== undefined) {
    if (!Array.isArray(v.rules)) errors.add(`${key}.rules`, `expected a list of rules, got ${describe(v.rules)}`);
    else out.rules = v.rules.flatMap((r, i) => readRule(r, `${key}.rules[${i}]`, errors) ?? []);
  }
  if (v.mutate !== undefined) {
    const m = readMutate(v.mutate, `${key}.mutate`, errors);
    if (m) out.mutate = m;
  }
  return out;
}
