import { fingerprintFrom, type HashState } from './fingerprint.js';

/** Severities, most severe first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** True when `s` is at least as severe as `threshold`. */
export function atLeast(s: Severity, threshold: Severity): boolean {
  return severityRank(s) <= severityRank(threshold);
}

export function isSeverity(v: unknown): v is Severity {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
}

/**
 * `hygiene`: reliability advice (requests, probes, replicas); `hardening`: opt-in defence in depth whose absence is
 * the norm and not a weakness of the workload (user namespaces, digest pins of a fixed version tag). `--profile
 * security` (the default) hides both.
 */
export type FindingProfile = 'security' | 'hygiene' | 'hardening';

/** References into security frameworks. Validated by the registry test. */
export interface FrameworkRefs {
  /** CIS Kubernetes Benchmark control ids, e.g. "5.2.2". */
  cis?: string[];
  /** NSA-CISA Kubernetes Hardening Guide sections, e.g. "pod-security/non-root". */
  nsa?: string[];
  /** Pod Security Standards level and control name as the PSA controller names it. */
  pss?: { level: 'baseline' | 'restricted'; control: string };
  /** MITRE ATT&CK technique ids, e.g. "T1611". */
  mitre?: string[];
  /** OWASP Kubernetes Top 10 (2022) ids, e.g. "K01". */
  owasp?: string[];
}

export type { ObjectRef } from './object-ref.js';
import type { ObjectRef } from './object-ref.js';

export interface Location {
  /** File path as the user named it (relative when they gave a relative path), or "<stdin>". */
  file: string;
  /** 1-based line and column. */
  line: number;
  column: number;
  /** 0-based index of the YAML document in the file (or rendered stream). */
  document?: number;
  /** Set when the object was rendered by Helm or Kustomize: the file is its template or resource file, the line one of that file's. */
  rendered?: 'helm' | 'kustomize';
}

export interface Evidence {
  /** What was seen (never a secret value: secret checks put a masked hint here). */
  found?: string | number | boolean | null;
  /** What a passing value looks like. */
  expected?: string;
}

/** The one shape every analysis emits. Stable contract: see docs/findings-json.md. */
export interface Finding {
  checkId: string;
  severity: Severity;
  title: string;
  message: string;
  category: string;
  object?: ObjectRef;
  location: Location;
  /** RFC 6901 JSON pointer of the offending field inside the object ("" is the whole object). */
  path: string;
  evidence?: Evidence;
  remediation: string;
  frameworks: FrameworkRefs;
  /** Stable across runs and line moves: check, object identity and field path. */
  fingerprint: string;
  /**
   * Pod Security checks: the policies the field violates, as "LEVEL:VERSION" (the scan's `--pss`)
   * or "MODE=LEVEL:VERSION" (the namespace's pod-security.kubernetes.io labels), enforce first.
   */
  pss?: { policies: string[] };
  /** Checks whose findings on the same volume or container this one makes redundant (folded under it). */
  implies?: string[];
  /** Set on a finding folded under another one on the same volume or container: that finding's check. */
  impliedBy?: string;
  /** `scan --prioritize`: the best attack path the finding sits on (kubeward paths). */
  priority?: FindingPriority;
  /** `hygiene` (reliability) or `hardening` (opt-in defence in depth), hidden by the default `--profile security`; absent: security. */
  profile?: 'hygiene' | 'hardening';
  /** Not in the JSON contract: the root cause this finding shares with others (Issue.cause), for folding. */
  cause?: { key: string; root?: boolean };
  /** Not in the JSON contract: containers a pod-level finding also holds for (Issue.covers), for folding. */
  covers?: string[];
}

/** Where a finding ranks by the attack paths it sits on. */
export interface FindingPriority {
  /** The rank of the best path (1 = the highest score). */
  rank: number;
  score: number;
  /** The path's nodes, "the internet → shop/web[Deployment] → … → Secrets of every namespace". */
  path: string;
  reason: string;
}

/** What a finding takes from the rule that produced it (a check's metadata). */
export interface FindingRule {
  id: string;
  title: string;
  severity: Severity;
  category: string;
  remediation: string;
  frameworks: FrameworkRefs;
  profile?: FindingProfile;
}

/** What a rule's logic reported (src/checks/define.ts `Issue`, structurally). */
export interface FindingIssue {
  path: string;
  message: string;
  evidence?: Evidence;
  severity?: Severity;
  pss?: { policies: string[] };
  /** The CIS controls this issue fails, when a check covers several and the issue only some of them. */
  cis?: string[];
  profile?: FindingProfile;
  cause?: { key: string; root?: boolean };
  covers?: string[];
}

/** Where a finding is and whose identity its fingerprint continues from (src/model/fingerprint.ts). */
export interface FindingSite {
  object?: ObjectRef;
  location: Location;
  /** The subject's identity: identityState(object), or sourceState(...) for findings without an object. */
  identity: HashState;
  /** What identifies the issue within the subject (default: the issue's path). */
  key?: string;
}

/**
 * The one way a finding is built, for every kind of rule (manifest, load, Dockerfile, image, image-use): the
 * rule's metadata, the issue, and its site. The fingerprint is always fingerprintFrom(identity, rule id, key).
 * Key order is the findings contract's (docs/findings-json.md).
 */
export function makeFinding(rule: FindingRule, issue: FindingIssue, site: FindingSite): Finding {
  const severity = issue.severity ?? rule.severity;
  const fingerprint = fingerprintFrom(site.identity, rule.id, site.key ?? issue.path);
  // Two literals rather than optional assignments: one object shape per kind, and the contract's key order.
  const f: Finding = site.object
    ? { checkId: rule.id, severity, title: rule.title, message: issue.message, category: rule.category, object: site.object, location: site.location, path: issue.path, remediation: rule.remediation, frameworks: rule.frameworks, fingerprint }
    : { checkId: rule.id, severity, title: rule.title, message: issue.message, category: rule.category, location: site.location, path: issue.path, remediation: rule.remediation, frameworks: rule.frameworks, fingerprint };
  if (issue.evidence) f.evidence = issue.evidence;
  if (issue.pss) f.pss = issue.pss;
  if (issue.cis) f.frameworks = { ...rule.frameworks, cis: issue.cis };
  const profile = issue.profile ?? rule.profile;
  if (profile === 'hygiene' || profile === 'hardening') f.profile = profile;
  if (issue.cause) f.cause = issue.cause;
  if (issue.covers?.length) f.covers = issue.covers;
  return f;
}
