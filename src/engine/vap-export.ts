/**
 * Built-in checks as Kubernetes ValidatingAdmissionPolicies (`kubeward policy export-vap`): each check whose file
 * carries a `vap` section becomes one `admissionregistration.k8s.io/v1` ValidatingAdmissionPolicy and one binding.
 * Pure: objects in, objects out; the CLI serialises them.
 */
import type { Check, VapExport, VapResources } from '../checks/define.js';
import { CHECKS } from '../checks/index.js';
import { WORKLOAD_VARIABLES } from '../checks/shared/vap.js';
import { IGNORE_ANNOTATION } from '../policy/annotation-exceptions.js';
import { selectChecks } from '../policy/select-checks.js';
import { RequestError } from './errors.js';

export const VAP_ACTIONS = ['Deny', 'Warn', 'Audit'] as const;
export type VapAction = (typeof VAP_ACTIONS)[number];

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

export interface VapExportRequest {
  /** Check ids or aliases (default: every check). */
  checks?: readonly string[];
  /** Check ids or aliases to leave out. */
  skipChecks?: readonly string[];
  /** The bindings' validationActions (default Deny). Warn and Deny together are refused, as the API server does. */
  actions?: readonly VapAction[];
  /** Namespaces the bindings apply to (default: every namespace but kube-system). */
  namespaceSelector?: LabelSelector;
}

export interface NotExported {
  id: string;
  reason: string;
}

export interface VapExportResult {
  /** Policy, binding, policy, binding, … in check order. */
  objects: Record<string, unknown>[];
  exported: string[];
  notExported: NotExported[];
  /** What each exported policy fixes that a scan can vary (options at their defaults, the Pod Security version), by check id. */
  baked: Record<string, string>;
}

/** The pod-spec kinds (and their API groups) a `match: 'workloads'` policy covers. */
export const WORKLOAD_RESOURCES: readonly VapResources[] = [
  { apiGroups: [''], apiVersions: ['v1'], resources: ['pods', 'pods/ephemeralcontainers', 'replicationcontrollers'] },
  { apiGroups: ['apps'], apiVersions: ['v1'], resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'] },
  { apiGroups: ['batch'], apiVersions: ['v1'], resources: ['jobs', 'cronjobs'] },
];

export const DEFAULT_NAMESPACE_SELECTOR: LabelSelector = {
  matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }],
};

/** Why a check has no policy: its own reason, or what its subject needs that one admitted object does not hold. */
function unsupportedReason(check: Check): string | undefined {
  const vap: VapExport | undefined = check.vap;
  if (vap && 'unsupported' in vap) return vap.unsupported;
  if (vap) return undefined;
  switch (check.subject) {
    case 'inventory': return 'judges several objects together (cross-object), which a policy over one admitted object cannot';
    case 'component': return 'judges a control-plane or node component (flags, files), not an object the API server admits';
    case 'dockerfile': return 'judges a Dockerfile, not a Kubernetes object';
    case 'image': case 'image-use': return 'needs the container image itself (config, files, vulnerabilities, signatures)';
    case 'load': return 'reports problems reading manifest files';
    default: return 'not expressed in CEL yet';
  }
}

const cel = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Skip objects whose own `kubeward.io/ignore` annotation names the check (by id) or `*`, as a scan does. */
function ignoreCondition(id: string): { name: string; expression: string } {
  const a = 'object.metadata.annotations';
  return {
    name: 'not-ignored',
    expression: `!has(${a}) || !(${cel(IGNORE_ANNOTATION)} in ${a}) || !${a}[${cel(IGNORE_ANNOTATION)}].split(':')[0].split(',').exists(n, n.trim() in [${cel(id)}, '*'])`,
  };
}

export function policyName(id: string): string {
  return `kubeward-${id}`;
}

export function bindingName(id: string, actions: readonly VapAction[]): string {
  return `kubeward-${id}-${actions.map((a) => a.toLowerCase()).join('-')}`;
}

