import type { Check, CheckOptions, Issue } from '../checks/define.js';
import type { Finding } from '../model/finding.js';
import { fingerprint } from '../model/fingerprint.js';
import type { Inventory } from '../model/inventory.js';
import { locate, objectRef, type K8sObject } from '../model/object.js';
import type { LoadProblem } from '../model/problem.js';

export interface RunOptions {
  /** Per-check options from configuration, by check id. */
  checkOptions?: Record<string, CheckOptions>;
}

function toFinding(check: Check, object: K8sObject, issue: Issue): Finding {
  const ref = objectRef(object);
  const f: Finding = {
    checkId: check.id,
    severity: issue.severity ?? check.severity,
    title: check.title,
    message: issue.message,
    category: check.category,
    object: ref,
    location: locate(object, issue.path),
    path: issue.path,
    remediation: check.remediation,
    frameworks: check.frameworks,
    fingerprint: fingerprint(check.id, ref, issue.path),
  };
  if (issue.evidence) f.evidence = issue.evidence;
  return f;
}

function problemFinding(check: Check, p: LoadProblem): Finding {
  const location: Finding['location'] = { file: p.file, line: p.line, column: p.column };
  if (p.document !== undefined) location.document = p.document;
  return {
    checkId: check.id,
    severity: p.severity ?? check.severity,
    title: check.title,
    message: p.message,
    category: check.category,
    location,
    path: '',
    remediation: check.remediation,
    frameworks: check.frameworks,
    fingerprint: fingerprint(check.id, undefined, '', `${p.file}\u0000${p.document ?? ''}\u0000${p.message}`),
  };
}

function helpers(base: string) {
  const path = (rel = '') => (rel === '' ? base : rel.startsWith('/') ? base + rel : `${base}/${rel}`);
  return { path, at: (rel: string, message: string, evidence?: Issue['evidence']): Issue => ({ path: path(rel), message, ...(evidence ? { evidence } : {}) }) };
}

/**
 * Run checks over an inventory and the problems met while loading it. Pure: no I/O. A check that
 * throws (a bug, or input of a shape nobody foresaw) does not stop the scan: the error becomes an
 * `internal-error` finding on that object.
 */
export function runChecks(checks: readonly Check[], inventory: Inventory, problems: readonly LoadProblem[], opts: RunOptions = {}): Finding[] {
  const out: Finding[] = [];
  const guard = (check: Check, object: K8sObject | undefined, fn: () => void) => {
    try {
      fn();
    } catch (err) {
      const message = `check ${check.id} failed on this object: ${err instanceof Error ? err.message : String(err)}`;
      if (object) out.push({ ...toFinding(check, object, { path: '', message }), checkId: 'internal-error', severity: 'info', title: 'A check failed to run' });
    }
  };
  const byCode = new Map<string, Check>();
  for (const check of checks) {
    const options = opts.checkOptions?.[check.id] ?? {};
    switch (check.subject) {
      case 'container':
        for (const c of inventory.containers()) {
          const object = c.pod.object;
          guard(check, object, () => {
            for (const issue of check.run({ ...helpers(c.path), inventory, options, object, container: c, pod: c.pod })) out.push(toFinding(check, object, issue));
          });
        }
        break;
      case 'pod':
        for (const pod of inventory.podSpecs()) {
          guard(check, pod.object, () => {
            for (const issue of check.run({ ...helpers(pod.path), inventory, options, object: pod.object, pod })) out.push(toFinding(check, pod.object, issue));
          });
        }
        break;
      case 'object': {
        const pool = check.kinds ? check.kinds.flatMap((k) => inventory.byKind(k)) : inventory.objects;
        for (const object of pool) {
          guard(check, object, () => {
            for (const issue of check.run({ ...helpers(''), inventory, options, object })) out.push(toFinding(check, object, issue));
          });
        }
        break;
      }
      case 'inventory':
        guard(check, undefined, () => {
          for (const { object, issue } of check.run({ inventory, options })) out.push(toFinding(check, object, issue));
        });
        break;
      case 'load':
        for (const code of check.codes) byCode.set(code, check);
        break;
    }
  }
  for (const p of problems) {
    const check = byCode.get(p.code);
    if (check) out.push(problemFinding(check, p));
  }
  return out;
}
