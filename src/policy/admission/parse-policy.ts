import { SEVERITIES, type Severity } from '../../model/finding.js';
import { asArray, asRecord, isRecord, type K8sObject } from '../../model/object.js';
import { compileCel, type CelProgram } from '../cel/environment.js';
import type { CompiledValidation } from '../cel/evaluate.js';
import { fieldPathToPointer } from '../cel/field-path.js';
import { readMatchResources, type MatchResources } from './match-resources.js';

export const ADMISSION_GROUP = 'admissionregistration.k8s.io';
/** Annotation on a ValidatingAdmissionPolicy that sets the severity of its Deny findings (default high). */
export const SEVERITY_ANNOTATION = 'kubeward.io/severity';

/** An expression of the policy that does not compile, at its JSON pointer in the policy object. */
export interface CompileProblem {
  path: string;
  message: string;
}

export interface CompiledPolicy {
  object: K8sObject;
  name: string;
  severity: Severity;
  failurePolicy: 'Fail' | 'Ignore';
  paramKind?: { apiVersion: string; kind: string };
  matchConstraints?: MatchResources;
  matchConditions: { name: string; expression?: CelProgram; path: string }[];
  variables: { name: string; expression: CelProgram }[];
  validations: (CompiledValidation & { source: string; pointer: string })[];
  hasAuditAnnotations: boolean;
  problems: CompileProblem[];
}

export interface ParsedBinding {
  object: K8sObject;
  name: string;
  policyName: string;
  paramRef?: { name?: string; namespace?: string; selector?: Record<string, unknown>; parameterNotFoundAction: 'Allow' | 'Deny' };
  matchResources?: MatchResources;
  validationActions: string[];
}

export function isAdmissionKind(object: K8sObject, kind: 'ValidatingAdmissionPolicy' | 'ValidatingAdmissionPolicyBinding'): boolean {
  return object.kind === kind && object.apiVersion.startsWith(`${ADMISSION_GROUP}/`);
}

/** Compile a ValidatingAdmissionPolicy; every expression that does not compile is listed in `problems`. */
export function compilePolicy(object: K8sObject): CompiledPolicy {
  const spec = asRecord(object.raw.spec) ?? {};
  const problems: CompileProblem[] = [];
  const compile = (source: unknown, path: string, expect?: 'bool' | 'string'): CelProgram | undefined => {
    if (typeof source !== 'string') {
      problems.push({ path, message: 'expression is missing' });
      return undefined;
    }
    const c = compileCel(source, expect);
    if ('error' in c) {
      problems.push({ path, message: `does not compile: ${c.error}` });
      return undefined;
    }
    return c.program;
  };
  const sev = object.annotations[SEVERITY_ANNOTATION]?.toLowerCase();
  const paramKind = asRecord(spec.paramKind);
  const policy: CompiledPolicy = {
    object,
    name: object.name,
    severity: sev && (SEVERITIES as readonly string[]).includes(sev) ? (sev as Severity) : 'high',
    failurePolicy: spec.failurePolicy === 'Ignore' ? 'Ignore' : 'Fail',
    matchConditions: [],
    variables: [],
    validations: [],
    hasAuditAnnotations: asArray(spec.auditAnnotations).length > 0,
    problems,
  };
  if (paramKind && typeof paramKind.kind === 'string') policy.paramKind = { apiVersion: String(paramKind.apiVersion ?? ''), kind: paramKind.kind };
  const mc = readMatchResources(spec.matchConstraints);
  if (mc) policy.matchConstraints = mc;
  asArray(spec.matchConditions).forEach((c, i) => {
    if (!isRecord(c)) return;
    const path = `/spec/matchConditions/${i}/expression`;
    const expression = compile(c.expression, path, 'bool');
    policy.matchConditions.push({ name: String(c.name ?? i), path, ...(expression ? { expression } : {}) });
  });
  asArray(spec.variables).forEach((v, i) => {
    if (!isRecord(v) || typeof v.name !== 'string') return;
    const expression = compile(v.expression, `/spec/variables/${i}/expression`);
    if (expression) policy.variables.push({ name: v.name, expression });
  });
  asArray(spec.validations).forEach((v, i) => {
    if (!isRecord(v)) return;
    const pointer = `/spec/validations/${i}/expression`;
    const expression = compile(v.expression, pointer, 'bool');
    const messageExpression = v.messageExpression !== undefined ? compile(v.messageExpression, `/spec/validations/${i}/messageExpression`, 'string') : undefined;
    const path = typeof v.fieldPath === 'string' ? fieldPathToPointer(v.fieldPath) : undefined;
    if (expression) policy.validations.push({
      expression, pointer, source: String(v.expression),
      ...(typeof v.message === 'string' ? { message: v.message } : {}),
      ...(messageExpression ? { messageExpression } : {}),
      ...(path !== undefined ? { path } : {}),
    });
  });
  return policy;
}

export function parseBinding(object: K8sObject): ParsedBinding {
  const spec = asRecord(object.raw.spec) ?? {};
  const ref = asRecord(spec.paramRef);
  const binding: ParsedBinding = {
    object,
    name: object.name,
    policyName: String(spec.policyName ?? ''),
    validationActions: asArray(spec.validationActions).map(String),
  };
  if (ref) {
    binding.paramRef = {
      ...(typeof ref.name === 'string' ? { name: ref.name } : {}),
      ...(typeof ref.namespace === 'string' ? { namespace: ref.namespace } : {}),
      ...(isRecord(ref.selector) ? { selector: ref.selector } : {}),
      parameterNotFoundAction: ref.parameterNotFoundAction === 'Allow' ? 'Allow' : 'Deny',
    };
  }
  const mr = readMatchResources(spec.matchResources);
  if (mr) binding.matchResources = mr;
  return binding;
}
