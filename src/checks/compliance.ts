import type { Check } from './define.js';
import { evaluationsFor } from './shared/pss-check.js';
import type { ControlCompliance, FrameworkCompliance } from '../frameworks/compliance.js';
import type { Framework } from '../frameworks/catalog.js';
import type { Need } from '../frameworks/needs.js';
import type { PssSetting } from '../frameworks/pss-policy.js';
import type { Finding, ObjectRef } from '../model/finding.js';
import type { Inventory } from '../model/inventory.js';
import type { K8sObject } from '../model/object.js';
import { componentsOf } from '../model/components.js';
import { POD_SPEC_KINDS } from '../model/pod-specs.js';

export type { ControlCompliance, ControlStatus, FrameworkCompliance } from '../frameworks/compliance.js';

export interface ComplianceInput {
  inventory: Inventory;
  /** Every check kubeward has (to tell "no check covers it" from "its checks were not run"). */
  allChecks: readonly Check[];
  /** The checks that ran. */
  ran: readonly Check[];
  /** Findings after policy (suppressed ones are accepted risks and do not fail a resource). */
  findings: readonly Finding[];
  /** The inputs the scan was given; a manifest scan gives only `manifests`. */
  inputs: readonly Need[];
  pss?: PssSetting;
  /**
   * Kinds the source could not list (a live cluster's RBAC-limited credentials), with the warning text. A control
   * whose checks read such a kind is never "passed": it is "not evaluated" unless a finding already failed it.
   */
  notCollected?: readonly { kind: string; what: string }[];
}

const refKey = (r: ObjectRef) => `${r.kind}\u0000${r.namespace ?? ''}\u0000${r.name}`;
const objKey = (o: K8sObject) => `${o.kind}\u0000${o.namespace ?? ''}\u0000${o.name}`;
const INPUT = '\u0001input';

/** The resources a check judged: object keys (or the whole input, for inventory-wide analyses). */
function judged(check: Check, inv: Inventory, pss: PssSetting | undefined): Set<string> {
  const out = new Set<string>();
  if (check.subject === 'container' || check.subject === 'pod') {
    const control = check.frameworks.pss?.control;
    for (const pod of inv.podSpecs()) {
      // A Pod Security check judged a pod only where its namespace labels or --pss include the control.
      if (control && evaluationsFor({ pod, inventory: inv, ...(pss ? { pss } : {}) }, control).length === 0) continue;
      out.add(objKey(pod.object));
    }
  } else if (check.subject === 'object') {
    for (const o of inv.objects) if (!check.kinds || check.kinds.includes(o.kind)) out.add(objKey(o));
  } else if (check.subject === 'component') {
    // A kubelet whose configuration file could not be read is not judged (its settings are unknown).
    for (const c of componentsOf(inv)) if (c.name === check.component && !(c.configPath && !c.config)) out.add(objKey(c.object));
  } else if (check.subject === 'inventory') {
    out.add(INPUT);
  }
  return out;
}

const RBAC_KINDS = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ServiceAccount'];

/** The kinds a check reads (undefined: it may read any kind, e.g. a whole-inventory analysis). */
function kindsRead(check: Check): readonly string[] | undefined {
  switch (check.subject) {
    case 'container':
    case 'pod':
      return POD_SPEC_KINDS;
    case 'object':
      return check.kinds;
    case 'component':
      return ['Pod'];
    case 'inventory':
      // RBAC analyses read the RBAC objects, service accounts and the workloads that use them.
      return check.category === 'rbac' ? [...RBAC_KINDS, ...POD_SPEC_KINDS] : undefined;
    default:
      return undefined;
  }
}

/** The inputs of these checks that were not collected, as warning texts (empty when everything they read was). */
function missingInputs(checks: readonly Check[], notCollected: readonly { kind: string; what: string }[]): string[] {
  if (notCollected.length === 0) return [];
  const out = new Set<string>();
  for (const c of checks) {
    const kinds = kindsRead(c);
    for (const n of notCollected) if (!kinds || kinds.includes(n.kind)) out.add(n.what);
  }
  return [...out];
}

const byKeyCache = new WeakMap<Inventory, Map<string, K8sObject>>();
function objectsByKey(inv: Inventory): Map<string, K8sObject> {
  let m = byKeyCache.get(inv);
  if (!m) {
    byKeyCache.set(inv, (m = new Map()));
    for (const o of inv.objects) m.set(objKey(o), o);
  }
  return m;
}

const judgedCaches = new WeakMap<Inventory, Map<string, Map<string, Set<string>>>>();

