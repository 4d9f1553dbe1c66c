import type { LabelSelector } from './inventory.js';

/**
 * Items grouped (by namespace, say) and indexed by their `key=value` labels, so a selector is tested
 * only against the items that carry one of its matchLabels pairs (the rarest one), never against
 * every item. Built once, then asked many times; callers still test each candidate with the selector
 * (matchExpressions and the other pairs are not indexed).
 */
export class LabelIndex<T> {
  private readonly groups = new Map<string, { all: T[]; byPair: Map<string, T[]> }>();

  add(group: string, labels: Readonly<Record<string, string>>, item: T): void {
    let g = this.groups.get(group);
    if (!g) this.groups.set(group, (g = { all: [], byPair: new Map() }));
    g.all.push(item);
    for (const k in labels) {
      const pair = `${k}\u0000${labels[k]}`;
      const list = g.byPair.get(pair);
      if (list) list.push(item);
      else g.byPair.set(pair, [item]);
    }
  }

  /** Every item of the group, in the order added. */
  all(group: string): readonly T[] {
    return this.groups.get(group)?.all ?? [];
  }

  /** The items of the group that can match the selector, in the order added: a superset of the matches. */
  candidates(group: string, sel: LabelSelector): readonly T[] {
    const g = this.groups.get(group);
    if (!g) return [];
    let best: readonly T[] = g.all;
    const pairs = sel.matchLabels;
    if (pairs) {
      for (const k in pairs) {
        const list = g.byPair.get(`${k}\u0000${pairs[k]}`) ?? [];
        if (list.length < best.length) best = list;
        if (best.length === 0) break;
      }
    }
    return best;
  }

  groupNames(): IterableIterator<string> {
    return this.groups.keys();
  }
}
