import { Environment } from '@marcbachmann/cel-js';
import { registerIp } from './lib-ip.js';
import { registerLists } from './lib-lists.js';
import { registerQuantity } from './lib-quantity.js';
import { registerRegex } from './lib-regex.js';
import { registerStrings } from './lib-strings.js';
import { registerUrl } from './lib-url.js';

/**
 * The CEL environment of kubeward's custom rules and of offline ValidatingAdmissionPolicy evaluation: the
 * variables an admission policy sees (object, oldObject, params, namespaceObject, request, variables) and the
 * Kubernetes extension libraries. Anything else — the `authorizer` variable, an unknown function or macro —
 * is a compile error that names it, never a silent pass.
 *
 * Engine: @marcbachmann/cel-js (see docs/custom-rules.md "CEL engine" for why and its limits).
 */
export const CEL_VARIABLES = ['object', 'oldObject', 'params', 'namespaceObject', 'request', 'variables'] as const;

let shared: Environment | undefined;

function environment(): Environment {
  if (shared) return shared;
  const env = new Environment({ homogeneousAggregateLiterals: false, enableOptionalTypes: true, limits: { maxAstNodes: 20000, maxDepth: 200 } });
  for (const v of CEL_VARIABLES) env.registerVariable(v, 'dyn');
  registerStrings(env);
  registerLists(env);
  registerRegex(env);
  registerQuantity(env);
  registerUrl(env);
  registerIp(env);
  return (shared = env);
}

export interface CelProgram {
  readonly source: string;
  /** The inferred result type (`bool`, `string`, `dyn`, ...). */
  readonly type: string;
  /** Evaluate with CEL values (see toCel); throws on an evaluation error. */
  evaluate(vars: Readonly<Record<string, unknown>>): unknown;
}

export type Compiled = { program: CelProgram } | { error: string };

const programs = new Map<string, Compiled>();

/** The first line of a cel-js error (the rest is a source excerpt with a caret). */
export function celErrorText(err: unknown): string {
  const e = err as { summary?: unknown; message?: unknown };
  const text = typeof e?.summary === 'string' ? e.summary : typeof e?.message === 'string' ? e.message : String(err);
  return text.split('\n')[0]!.trim();
}

/**
 * Parse and type-check an expression once (cached by its text). `expect` is the result type a caller needs
 * (`bool` for validations, `string` for messages): an expression typed otherwise — other than `dyn` — is a
 * compile error.
 */
export function compileCel(source: string, expect?: 'bool' | 'string'): Compiled {
  const key = `${expect ?? ''}\u0000${source}`;
  const hit = programs.get(key);
  if (hit) return hit;
  let out: Compiled;
  try {
    const env = environment();
    const checked = env.check(source);
    if (!checked.valid) out = { error: celErrorText(checked.error) };
    else if (expect && checked.type !== expect && checked.type !== 'dyn') out = { error: `expression must return ${expect}, but returns ${checked.type}` };
    else {
      const fn = env.parse(source);
      out = { program: { source, type: String(checked.type), evaluate: (vars) => fn(vars as Record<string, unknown>) } };
    }
  } catch (err) {
    out = { error: celErrorText(err) };
  }
  if (programs.size > 5000) programs.clear();
  programs.set(key, out);
  return out;
}
