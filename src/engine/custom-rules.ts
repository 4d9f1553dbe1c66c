import type { Check } from '../checks/define.js';
import type { LoadProblem } from '../model/problem.js';
import { INVALID_RULE, parseRules } from '../policy/rules/parse-rules.js';
import { ruleCheck } from '../policy/rules/rule-check.js';
import type { CustomRule } from '../policy/rules/rule-types.js';
import { readPolicyFiles } from '../sources/rule-files.js';
import { RequestError } from './errors.js';

export interface CustomRules {
  rules: CustomRule[];
  checks: Check[];
  /** Rules that cannot be used: findings of invalid-manifest at the rule's file and line. */
  problems: LoadProblem[];
  files: string[];
}

/**
 * Read and compile the custom rules under `--rules` paths. A path that cannot be read is a RequestError; a rule
 * that does not compile, or whose id is a built-in check's or another rule's, is a load problem and the rest run.
 */
export function loadCustomRules(paths: readonly string[], builtIn: readonly Check[]): CustomRules {
  const { files, errors } = readPolicyFiles(paths);
  if (errors.length) throw new RequestError(`--rules: ${errors.join('; ')}`);
  const taken = new Set(builtIn.flatMap((c) => [c.id, ...Object.values(c.aliases ?? {}).flat()].map((n) => n.toLowerCase())));
  const out: CustomRules = { rules: [], checks: [], problems: [], files: files.map((f) => f.file) };
  for (const f of files) {
    const parsed = parseRules(f.text, f.file);
    out.problems.push(...parsed.problems);
    for (const rule of parsed.rules) {
      if (taken.has(rule.id)) {
        out.problems.push({ code: INVALID_RULE, message: `rule id "${rule.id}" is already a check's id or alias: rule not used`, file: rule.source.file, line: rule.source.line, column: rule.source.column });
        continue;
      }
      taken.add(rule.id);
      out.rules.push(rule);
      out.checks.push(ruleCheck(rule));
    }
  }
  return out;
}
