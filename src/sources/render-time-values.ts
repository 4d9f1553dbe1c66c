import type { TemplateDocument } from './template-positions.js';

/** Template functions whose result is made when the chart is rendered (random, looked up in the cluster, or derived): not a value in source. */
const GENERATORS = /\b(randAlphaNum|randAlpha|randAscii|randNumeric|randBytes|lookup|genPrivateKey|genCA|genCAWithKey|genSelfSignedCert|genSelfSignedCertWithKey|genSignedCert|genSignedCertWithKey|derivePassword|uuidv4)\b/;
const ACTION = /\{\{(.*?)\}\}/gs;
const CALL = /\b(?:include|template)\s+"([^"]+)"/g;
const DEFINE = /\{\{-?\s*define\s+"([^"]+)"\s*-?\}\}/g;

/** The named templates (`{{ define "name" }}`) of a chart's template and helper files: each name to its body (up to the next define). */
export function namedTemplates(texts: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const text of texts) {
    const heads = [...text.matchAll(DEFINE)];
    heads.forEach((m, i) => {
      const end = i + 1 < heads.length ? heads[i + 1]!.index : text.length;
      out.set(m[1]!, text.slice(m.index + m[0].length, end));
    });
  }
  return out;
}

/** Does this template text make a value at render time: a generator function in one of its actions, or in a named template it includes (transitively)? */
export function generatesAtRender(text: string, named: ReadonlyMap<string, string>, seen: Set<string> = new Set()): boolean {
  for (const action of text.matchAll(ACTION)) {
    const body = action[1]!;
    if (GENERATORS.test(body)) return true;
    for (const call of body.matchAll(CALL)) {
      const name = call[1]!;
      if (seen.has(name)) continue;
      seen.add(name);
      const def = named.get(name);
      if (def !== undefined && generatesAtRender(def, named, seen)) return true;
    }
  }
  return false;
}

const ASSIGN = /\$([A-Za-z_][A-Za-z0-9_]*)\s*:?=([^}]*)\}\}/g;
const VAR = /\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** The template variables of a file whose value is made at render time (`$pw := randAlphaNum 16`, `$s := lookup ...`, `$ca := genCA ...`, or from such a variable). */
export function generatingVariables(text: string, named: ReadonlyMap<string, string>): Set<string> {
  const assigns = [...text.matchAll(ASSIGN)].map((m) => ({ name: m[1]!, expr: m[2]! }));
  const out = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const a of assigns) {
      if (out.has(a.name)) continue;
      const uses = [...a.expr.matchAll(VAR)].map((m) => m[1]!);
      if (generatesAtRender(`{{${a.expr}}}`, named) || uses.some((u) => out.has(u))) {
        out.add(a.name);
        changed = true;
      }
    }
  }
  return out;
}

/**
 * Whether the value of a field was made at render time, judged on the template text, not the rendered value:
 * the template line that writes the field generates it (a generator function, a named template that uses one,
 * a variable assigned from one), or the field is not written literally in the template (a loop or `toYaml`
 * wrote it) and its template file generates values.
 */
export function renderTimeJudge(doc: TemplateDocument, fileText: string, named: ReadonlyMap<string, string>): (pointer: string) => boolean {
  let fileGenerates: boolean | undefined;
  let vars: Set<string> | undefined;
  return (pointer) => {
    const { text, exact } = doc.lineOf(pointer);
    if (generatesAtRender(text, named)) return true;
    if (exact) {
      if (!text.includes('{{')) return false;
      vars ??= generatingVariables(fileText, named);
      return [...text.matchAll(VAR)].some((m) => vars!.has(m[1]!));
    }
    fileGenerates ??= generatesAtRender(fileText, named);
    return fileGenerates;
  };
}