function policyFor(check: Check, vap: Exclude<VapExport, { unsupported: string }>): Record<string, unknown> {
  const workloads = vap.match === 'workloads';
  const annotations: Record<string, string> = { 'kubeward.io/check': check.id, 'kubeward.io/severity': check.severity, 'kubeward.io/title': check.title };
  if (vap.baked) annotations['kubeward.io/baked'] = vap.baked;
  const variables = [...(workloads ? WORKLOAD_VARIABLES : []), ...(vap.variables ?? [])];
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name: policyName(check.id), labels: { 'app.kubernetes.io/managed-by': 'kubeward' }, annotations },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules: (workloads ? WORKLOAD_RESOURCES : (vap.match as VapResources[])).map((r) => ({ ...r, operations: ['CREATE', 'UPDATE'] })),
      },
      matchConditions: [ignoreCondition(check.id)],
      ...(variables.length ? { variables: variables.map((v) => ({ ...v })) } : {}),
      validations: vap.validations.map((v) => ({ expression: v.expression, message: `${check.id}: ${v.message}`, reason: 'Forbidden' })),
    },
  };
}

export function exportVap(checks: readonly Check[], req: VapExportRequest = {}): VapExportResult {
  const actions = req.actions?.length ? [...new Set(req.actions)] : (['Deny'] as VapAction[]);
  if (actions.includes('Deny') && actions.includes('Warn')) throw new RequestError('validation actions Deny and Warn cannot be combined (the API server refuses the binding): pick one, with or without Audit');
  const { selected, unknown } = selectChecks(checks, { checks: req.checks, skipChecks: req.skipChecks });
  if (unknown.length) throw new RequestError(`unknown check${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  const objects: Record<string, unknown>[] = [];
  const exported: string[] = [];
  const notExported: NotExported[] = [];
  const baked: Record<string, string> = {};
  for (const check of selected) {
    const reason = unsupportedReason(check);
    if (reason !== undefined || !check.vap || 'unsupported' in check.vap) {
      notExported.push({ id: check.id, reason: reason ?? 'not expressed in CEL yet' });
      continue;
    }
    exported.push(check.id);
    if (check.vap.baked) baked[check.id] = check.vap.baked;
    objects.push(policyFor(check, check.vap), {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: bindingName(check.id, actions), labels: { 'app.kubernetes.io/managed-by': 'kubeward' } },
      spec: {
        policyName: policyName(check.id),
        validationActions: actions,
        matchResources: { namespaceSelector: structuredClone(req.namespaceSelector ?? DEFAULT_NAMESPACE_SELECTOR) },
      },
    });
  }
  return { objects, exported, notExported, baked };
}

/** Every built-in check (or those `req` selects) as policies and bindings. */
export function exportCheckPolicies(req: VapExportRequest = {}): VapExportResult {
  return exportVap(CHECKS, req);
}

/**
 * A label selector in kubectl's syntax: `k=v`, `k==v`, `k!=v`, `k`, `!k`, `k in (a,b)`, `k notin (a,b)`, comma-separated.
 */
export function parseLabelSelector(text: string): LabelSelector {
  const parts: string[] = [];
  let depth = 0, cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) (parts.push(cur), (cur = ''));
    else cur += ch;
  }
  parts.push(cur);
  const out: Required<LabelSelector> = { matchLabels: {}, matchExpressions: [] };
  const bad = (p: string) => new RequestError(`namespace selector: cannot read ${JSON.stringify(p.trim())} (expected k=v, k!=v, k, !k, k in (a,b) or k notin (a,b))`);
  for (const raw of parts) {
    const p = raw.trim();
    if (!p) throw bad(raw);
    let m: RegExpMatchArray | null;
    if ((m = p.match(/^([^\s=!(),]+)\s+(in|notin)\s+\(([^)]*)\)$/))) {
      const values = m[3]!.split(',').map((v) => v.trim()).filter(Boolean);
      out.matchExpressions.push({ key: m[1]!, operator: m[2] === 'in' ? 'In' : 'NotIn', values });
    } else if ((m = p.match(/^([^\s=!(),]+)\s*!=\s*([^\s=!(),]*)$/))) {
      out.matchExpressions.push({ key: m[1]!, operator: 'NotIn', values: [m[2]!] });
    } else if ((m = p.match(/^([^\s=!(),]+)\s*==?\s*([^\s=!(),]*)$/))) {
      out.matchLabels[m[1]!] = m[2]!;
    } else if ((m = p.match(/^!\s*([^\s=!(),]+)$/))) {
      out.matchExpressions.push({ key: m[1]!, operator: 'DoesNotExist' });
    } else if ((m = p.match(/^([^\s=!(),]+)$/))) {
      out.matchExpressions.push({ key: m[1]!, operator: 'Exists' });
    } else throw bad(p);
  }
  const sel: LabelSelector = {};
  if (Object.keys(out.matchLabels).length) sel.matchLabels = out.matchLabels;
  if (out.matchExpressions.length) sel.matchExpressions = out.matchExpressions;
  return sel;
}
