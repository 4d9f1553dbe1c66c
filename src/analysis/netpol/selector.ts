/** Label selectors compiled once into predicates (the matrix asks each selector about many label sets). */
import type { LabelSelector } from '../../model/inventory.js';

type Labels = Record<string, string>;
export type Predicate = (labels: Labels) => boolean;

const compiled = new WeakMap<LabelSelector, Predicate>();
const has = Object.prototype.hasOwnProperty;

function compile(sel: LabelSelector): Predicate {
  const pairs = Object.entries(sel.matchLabels ?? {});
  const exprs = (sel.matchExpressions ?? []).map((e) => ({ key: e.key, op: e.operator, values: new Set(e.values ?? []) }));
  if (exprs.some((e) => !['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.op))) return () => false;
  if (pairs.length === 0 && exprs.length === 0) return () => true;
  return (labels) => {
    for (let i = 0; i < pairs.length; i++) if (labels[pairs[i]![0]] !== pairs[i]![1]) return false;
    for (let i = 0; i < exprs.length; i++) {
      const e = exprs[i]!;
      const present = has.call(labels, e.key);
      switch (e.op) {
        case 'In': if (!present || !e.values.has(labels[e.key]!)) return false; break;
        case 'NotIn': if (present && e.values.has(labels[e.key]!)) return false; break;
        case 'Exists': if (!present) return false; break;
        case 'DoesNotExist': if (present) return false; break;
      }
    }
    return true;
  };
}

/** The same answers as model/inventory's matchesSelector, from a predicate built once per selector object. */
export function selects(labels: Labels, sel: LabelSelector): boolean {
  let f = compiled.get(sel);
  if (!f) compiled.set(sel, (f = compile(sel)));
  return f(labels);
}