/** Per control of a framework: passed, failed or not evaluated (and why), with resource counts; and the score. Pure. */
export function frameworkCompliance(framework: Framework, input: ComplianceInput): FrameworkCompliance {
  const inputs = new Set(input.inputs);
  const ranIds = new Set(input.ran.map((c) => c.id));
  // Shared by every framework scored over the same inventory and setting.
  let byInventory = judgedCaches.get(input.inventory);
  if (!byInventory) judgedCaches.set(input.inventory, (byInventory = new Map()));
  const settingKey = input.pss ? `${input.pss.level}:${input.pss.minor}` : 'default';
  let judgedCache = byInventory.get(settingKey);
  if (!judgedCache) byInventory.set(settingKey, (judgedCache = new Map()));
  const failedBy = new Map<string, Set<string>>();
  // A kubelet setting found wrong in its configuration file fails the kubelet (the process that reads the file).
  const alias = new Map<string, string>();
  for (const c of componentsOf(input.inventory)) if (c.config && c.config !== c.object) alias.set(objKey(c.config), objKey(c.object));
  // Per check and control: a finding fails the controls of its own references (an issue may name only some of
  // its check's CIS controls).
  for (const f of input.findings) {
    const k = f.object ? refKey(f.object) : INPUT;
    for (const id of framework.controlsOf(f.frameworks)) {
      const key = `${f.checkId}\u0000${id}`;
      let s = failedBy.get(key);
      if (!s) failedBy.set(key, (s = new Set()));
      s.add(alias.get(k) ?? k);
    }
  }
  const controls = framework.controls.map((control): ControlCompliance => {
    const mapped = input.allChecks.filter((c) => framework.controlsOf(c.frameworks).includes(control.id));
    const ran = mapped.filter((c) => ranIds.has(c.id) && c.subject !== 'load');
    const base = { id: control.id, title: control.title, needs: control.needs, checks: ran.map((c) => c.id), resources: 0, passedResources: 0 };
    const notEvaluated = (reason: string): ControlCompliance => ({ ...base, status: 'not-evaluated', reason });
    if (!inputs.has(control.needs)) return notEvaluated(`needs ${control.needs} input, which this scan was not given`);
    if (mapped.length === 0) return notEvaluated('no kubeward check covers it');
    if (ran.length === 0) return notEvaluated('its checks were not run (--checks / --skip-checks, or outside the --pss level and version)');
    const resources = new Set<string>();
    const failing = new Set<string>();
    for (const c of ran) {
      let j = judgedCache.get(c.id);
      if (!j) judgedCache.set(c.id, (j = judged(c, input.inventory, input.pss)));
      const only = framework.id === 'cis' && c.subject === 'object' && c.cisJudged ? c.cisJudged : undefined;
      for (const k of j) if (!only || only(objectsByKey(input.inventory).get(k)!).includes(control.id)) resources.add(k);
      for (const k of failedBy.get(`${c.id}\u0000${control.id}`) ?? []) {
        resources.add(k);
        failing.add(k);
      }
    }
    // An inventory-wide check that found something has named the objects; the input as a whole is not a resource then.
    if (failing.size > 0 && resources.has(INPUT) && !failing.has(INPUT)) resources.delete(INPUT);
    const missing = failing.size > 0 ? [] : missingInputs(ran, input.notCollected ?? []);
    if (missing.length > 0) return notEvaluated(`what its checks read was not collected: ${missing.slice(0, 3).join('; ')}${missing.length > 3 ? `; and ${missing.length - 3} more` : ''}`);
    if (resources.size === 0) {
      return notEvaluated(ran.some((c) => c.subject === 'component')
        ? `no ${[...new Set(ran.flatMap((c) => (c.subject === 'component' ? [c.component] : [])))].join(' or ')} in the input (static pod manifests, a live cluster's kube-system pods, or kubeward node)`
        : 'nothing in the input it applies to (no such objects, or excluded by --pss / namespace labels)');
    }
    const passedResources = resources.size - failing.size;
    return { ...base, status: failing.size > 0 ? 'failed' : 'passed', resources: resources.size, passedResources };
  });
  const evaluated = controls.filter((c) => c.status !== 'not-evaluated');
  const score = evaluated.length === 0 ? null : evaluated.reduce((s, c) => s + c.passedResources / c.resources, 0) / evaluated.length;
  return {
    framework: framework.id,
    title: framework.title,
    version: framework.version,
    score,
    passed: evaluated.filter((c) => c.status === 'passed').length,
    failed: evaluated.filter((c) => c.status === 'failed').length,
    notEvaluated: controls.length - evaluated.length,
    controls,
  };
}
