import { resolve, sep } from 'node:path';
import { CHECKS } from '../checks/index.js';
import type { Check } from '../checks/define.js';
import { effectiveNamespace } from '../model/kinds.js';
import { locate, type K8sObject } from '../model/object.js';
import { admissionPolicyChecks } from '../policy/admission/policy-checks.js';
import { checkApplies } from '../policy/applies.js';
import type { PolicyTestResult, PolicyTestRow, TestResult } from '../model/policy-test.js';
import { parseExpectations, resourceMatches } from '../policy/rules/parse-expectations.js';
import { loadCustomRules } from './custom-rules.js';
import { RequestError } from './errors.js';
import { loadInventory } from './load-inventory.js';
import { runChecks } from './run-checks.js';

export const EXPECTATIONS_FILE = 'kubeward-test.yaml';

export interface PolicyTestRequest {
  /** A directory or file of custom rules and ValidatingAdmissionPolicies (with bindings and params objects). */
  policies: string;
  /** A directory or file of the resources to test them on. */
  resources: string;
  /** The expectations file's text (`kubeward-test.yaml`), when there is one. */
  expectations?: { file: string; text: string };
}

function resourceName(o: K8sObject): string {
  const ns = effectiveNamespace(o);
  return ns === undefined ? `${o.kind}/${o.name}` : `${o.kind}/${ns}/${o.name}`;
}

const POLICY_KINDS = new Set(['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'Rule']);

/**
 * `kubeward policy test POLICIES RESOURCES`: every custom rule and ValidatingAdmissionPolicy of POLICIES on
 * every resource of RESOURCES, one row per resource × rule (pass, fail, or skip when the rule does not select the
 * resource), compared with the expectations when given. Passed: no policy problem, no mismatch, no expectation
 * left unmatched.
 */
export async function policyTest(request: PolicyTestRequest): Promise<PolicyTestResult> {
  const custom = loadCustomRules([request.policies], CHECKS);
  const loaded = await loadInventory({ paths: request.policies === request.resources ? [request.policies] : [request.policies, request.resources] });
  const { inventory } = loaded;
  const vap = admissionPolicyChecks(inventory, { implicitBindings: true });
  const checks: Check[] = [...custom.checks, ...vap.checks];
  const findings = runChecks(checks, inventory, []);
  // Rules that do not compile and input that cannot be read (a broken params file) fail the test.
  const problems = [...custom.problems, ...loaded.problems].map((p) => ({ file: p.file, line: p.line, column: p.column, message: p.message }));
  // A VAP expression that does not compile is a finding on the policy object itself.
  for (const f of findings) if (f.object && (f.object.kind === 'ValidatingAdmissionPolicy') && f.checkId.startsWith('vap-')) problems.push({ file: f.location.file, line: f.location.line, column: f.location.column, message: f.message });
  const root = resolve(request.resources);
  const inResources = (o: K8sObject) => {
    const file = resolve(o.source.file);
    return file === root || file.startsWith(root + sep);
  };
  const resources = inventory.objects.filter((o) => inResources(o) && !POLICY_KINDS.has(o.kind));
  const rows: PolicyTestRow[] = [];
  for (const object of resources) {
    for (const check of checks) {
      const mine = findings.filter((f) => f.checkId === check.id && f.object && f.object.kind === object.kind && f.object.name === object.name && f.object.namespace === object.namespace && f.location.file === object.source.file && f.location.document === object.source.document);
      const result: TestResult = mine.length ? 'fail' : checkApplies(check, object, inventory) ? 'pass' : 'skip';
      const at = mine[0]?.location ?? locate(object, '');
      rows.push({ resource: resourceName(object), check: check.id, result, messages: mine.map((f) => f.message), location: { file: at.file, line: at.line } });
    }
  }
  const unmatched: string[] = [];
  const warnings = [...loaded.warnings, ...vap.warnings];
  if (request.expectations) {
    const parsed = parseExpectations(request.expectations.text, request.expectations.file);
    if (parsed.errors.length) throw new RequestError(parsed.errors.join('; '));
    for (const e of parsed.expectations) {
      const hits = rows.filter((r) => r.check === e.check && resources.some((o) => resourceName(o) === r.resource && resourceMatches(e.resource, { kind: o.kind, namespace: effectiveNamespace(o), name: o.name })));
      if (hits.length === 0) unmatched.push(`${e.resource} × ${e.check}: no such resource or rule in the test`);
      for (const r of hits) {
        r.expected = e.result;
        r.mismatch = r.result !== e.result;
      }
    }
  }
  const mismatches = rows.filter((r) => r.mismatch).length;
  return { rows, problems, unmatched, warnings, mismatches, passed: problems.length === 0 && mismatches === 0 && unmatched.length === 0 };
}
