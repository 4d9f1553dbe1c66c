import { SEVERITIES, type Finding } from '../model/finding.js';

/** What a fold needs of a check: the checks its finding makes redundant on the same volume or container. */
export interface ImpliesRule {
  id: string;
  implies?: readonly string[];
}

/** The part of a finding's path that names the volume or container it is about (the whole path otherwise). */
function subjectOf(path: string): string {
  const m = /^(.*?\/(?:volumes|containers|initContainers|ephemeralContainers)\/\d+)(?:\/|$)/.exec(path);
  return m ? m[1]! : path;
}

const rank = (s: Finding['severity']) => SEVERITIES.indexOf(s);

/**
 * One finding per root cause: a finding that another finding on the same object and the same volume or container
 * implies (`runtime-socket-mounted` implies `sensitive-host-path` implies `host-path-volume`; `capabilities-drop-all`
 * implies `net-raw-not-dropped`) is folded under the most specific one. The kept finding takes the highest
 * severity of what it folds (folding never lowers what `--fail-on` sees), its message ends with "also implies: …",
 * and it lists the folded checks in `implies`; the folded findings are returned apart with `impliedBy`.
 */
export function foldImplied(findings: readonly Finding[], rules: readonly ImpliesRule[]): { shown: Finding[]; implied: Finding[] } {
  const implies = new Map(rules.filter((r) => r.implies?.length).map((r) => [r.id, r.implies!]));
  if (implies.size === 0) return { shown: [...findings], implied: [] };
  // Everything a check implies, transitively.
  const closure = (id: string, seen = new Set<string>()): Set<string> => {
    for (const x of implies.get(id) ?? []) if (!seen.has(x)) { seen.add(x); closure(x, seen); }
    return seen;
  };
  const groups = new Map<string, number[]>();
  findings.forEach((f, i) => {
    if (!f.object) return;
    const obj = `${f.object.kind}\u0000${f.object.namespace ?? ''}\u0000${f.object.name}\u0000${f.location.file}\u0000`;
    // A pod-level finding that holds for some containers (covers) is in their groups too.
    for (const subject of new Set([subjectOf(f.path), ...(f.covers ?? [])])) groups.set(obj + subject, [...(groups.get(obj + subject) ?? []), i]);
  });
  const foldedInto = new Map<number, number>();
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    for (const top of members) {
      const covers = closure(findings[top]!.checkId);
      if (covers.size === 0) continue;
      // Only a finding nothing else here implies keeps its place.
      if (members.some((o) => o !== top && closure(findings[o]!.checkId).has(findings[top]!.checkId))) continue;
      for (const o of members) if (o !== top && covers.has(findings[o]!.checkId) && !foldedInto.has(o)) foldedInto.set(o, top);
    }
  }
  if (foldedInto.size === 0) return { shown: [...findings], implied: [] };
  const under = new Map<number, number[]>();
  for (const [o, top] of foldedInto) under.set(top, [...(under.get(top) ?? []), o]);
  const shown: Finding[] = [];
  const implied: Finding[] = [];
  findings.forEach((f, i) => {
    const top = foldedInto.get(i);
    if (top !== undefined) {
      // Folded under opt-in advice (a digest pin of a fixed version tag), a finding is that advice too: hidden with it.
      const hidden = findings[top]!.profile;
      implied.push({ ...f, impliedBy: findings[top]!.checkId, ...(hidden !== undefined && f.profile === undefined ? { profile: hidden } : {}) });
      return;
    }
    const folded = (under.get(i) ?? []).map((o) => findings[o]!);
    if (folded.length === 0) {
      shown.push(f);
      return;
    }
    const severity = folded.reduce((s, x) => (rank(x.severity) < rank(s) ? x.severity : s), f.severity);
    // One entry per check (two added capabilities are one capabilities-added), at its highest severity.
    const byCheck = new Map<string, Finding['severity']>();
    for (const x of folded) {
      const s = byCheck.get(x.checkId);
      if (s === undefined || rank(x.severity) < rank(s)) byCheck.set(x.checkId, x.severity);
    }
    const also = [...byCheck].map(([id, s]) => `${id} (${s})`).join(', ');
    shown.push({ ...f, severity, message: `${f.message}; also implies: ${also}`, implies: [...byCheck.keys()] });
  });
  return { shown, implied };
}
