import * as CDX from '@cyclonedx/cyclonedx-library';
import type { VulnMatch, VulnSeverity } from '../vuln/types.js';

/** One advisory match and the bom-refs it affects (the package; in an application BOM, also the workloads). */
export interface AffectedMatch {
  match: VulnMatch;
  refs: string[];
}

const SEVERITY: Record<VulnSeverity, CDX.Enums.Vulnerability.Severity> = {
  critical: CDX.Enums.Vulnerability.Severity.Critical,
  high: CDX.Enums.Vulnerability.Severity.High,
  medium: CDX.Enums.Vulnerability.Severity.Medium,
  low: CDX.Enums.Vulnerability.Severity.Low,
  unknown: CDX.Enums.Vulnerability.Severity.Unknown,
};

/**
 * CycloneDX `vulnerabilities`: one entry per advisory id (its matches merged), with the source database, the
 * severity rating, the advisory URL and `affects` on every given bom-ref. With `vex`, each entry is a VEX
 * statement of what the matcher established: the installed versions are `affected` and the fixed-in versions
 * `unaffected` (affects[].versions), the recommendation names the fixed versions, and `analysis` says the match
 * is by version only (CycloneDX's analysis.state has no "affected": it is `in_triage`, with response `update`
 * when a fix exists). Deterministic: refs and versions are sorted by the serializer.
 */
export function addVulnerabilities(bom: CDX.Models.Bom, matches: readonly AffectedMatch[], opts: { vex: boolean }): void {
  const byId = new Map<string, AffectedMatch[]>();
  for (const m of matches) {
    const list = byId.get(m.match.id);
    if (list) list.push(m);
    else byId.set(m.match.id, [m]);
  }
  for (const [id, list] of byId) {
    const first = list[0]!.match;
    const v = new CDX.Models.Vulnerability.Vulnerability({ id, bomRef: `vuln:${id}` });
    v.source = new CDX.Models.Vulnerability.Source({ name: first.source, ...(first.url ? { url: first.url } : {}) });
    if (first.summary) v.description = first.summary;
    v.ratings.add(new CDX.Models.Vulnerability.Rating({ severity: SEVERITY[first.severity] }));
    const fixes = new Set<string>();
    const refs = new Map<string, VulnMatch>();
    for (const { match, refs: rs } of list) {
      if (match.fixedIn !== undefined) fixes.add(`${match.package.name} ${match.fixedIn}`);
      for (const r of rs) if (!refs.has(r)) refs.set(r, match);
    }
    for (const [ref, match] of refs) {
      const a = new CDX.Models.Vulnerability.Affect(new CDX.Models.BomRef(ref));
      if (opts.vex) {
        a.versions.add(new CDX.Models.Vulnerability.AffectedSingleVersion(match.package.version, { status: CDX.Enums.Vulnerability.AffectStatus.Affected }));
        if (match.fixedIn !== undefined) a.versions.add(new CDX.Models.Vulnerability.AffectedSingleVersion(match.fixedIn, { status: CDX.Enums.Vulnerability.AffectStatus.Unaffected }));
      }
      v.affects.add(a);
    }
    if (fixes.size) v.recommendation = `Upgrade to ${[...fixes].sort().join(', ')}`;
    if (opts.vex) {
      v.analysis = new CDX.Models.Vulnerability.Analysis({
        state: CDX.Enums.Vulnerability.AnalysisState.InTriage,
        detail: `kubeward matched the installed version against ${first.source}: affected by version; exploitability not analysed`,
      });
      if (fixes.size) v.analysis.response.add(CDX.Enums.Vulnerability.AnalysisResponse.Update);
    }
    bom.vulnerabilities.add(v);
  }
}
