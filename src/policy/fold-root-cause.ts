import { SEVERITIES, type Finding } from '../model/finding.js';

const rank = (s: Finding['severity']) => SEVERITIES.indexOf(s);

/**
 * One finding per root cause across objects: findings that share a `cause.key` (Issue.cause) fold under the one
 * marked `cause.root` (a namespace with no NetworkPolicy at all: its missing-default-deny-egress finding and every
 * workload-without-network-policy finding in it fold under its missing-default-deny-ingress finding). The root
 * takes the highest severity of what it folds, its message ends with "also covers: …" and `implies` lists the
 * folded checks; the folded findings join `implied` with `impliedBy`. A group whose root is not shown (its check
 * skipped, or the finding excepted) folds nothing. Applied after foldImplied, to its result.
 */
export function foldRootCauses(input: { shown: Finding[]; implied: Finding[] }): { shown: Finding[]; implied: Finding[] } {
  const roots = new Map<string, number>();
  input.shown.forEach((f, i) => {
    if (f.cause?.root && !roots.has(f.cause.key)) roots.set(f.cause.key, i);
  });
  if (roots.size === 0) return input;
  const under = new Map<number, Finding[]>();
  const implied: Finding[] = [...input.implied];
  const kept: (Finding | undefined)[] = [...input.shown];
  input.shown.forEach((f, i) => {
    const root = f.cause ? roots.get(f.cause.key) : undefined;
    if (root === undefined || root === i) return;
    under.set(root, [...(under.get(root) ?? []), f]);
    implied.push({ ...f, impliedBy: input.shown[root]!.checkId });
    kept[i] = undefined;
  });
  for (const [i, folded] of under) {
    const root = kept[i]!;
    const byCheck = new Map<string, Finding[]>();
    for (const f of folded) byCheck.set(f.checkId, [...(byCheck.get(f.checkId) ?? []), f]);
    const worst = (fs: Finding[]) => fs.reduce((s, x) => (rank(x.severity) < rank(s) ? x.severity : s), fs[0]!.severity);
    // The root's own check (missing memory limits of one namespace): "3 more resource-limits findings".
    const also = [...byCheck]
      .map(([check, fs]) => (check === root.checkId ? `${fs.length} more ${check} finding${fs.length === 1 ? '' : 's'} (${worst(fs)})` : `${check}${fs.length > 1 ? ` on ${fs.length} objects` : ''} (${worst(fs)})`))
      .join(', ');
    const severity = folded.reduce((s, x) => (rank(x.severity) < rank(s) ? x.severity : s), root.severity);
    kept[i] = { ...root, severity, message: `${root.message}; also covers: ${also}`, implies: [...new Set([...(root.implies ?? []), ...byCheck.keys()])] };
  }
  return { shown: kept.filter((f): f is Finding => f !== undefined), implied };
}
