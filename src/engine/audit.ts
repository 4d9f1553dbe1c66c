import { AUDIT_RULES, BoundedMap, DEFAULT_AUDIT_OPTIONS, type AuditOptions, type AuditRule, type AuditRuleContext, type ObjectFinding, type PodFacts } from '../audit/index.js';
import { CHECKS } from '../checks/index.js';
import type { AuditAlert, AuditEvent } from '../model/audit.js';
import { Inventory } from '../model/inventory.js';
import { asRecord, asString, isRecord, stringMap, type K8sObject } from '../model/object.js';
import { podSpecsOf } from '../model/pod-specs.js';
import { fixedPositions } from '../model/position.js';
import { RequestError } from './errors.js';

export type { AuditOptions } from '../audit/index.js';
import { runChecks } from './run-checks.js';

/** The manifest checks that judge a pod's access to its node: the audit rules run them on request bodies. */
export const HOST_ACCESS_CHECKS = ['privileged-container', 'host-pid', 'host-ipc', 'host-network', 'host-path-volume'] as const;
const hostAccessChecks = CHECKS.filter((c) => (HOST_ACCESS_CHECKS as readonly string[]).includes(c.id));

/**
 * Stages the rules judge: a request once, when its response is complete (or the handler panicked); and a failed
 * authentication, which the API server records only at ResponseStarted (with code 401).
 */
const JUDGED_STAGES = new Set(['ResponseComplete', 'Panic', undefined]);
const judged = (e: AuditEvent) => JUDGED_STAGES.has(e.stage) || (e.stage === 'ResponseStarted' && e.responseStatus?.code === 401);

/** The audit rules over a stream of events, with their state: one per scan, or per sink lifetime. Pure: no I/O. */
export interface AuditEngine {
  readonly rules: readonly AuditRule[];
  readonly options: AuditOptions;
  /** The alerts of one event: at most one per rule, in rule order. */
  process(event: AuditEvent): AuditAlert[];
  /** Rules that threw on an event (a bug, or an event of a shape nobody foresaw): counted, the others still ran. */
  readonly ruleErrors: number;
}

/**
 * The object written, as a K8sObject the manifest checks can judge (no positions: findings are not located in
 * files): the response body when it is a whole object (a patch's request body is only the patch), else the request's.
 */
function requestObjectOf(event: AuditEvent): K8sObject | undefined {
  const response = asRecord(event.responseObject);
  const raw = response && typeof response.kind === 'string' && response.kind !== 'Status' ? response : asRecord(event.requestObject);
  if (!raw || typeof raw.kind !== 'string') return undefined;
  const md = asRecord(raw.metadata) ?? {};
  const ns = asString(md.namespace) ?? event.objectRef?.namespace;
  return {
    id: 0, apiVersion: asString(raw.apiVersion) ?? '', kind: raw.kind, name: asString(md.name) ?? event.objectRef?.name ?? '',
    ...(ns ? { namespace: ns } : {}), labels: stringMap(md.labels), annotations: stringMap(md.annotations), raw,
    source: { file: `audit:${event.auditID ?? ''}`, document: 0, pointerPrefix: '', positions: fixedPositions({ line: 0, column: 0 }) },
  };
}

/** Whether a pod spec has any field the host-access checks look at (a cheap filter before running them). */
function mayReachHost(spec: Record<string, unknown>): boolean {
  if (spec.hostPID === true || spec.hostIPC === true || spec.hostNetwork === true) return true;
  if (Array.isArray(spec.volumes) && spec.volumes.some((v) => asRecord(v)?.hostPath !== undefined)) return true;
  for (const list of [spec.containers, spec.initContainers, spec.ephemeralContainers]) {
    if (Array.isArray(list) && list.some((c) => asRecord(asRecord(c)?.securityContext)?.privileged === true)) return true;
  }
  return false;
}

function hostAccessOf(event: AuditEvent): ObjectFinding[] {
  const object = requestObjectOf(event);
  if (!object || !podSpecsOf(object).some((p) => mayReachHost(p.spec))) return [];
  return runChecks(hostAccessChecks, new Inventory([object]), []).filter((f) => f.checkId !== 'internal-error').map((f) => ({ checkId: f.checkId, message: f.message }));
}

function podKey(event: AuditEvent): string | undefined {
  const name = event.objectRef?.name ?? asString(asRecord(asRecord(event.responseObject)?.metadata)?.name) ?? asString(asRecord(asRecord(event.requestObject)?.metadata)?.name);
  return name ? `${event.objectRef?.namespace ?? ''}/${name}` : undefined;
}

/** Settings merged over the defaults; a bad allow-list entry is a RequestError. */
export function createAuditEngine(settings: Partial<AuditOptions> = {}, rules: readonly AuditRule[] = AUDIT_RULES): AuditEngine {
  const options: AuditOptions = { ...DEFAULT_AUDIT_OPTIONS, ...settings };
  const states = rules.map((r) => {
    try {
      return r.init?.(options);
    } catch (err) {
      throw new RequestError(`audit rule ${r.id}: ${(err as Error).message}`);
    }
  });
  const pods = new BoundedMap<string, PodFacts>(options.stateCapacity);
  let ruleErrors = 0;
  let cached: { event: AuditEvent; findings: ObjectFinding[] } | undefined;
  // The event's time is parsed only when a rule asks for it (most events reach no stateful rule).
  let time: number | undefined;
  const ctx: AuditRuleContext = {
    event: {} as AuditEvent, options, pods,
    get time() {
      if (time === undefined) {
        const when = ctx.event.requestReceivedTimestamp ?? ctx.event.stageTimestamp;
        const parsed = typeof when === 'string' ? Date.parse(when) : NaN;
        time = Number.isNaN(parsed) ? 0 : parsed;
      }
      return time;
    },
    hostAccessFindings: () => {
      if (cached?.event !== ctx.event) cached = { event: ctx.event, findings: hostAccessOf(ctx.event) };
      return cached.findings;
    },
  };
  return {
    rules, options,
    get ruleErrors() {
      return ruleErrors;
    },
    process(event: AuditEvent): AuditAlert[] {
      if (!isRecord(event) || !judged(event)) return [];
      ctx.event = event;
      time = undefined;
      const when = event.requestReceivedTimestamp ?? event.stageTimestamp;
      const alerts: AuditAlert[] = [];
      for (let i = 0; i < rules.length; i++) {
        const rule = rules[i]!;
        let hit;
        try {
          hit = rule.run(ctx, states[i]);
        } catch {
          ruleErrors++;
          continue;
        }
        if (!hit) continue;
        alerts.push({
          rule: rule.id, severity: hit.severity ?? rule.severity, auditID: event.auditID ?? '', time: typeof when === 'string' ? when : '',
          user: event.user?.username ?? '', verb: event.verb ?? '', objectRef: event.objectRef ?? null, message: hit.message,
        });
      }
      // Remember the pods created (after the rules: a pod is not "seen" by its own creation's rules).
      const r = event.objectRef;
      if (event.verb === 'create' && r?.resource === 'pods' && !r.subresource && (r.apiGroup ?? '') === '') {
        const code = event.responseStatus?.code ?? 0;
        const key = podKey(event);
        if (key && code >= 200 && code < 300) pods.set(key, { hostAccess: ctx.hostAccessFindings().map((f) => f.checkId) });
      }
      return alerts;
    },
  };
}
