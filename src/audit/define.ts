import type { AuditEvent } from '../model/audit.js';
import type { Severity } from '../model/finding.js';
import type { AuditOptions } from './options.js';
import type { BoundedMap } from './bounded.js';

/** What the engine remembers about a pod it saw created (bounded: the oldest are forgotten first). */
export interface PodFacts {
  /** Why the pod can reach its node: "privileged container \"x\"", "hostPID", ... (empty: none). */
  hostAccess: string[];
}

/** A finding of a manifest check on an event's requestObject (the same checks `kubeward scan` runs). */
export interface ObjectFinding {
  checkId: string;
  message: string;
}

/** What a rule sees for one event. */
export interface AuditRuleContext {
  event: AuditEvent;
  options: AuditOptions;
  /** The event's time in ms since the epoch (requestReceivedTimestamp, else stageTimestamp; 0 when neither parses). */
  readonly time: number;
  /** Pods seen created in this stream, by "namespace/name". */
  pods: BoundedMap<string, PodFacts>;
  /** Findings of the host-access pod checks on the requestObject (computed once per event, on first call). */
  hostAccessFindings(): readonly ObjectFinding[];
}

/** A rule's verdict on one event: at most one alert per rule per event. */
export interface RuleHit {
  message: string;
  /** When one rule's alerts differ in severity (exec into kube-system); otherwise the rule's severity. */
  severity?: Severity;
}

/**
 * An example: one event, or a sequence (for stateful rules) with the number of alerts of this rule it raises
 * over the whole sequence (default: 1 for a failing example, 0 for a passing one), the severity of the last one,
 * and the options it runs with.
 */
export type AuditExample = AuditEvent | { events: AuditEvent[]; alerts?: number; severity?: Severity; options?: Partial<AuditOptions> };

export interface AuditRuleMeta {
  /** Stable kebab-case id, equal to the file name. */
  id: string;
  title: string;
  severity: Severity;
  /** MITRE ATT&CK technique ids (src/frameworks/mitre.ts). */
  mitre: string[];
  description: string;
  /** What to do when it fires. */
  response: string;
  /** Falco k8saudit rule names this rule covers, so users can map their alerts. */
  falco?: string[];
  examples: { fail: AuditExample[]; pass: AuditExample[] };
}

export interface AuditRule<S = unknown> extends AuditRuleMeta {
  /** A stateful rule's fresh state (one per engine: a scan, or a sink's lifetime). Keep it bounded. */
  init?(options: AuditOptions): S;
  run(ctx: AuditRuleContext, state: S): RuleHit | undefined;
}

/** Identity function that gives rule files their type. */
export function defineAuditRule<S = undefined>(rule: AuditRule<S>): AuditRule<S> {
  return rule;
}

export interface ExampleSequence { events: AuditEvent[]; alerts?: number; severity?: Severity; options?: Partial<AuditOptions> }

/** An example as a sequence (a single event is a sequence of one, which raises one alert when failing). */
export function exampleSequence(example: AuditExample): ExampleSequence & { single: boolean } {
  if (Array.isArray(example.events) && !('verb' in example)) return { ...(example as ExampleSequence), single: false };
  return { events: [example as AuditEvent], single: true };
}
