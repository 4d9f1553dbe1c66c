import { parse } from 'yaml';
import type { TestResult } from '../../model/policy-test.js';

/** One line of a `kubeward-test.yaml`: this resource, under this rule or policy, gives this result. */
export interface Expectation {
  /** `Kind/namespace/name`, `Kind/name` (any namespace) or `name` (any kind). */
  resource: string;
  /** A rule id, or `vap-<policy name>` (`policy: <name>` is the same). */
  check: string;
  result: TestResult;
}

const RESULTS = ['pass', 'fail', 'skip'];

/**
 * Read an expectations file (docs/custom-rules.md "policy test"):
 * `results: [{resource | resources, rule | policy, result: pass|fail|skip}]`. Errors name the entry.
 */
export function parseExpectations(text: string, file: string): { expectations: Expectation[]; errors: string[] } {
  const errors: string[] = [];
  const expectations: Expectation[] = [];
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 50 });
  } catch (err) {
    return { expectations, errors: [`${file}: does not parse: ${(err as Error).message.split('\n')[0]}`] };
  }
  const results = (doc as { results?: unknown } | null)?.results;
  if (!Array.isArray(results)) return { expectations, errors: [`${file}: expected a "results" list of {resource, rule or policy, result}`] };
  results.forEach((r: unknown, i) => {
    const e = r as Record<string, unknown> | null;
    const where = `${file}: results[${i}]`;
    if (!e || typeof e !== 'object') return void errors.push(`${where}: expected a map`);
    const resources = typeof e.resource === 'string' ? [e.resource] : Array.isArray(e.resources) ? e.resources.map(String) : [];
    const check = typeof e.rule === 'string' ? e.rule : typeof e.policy === 'string' ? `vap-${e.policy}` : undefined;
    const result = typeof e.result === 'string' ? e.result.toLowerCase() : '';
    if (resources.length === 0) errors.push(`${where}: needs resource (Kind/namespace/name) or resources`);
    if (!check) errors.push(`${where}: needs rule (a rule id or vap-<policy>) or policy (a ValidatingAdmissionPolicy name)`);
    if (!RESULTS.includes(result)) errors.push(`${where}: result must be pass, fail or skip`);
    if (resources.length && check && RESULTS.includes(result)) for (const resource of resources) expectations.push({ resource, check, result: result as TestResult });
  });
  return { expectations, errors };
}

/** Whether an expectation's resource names this object (`Kind/ns/name`, `Kind/name`, or `name`). */
export function resourceMatches(pattern: string, object: { kind: string; namespace?: string | undefined; name: string }): boolean {
  const parts = pattern.split('/');
  if (parts.length === 1) return parts[0] === object.name;
  if (parts.length === 2) return parts[0] === object.kind && parts[1] === object.name;
  return parts[0] === object.kind && parts[1] === (object.namespace ?? '') && parts[2] === object.name;
}
