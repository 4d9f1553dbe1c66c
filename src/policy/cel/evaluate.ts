import { celErrorText, type CelProgram } from './environment.js';

export interface CompiledValidation {
  expression: CelProgram;
  message?: string;
  messageExpression?: CelProgram;
  path?: string;
}

export interface ValidationResult {
  /** Validations that returned false, with the message to report. */
  failed: { index: number; message: string; path?: string }[];
  /** Validations that could not be evaluated (a missing field, a type error at run time). */
  errors: { index: number; message: string }[];
}

/**
 * `variables` as Kubernetes gives them to expressions: each is evaluated on first use, once, in the context of
 * the others (a variable may use the ones before it); an error is raised where the variable is used.
 */
export function lazyVariables(defs: readonly { name: string; expression: CelProgram }[], context: Record<string, unknown>): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const def of defs) {
    let state: { value: unknown } | { error: unknown } | undefined;
    Object.defineProperty(vars, def.name, {
      enumerable: true,
      get() {
        if (!state) {
          try {
            state = { value: def.expression.evaluate({ ...context, variables: vars }) };
          } catch (error) {
            state = { error };
          }
        }
        if ('error' in state) throw new Error(`variables.${def.name}: ${celErrorText(state.error)}`);
        return state.value;
      },
    });
  }
  return vars;
}

/** A bool expression's value; anything but a bool is an error (as the API server treats it). */
export function evaluateBool(program: CelProgram, context: Readonly<Record<string, unknown>>): boolean {
  const v = program.evaluate(context);
  if (typeof v !== 'boolean') throw new Error(`expression returned ${v === null ? 'null' : typeof v}, not bool`);
  return v;
}

/**
 * Run validations against one context (object, params, variables ...). The message of a failed validation is
 * its messageExpression's value when that evaluates to a non-empty string, else `message`, else
 * "failed expression: <expression>", as Kubernetes builds it.
 */
export function runValidations(validations: readonly CompiledValidation[], context: Readonly<Record<string, unknown>>): ValidationResult {
  const out: ValidationResult = { failed: [], errors: [] };
  validations.forEach((v, index) => {
    let ok: boolean;
    try {
      ok = evaluateBool(v.expression, context);
    } catch (err) {
      out.errors.push({ index, message: `expression '${v.expression.source.trim()}' could not be evaluated: ${celErrorText(err)}` });
      return;
    }
    if (ok) return;
    let message: string | undefined;
    if (v.messageExpression) {
      try {
        const m = v.messageExpression.evaluate(context);
        if (typeof m === 'string' && m.trim() !== '') message = m.replace(/\s*\n\s*/g, ' ');
      } catch {
        // Kubernetes falls back to `message` when messageExpression fails.
      }
    }
    message ??= v.message ?? `failed expression: ${v.expression.source.trim()}`;
    out.failed.push({ index, message, ...(v.path !== undefined ? { path: v.path } : {}) });
  });
  return out;
}
