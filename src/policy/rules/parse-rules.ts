import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { CATEGORIES, type Category } from '../../checks/define.js';
import { unknownFrameworkRefs } from '../../frameworks/validate.js';
import { SEVERITIES, type FrameworkRefs, type Severity } from '../../model/finding.js';
import type { LabelSelector } from '../../model/inventory.js';
import type { LoadProblem } from '../../model/problem.js';
import { compileCel, type CelProgram } from '../cel/environment.js';
import { fieldPathToPointer } from '../cel/field-path.js';
import { suggestion } from '../did-you-mean.js';
import type { CustomRule, RuleSource, RuleValidation } from './rule-types.js';

export const RULE_API_VERSION = 'kubeward.io/v1alpha1';
/** The load problem code of a rule that cannot be used (reported by the invalid-manifest check). */
export const INVALID_RULE = 'invalid-rule';
const ID = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEYS = ['apiVersion', 'kind', 'id', 'title', 'severity', 'category', 'description', 'remediation', 'fix', 'frameworks', 'match', 'params', 'variables', 'validations', 'failurePolicy'];
const MATCH_KEYS = ['kinds', 'namespaces', 'excludeNamespaces', 'namespaceSelector', 'labelSelector'];
const VALIDATION_KEYS = ['expression', 'message', 'messageExpression', 'fieldPath', 'reason'];

type Path = (string | number)[];

/**
 * Read custom rules from one file (YAML, several documents). A document that is not a Rule, or a rule with an
 * error (a missing field, an expression that does not compile), gives a load problem at its line and column;
 * the other rules of the file are still used. Pure.
 */
export function parseRules(text: string, file: string): { rules: CustomRule[]; problems: LoadProblem[] } {
  const lineCounter = new LineCounter();
  const rules: CustomRule[] = [];
  const problems: LoadProblem[] = [];
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false }) as Document.Parsed[];
  } catch (err) {
    problems.push({ code: INVALID_RULE, message: `rule file does not parse: ${String(err)}`, file, line: 1, column: 1 });
    return { rules, problems };
  }
  if (!Array.isArray(docs)) docs = [];
  docs.forEach((doc, index) => {
    const posOf = (path: Path): RuleSource => {
      const node = path.length ? doc.getIn(path, true) : doc.contents;
      const offset = (node as { range?: [number, number, number] } | null | undefined)?.range?.[0] ?? (doc.contents as { range?: number[] } | null)?.range?.[0] ?? 0;
      const { line, col } = lineCounter.linePos(offset);
      return { file, line, column: col };
    };
    const problem = (path: Path, message: string) => {
      const at = posOf(path);
      problems.push({ code: INVALID_RULE, message, file, line: at.line, column: at.column, document: index });
    };
    if (doc.errors.length) {
      const e = doc.errors[0]!;
      const { line, col } = lineCounter.linePos(e.pos[0]);
      problems.push({ code: INVALID_RULE, message: `rule file does not parse: ${e.message.split('\n')[0]}`, file, line, column: col, document: index });
      return;
    }
    if (doc.contents === null) return;
    const raw = doc.toJS({ maxAliasCount: 50 }) as unknown;
    const rule = readRule(raw, (path, message) => problem(path, message), posOf);
    if (rule) rules.push(rule);
  });
  return { rules, problems };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string' && x !== '') ? v : undefined;
}

function readSelector(v: unknown): LabelSelector | undefined {
  if (!isRecord(v)) return undefined;
  const out: LabelSelector = {};
  if (isRecord(v.matchLabels)) out.matchLabels = Object.fromEntries(Object.entries(v.matchLabels).map(([k, x]) => [k, String(x)]));
  if (Array.isArray(v.matchExpressions)) out.matchExpressions = v.matchExpressions.filter(isRecord).map((e) => ({ key: String(e.key), operator: String(e.operator), ...(Array.isArray(e.values) ? { values: e.values.map(String) } : {}) }));
  return out;
}

