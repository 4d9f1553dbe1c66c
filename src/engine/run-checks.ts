import { subjectPaths } from '../checks/context.js';
import type { Check, CheckOptions, ComponentContext, ContainerContext, Issue, ObjectContext, PodContext } from '../checks/define.js';
import { componentsOf } from '../model/components.js';
import { makeFinding, type Finding, type ObjectRef } from '../model/finding.js';
import { identityState, sourceState, type HashState } from '../model/fingerprint.js';
import type { Inventory } from '../model/inventory.js';
import { locate, objectRef, type K8sObject } from '../model/object.js';
import type { LoadProblem } from '../model/problem.js';
import type { PssSetting } from '../frameworks/pss-policy.js';

export interface RunOptions {
  /** Per-check options from configuration, by check id. */
  checkOptions?: Record<string, CheckOptions>;
  /** The `--pss` setting for Pod Security checks (default: every control at its own level, latest version). */
  pss?: PssSetting;
}

type Of<S extends Check['subject']> = Extract<Check, { subject: S }>;

/** Per object, computed once for all its findings: the shared ObjectRef and its identity hash state. */
const identities = new WeakMap<K8sObject, { ref: ObjectRef; state: HashState }>();
function identityOf(object: K8sObject): { ref: ObjectRef; state: HashState } {
  let id = identities.get(object);
  if (!id) {
    const ref = objectRef(object);
    identities.set(object, (id = { ref, state: identityState(ref) }));
  }
  return id;
}

function toFinding(check: Check, object: K8sObject, issue: Issue): Finding {
  const { ref, state } = identityOf(object);
  return makeFinding(check, issue, { object: ref, location: locate(object, issue.path), identity: state });
}

/** A load problem: no object, so its identity is the file, the document and the message. */
function problemFinding(check: Check, p: LoadProblem): Finding {
  const location: Finding['location'] = { file: p.file, line: p.line, column: p.column };
  if (p.document !== undefined) location.document = p.document;
  const issue = p.severity ? { path: '', message: p.message, severity: p.severity } : { path: '', message: p.message };
  return makeFinding(check, issue, { location, identity: sourceState(`${p.file}\u0000${p.document ?? ''}\u0000${p.message}`) });
}

/**
 * Run checks over an inventory and the problems met while loading it. Pure: no I/O.
 *
 * Subjects are the outer loop, checks the inner one; one context per subject kind is moved from
 * subject to subject, so nothing is allocated per subject × check but the findings themselves. A check that throws (a bug, or input of a shape nobody foresaw) does
 * not stop the scan: the error becomes an `internal-error` finding on that object.
 */
export function runChecks(checks: readonly Check[], inventory: Inventory, problems: readonly LoadProblem[], opts: RunOptions = {}): Finding[] {
  const out: Finding[] = [];
  const optionsOf = (c: Check) => opts.checkOptions?.[c.id] ?? {};
  const failed = (check: Check, object: K8sObject, err: unknown) => {
    const message = `check ${check.id} failed on this object: ${err instanceof Error ? err.message : String(err)}`;
    out.push({ ...toFinding(check, object, { path: '', message }), checkId: 'internal-error', severity: 'info', title: 'A check failed to run' });
  };
  const run = <C extends { run(ctx: X): Issue[] } & Check, X extends { options: CheckOptions }>(list: C[], ctx: X, object: K8sObject) => {
    for (const check of list) {
      ctx.options = optionsOf(check);
      try {
        const issues = check.run(ctx);
        for (let i = 0; i < issues.length; i++) out.push(toFinding(check, issues[i]!.on ?? object, issues[i]!));
      } catch (err) {
        failed(check, object, err);
      }
    }
  };

  // One context per subject kind, moved from subject to subject (see subjectPaths).
  const paths = subjectPaths();
  const { path, at } = paths;
  const containerChecks = checks.filter((c): c is Of<'container'> => c.subject === 'container');
  if (containerChecks.length) {
    const ctx = { path, at, inventory, options: {}, ...(opts.pss ? { pss: opts.pss } : {}) } as ContainerContext;
    for (const c of inventory.containers()) {
      paths.moveTo(c.path);
      ctx.object = c.pod.object;
      ctx.container = c;
      ctx.pod = c.pod;
      run(containerChecks, ctx, c.pod.object);
    }
  }
  const podChecks = checks.filter((c): c is Of<'pod'> => c.subject === 'pod');
  if (podChecks.length) {
    const ctx = { path, at, inventory, options: {}, ...(opts.pss ? { pss: opts.pss } : {}) } as PodContext;
    for (const pod of inventory.podSpecs()) {
      paths.moveTo(pod.path);
      ctx.object = pod.object;
      ctx.pod = pod;
      run(podChecks, ctx, pod.object);
    }
  }
  const objectChecks = checks.filter((c): c is Of<'object'> => c.subject === 'object');
  if (objectChecks.length) {
    paths.moveTo('');
    const anyKind = objectChecks.filter((c) => !c.kinds);
    const byKind = new Map<string, Of<'object'>[]>();
    for (const c of objectChecks) for (const k of c.kinds ?? []) byKind.set(k, [...(byKind.get(k) ?? anyKind), c]);
    const ctx = { path, at, inventory, options: {}, ...(opts.pss ? { pss: opts.pss } : {}) } as ObjectContext;
    for (const object of inventory.objects) {
      const list = byKind.get(object.kind) ?? anyKind;
      if (list.length === 0) continue;
      ctx.object = object;
      run(list, ctx, object);
    }
  }
  const componentChecks = checks.filter((c): c is Of<'component'> => c.subject === 'component');
  if (componentChecks.length) {
    paths.moveTo('');
    const ctx = { path, at, inventory, options: {} } as ComponentContext;
    for (const component of componentsOf(inventory)) {
      const list = componentChecks.filter((c) => c.component === component.name);
      if (list.length === 0) continue;
      ctx.object = component.object;
      ctx.component = component;
      run(list, ctx, component.object);
    }
  }
  for (const check of checks) {
    if (check.subject !== 'inventory') continue;
    try {
      for (const { object, issue } of check.run({ inventory, options: optionsOf(check), ...(opts.pss ? { pss: opts.pss } : {}) })) out.push(toFinding(check, object, issue));
    } catch (err) {
      // No single object to report on: the failure is a finding of its own, so it is never silent.
      const message = `check ${check.id} failed: ${err instanceof Error ? err.message : String(err)}`;
      out.push({ ...problemFinding(check, { code: check.id, message, file: '<inventory>', line: 1, column: 1 }), checkId: 'internal-error', severity: 'info', title: 'A check failed to run' });
    }
  }
  const byCode = new Map<string, Check>();
  for (const check of checks) if (check.subject === 'load') for (const code of check.codes) byCode.set(code, check);
  // A problem whose code no load check claims is reported as invalid-manifest rather than dropped.
  const fallback = checks.find((c) => c.id === 'invalid-manifest');
  for (const p of problems) {
    const check = byCode.get(p.code) ?? fallback;
    if (check) out.push(problemFinding(check, p));
  }
  return out;
}
