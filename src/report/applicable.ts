import type { Finding, ObjectRef } from '../model/finding.js';
import { knownChecks } from './known-checks.js';
import { objectKey } from './object-key.js';
import type { Report, ReportCheck, ReportObject } from './report.js';

/** True when the check ran on the object (so no finding means it passed there). */
export function isApplicable(check: ReportCheck, object: ReportObject): boolean {
  switch (check.subject) {
    case 'container':
    case 'pod':
      return object.podSpec && !object.pssNotJudged?.includes(check.id);
    case 'object':
      return check.kinds ? check.kinds.includes(object.kind) : true;
    case 'inventory':
    case 'load':
    case 'dockerfile':
      // Whole-inventory analyses and input problems: only their failures are known.
      return false;
  }
}

/** One check evaluated on one object (or, for findings without an object, on one file). */
export interface Evaluation {
  object?: ObjectRef;
  file: string;
  line: number;
  /** Empty when the check passed on the object. */
  findings: Finding[];
}

export interface CheckEvaluations {
  check: ReportCheck;
  evaluations: Evaluation[];
}

function refOf(o: ReportObject): ObjectRef {
  const ref: ObjectRef = { apiVersion: o.apiVersion, kind: o.kind, name: o.name };
  if (o.namespace !== undefined) ref.namespace = o.namespace;
  return ref;
}

const findingKey = (f: Finding): string => (f.object ? objectKey(f.object) : `\u0001file\u0001${f.location.file}`);

/**
 * Every (check × object) evaluation of a report: for each known check, the objects it applies to
 * (passing or failing), then any further object or file it has findings on. Every finding lands in
 * exactly one evaluation. Objects listed twice under one identity count once.
 */
export function evaluations(report: Report): CheckEvaluations[] {
  const byCheck = new Map<string, Map<string, Finding[]>>();
  for (const f of report.findings) {
    let m = byCheck.get(f.checkId);
    if (!m) byCheck.set(f.checkId, (m = new Map()));
    const k = findingKey(f);
    const list = m.get(k);
    if (list) list.push(f);
    else m.set(k, [f]);
  }
  const keys = report.objects.map((o) => objectKey(refOf(o)));
  return knownChecks(report).map((check) => {
    const pending = byCheck.get(check.id) ?? new Map<string, Finding[]>();
    const out: Evaluation[] = [];
    const seen = new Set<string>();
    report.objects.forEach((o, i) => {
      const key = keys[i]!;
      if (seen.has(key) || !isApplicable(check, o)) return;
      seen.add(key);
      out.push({ object: refOf(o), file: o.file, line: o.line, findings: pending.get(key) ?? [] });
      pending.delete(key);
    });
    for (const findings of pending.values()) {
      const first = findings[0]!;
      const e: Evaluation = { file: first.location.file, line: first.location.line, findings };
      if (first.object) e.object = first.object;
      out.push(e);
    }
    return { check, evaluations: out };
  });
}