function readRule(raw: unknown, fail: (path: Path, message: string) => void, posOf: (path: Path) => RuleSource): CustomRule | undefined {
  if (!isRecord(raw)) {
    fail([], `expected a Rule (apiVersion: ${RULE_API_VERSION}, kind: Rule)`);
    return undefined;
  }
  const isKubeward = typeof raw.apiVersion === 'string' && raw.apiVersion.startsWith('kubeward.io/');
  if (!isKubeward && raw.kind !== 'Rule' && typeof raw.apiVersion === 'string' && typeof raw.kind === 'string') {
    // Another Kubernetes object next to the rules (a ValidatingAdmissionPolicy, its binding, a params object):
    // not a rule; `kubeward policy test` reads it as a manifest.
    return undefined;
  }
  if (raw.apiVersion !== RULE_API_VERSION || raw.kind !== 'Rule') {
    fail([], `expected apiVersion: ${RULE_API_VERSION} and kind: Rule (got ${String(raw.apiVersion)} ${String(raw.kind)})`);
    return undefined;
  }
  let ok = true;
  const bad = (path: Path, message: string) => {
    ok = false;
    fail(path, message);
  };
  for (const k of Object.keys(raw)) if (!KEYS.includes(k)) bad([k], `unknown key "${k}"${suggestion(k, KEYS)}`);
  const id = raw.id;
  if (typeof id !== 'string' || !ID.test(id)) bad(['id'], 'id is required: a kebab-case name (lowercase letters, digits and dashes)');
  const title = typeof raw.title === 'string' && raw.title.trim() ? raw.title.trim() : undefined;
  if (!title) bad(['title'], 'title is required');
  const severity = typeof raw.severity === 'string' ? raw.severity.toLowerCase() : undefined;
  if (!severity || !(SEVERITIES as readonly string[]).includes(severity)) bad(['severity'], `severity must be one of ${SEVERITIES.join(', ')}`);
  const category = (raw.category ?? 'workload') as Category;
  if (!CATEGORIES.includes(category)) bad(['category'], `category must be one of ${CATEGORIES.join(', ')}`);
  let frameworks: FrameworkRefs = {};
  if (raw.frameworks !== undefined) {
    if (!isRecord(raw.frameworks)) bad(['frameworks'], 'frameworks must be a map (cis, nsa, mitre, owasp lists; pss {level, control})');
    else {
      frameworks = raw.frameworks as FrameworkRefs;
      const unknown = unknownFrameworkRefs(frameworks);
      if (unknown.length) bad(['frameworks'], `unknown framework references: ${unknown.join(', ')}`);
    }
  }
  const match: CustomRule['match'] = {};
  if (raw.match !== undefined) {
    if (!isRecord(raw.match)) bad(['match'], 'match must be a map');
    else {
      for (const k of Object.keys(raw.match)) if (!MATCH_KEYS.includes(k)) bad(['match', k], `unknown key "match.${k}"${suggestion(k, MATCH_KEYS)}`);
      for (const k of ['kinds', 'namespaces', 'excludeNamespaces'] as const) {
        const v = raw.match[k];
        if (v === undefined) continue;
        const list = stringList(v);
        if (list) match[k] = list;
        else bad(['match', k], `match.${k} must be a list of names`);
      }
      for (const k of ['namespaceSelector', 'labelSelector'] as const) {
        if (raw.match[k] === undefined) continue;
        const sel = readSelector(raw.match[k]);
        if (sel) match[k] = sel;
        else bad(['match', k], `match.${k} must be a label selector (matchLabels, matchExpressions)`);
      }
    }
  }
  const compile = (path: Path, source: unknown, expect?: 'bool' | 'string'): CelProgram | undefined => {
    if (typeof source !== 'string' || source.trim() === '') {
      bad(path, 'expression must be a non-empty CEL string');
      return undefined;
    }
    const c = compileCel(source, expect);
    if ('error' in c) {
      bad(path, `CEL expression does not compile: ${c.error}`);
      return undefined;
    }
    return c.program;
  };
  const variables: CustomRule['variables'] = [];
  if (raw.variables !== undefined) {
    if (!Array.isArray(raw.variables)) bad(['variables'], 'variables must be a list of {name, expression}');
    else raw.variables.forEach((v, i) => {
      if (!isRecord(v) || typeof v.name !== 'string' || !NAME.test(v.name)) return bad(['variables', i], 'a variable needs a name (letters, digits, _) and an expression');
      const expression = compile(['variables', i, 'expression'], v.expression);
      if (expression) variables.push({ name: v.name, expression });
    });
  }
  const validations: RuleValidation[] = [];
  if (!Array.isArray(raw.validations) || raw.validations.length === 0) bad(['validations'], 'validations is required: a list of {expression, message}');
  else raw.validations.forEach((v, i) => {
    if (!isRecord(v)) return bad(['validations', i], 'a validation is a map with expression and message or messageExpression');
    for (const k of Object.keys(v)) if (!VALIDATION_KEYS.includes(k)) bad(['validations', i, k], `unknown key "${k}"${suggestion(k, VALIDATION_KEYS)}`);
    const expression = compile(['validations', i, 'expression'], v.expression, 'bool');
    const messageExpression = v.messageExpression !== undefined ? compile(['validations', i, 'messageExpression'], v.messageExpression, 'string') : undefined;
    if (v.message !== undefined && typeof v.message !== 'string') bad(['validations', i, 'message'], 'message must be a string');
    let path: string | undefined;
    if (v.fieldPath !== undefined) {
      path = typeof v.fieldPath === 'string' ? fieldPathToPointer(v.fieldPath) : undefined;
      if (path === undefined) bad(['validations', i, 'fieldPath'], 'fieldPath must be a field reference like spec.containers[0].image');
    }
    if (expression) validations.push({
      expression,
      ...(typeof v.message === 'string' ? { message: v.message } : {}),
      ...(messageExpression ? { messageExpression } : {}),
      ...(path !== undefined ? { path } : {}),
      source: posOf(['validations', i, 'expression']),
    });
  });
  const failurePolicy = raw.failurePolicy ?? 'Fail';
  if (failurePolicy !== 'Fail' && failurePolicy !== 'Ignore') bad(['failurePolicy'], 'failurePolicy must be Fail or Ignore');
  if (!ok) return undefined;
  const remediation = typeof raw.remediation === 'string' ? raw.remediation : typeof raw.fix === 'string' ? raw.fix : `Change the object so that rule ${String(id)} holds.`;
  return {
    id: id as string,
    title: title!,
    severity: severity as Severity,
    category,
    description: typeof raw.description === 'string' ? raw.description : title!,
    remediation,
    frameworks,
    match,
    ...(raw.params !== undefined ? { params: raw.params } : {}),
    variables,
    validations,
    failurePolicy: failurePolicy as 'Fail' | 'Ignore',
    source: posOf([]),
  };
}
