import type { FrameworkRefs, Severity } from '../../model/finding.js';
import type { LabelSelector } from '../../model/inventory.js';
import type { Category } from '../../checks/define.js';
import type { CelProgram } from '../cel/environment.js';

/** Where in a rule file something was written (1-based). */
export interface RuleSource {
  file: string;
  line: number;
  column: number;
}

export interface RuleValidation {
  expression: CelProgram;
  message?: string;
  messageExpression?: CelProgram;
  /** JSON pointer the finding points at (from `fieldPath`); default the object. */
  path?: string;
  source: RuleSource;
}

/** A `kind: Rule` of apiVersion kubeward.io/v1alpha1 (docs/custom-rules.md), parsed and compiled. */
export interface CustomRule {
  id: string;
  title: string;
  severity: Severity;
  category: Category;
  description: string;
  remediation: string;
  frameworks: FrameworkRefs;
  match: {
    kinds?: string[];
    namespaces?: string[];
    excludeNamespaces?: string[];
    namespaceSelector?: LabelSelector;
    labelSelector?: LabelSelector;
  };
  params?: unknown;
  variables: { name: string; expression: CelProgram }[];
  validations: RuleValidation[];
  /** `Fail` (default): an expression that cannot be evaluated on an object is a finding; `Ignore`: it is not. */
  failurePolicy: 'Fail' | 'Ignore';
  source: RuleSource;
}
