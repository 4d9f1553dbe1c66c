/** OSV documents (https://ossf.github.io/osv-schema/) → advisories. Pure: the caller reads and parses the file. */
import type { Advisory, AffectedEntry, AffectedRange, RangeEvent } from '../advisory.js';
import { severityFromCvss, severityFromText, SEVERITY_RANK } from '../severity.js';
import type { VulnSeverity } from '../types.js';

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);

export function looksLikeOsv(doc: unknown): boolean {
  return isObj(doc) && typeof doc.id === 'string' && ('affected' in doc || 'schema_version' in doc || 'modified' in doc);
}

function parseRange(r: unknown, where: string): AffectedRange | string {
  if (!isObj(r)) return `${where}: a range must be an object`;
  if (r.type !== 'SEMVER' && r.type !== 'ECOSYSTEM' && r.type !== 'GIT') return `${where}: range type must be SEMVER, ECOSYSTEM or GIT (got ${JSON.stringify(r.type)})`;
  if (!Array.isArray(r.events)) return `${where}: range events must be a list`;
  const events: RangeEvent[] = [];
  for (const e of r.events) {
    if (!isObj(e)) return `${where}: an event must be an object`;
    const [k, v] = Object.entries(e)[0] ?? [];
    if (typeof v !== 'string') return `${where}: event ${JSON.stringify(e)} must have a string version`;
    if (k === 'introduced') events.push({ introduced: v });
    else if (k === 'fixed') events.push({ fixed: v });
    else if (k === 'last_affected') events.push({ last_affected: v });
    else if (k === 'limit') events.push({ limit: v });
    else return `${where}: unknown event "${k}"`;
  }
  return { type: r.type, events };
}

/** One OSV document → an advisory, or the reasons it is not a valid one. */
export function parseOsv(doc: unknown): { advisory: Advisory } | { error: string } {
  if (!isObj(doc)) return { error: 'an OSV document must be a JSON/YAML object' };
  if (typeof doc.id !== 'string' || doc.id === '') return { error: 'OSV "id" must be a non-empty string' };
  const id = doc.id;
  if (doc.affected !== undefined && !Array.isArray(doc.affected)) return { error: `${id}: "affected" must be a list` };
  if (doc.aliases !== undefined && !Array.isArray(doc.aliases)) return { error: `${id}: "aliases" must be a list` };
  const affected: AffectedEntry[] = [];
  let dbSeverity: VulnSeverity = severityFromText(isObj(doc.database_specific) ? doc.database_specific.severity : undefined);
  for (const [i, a] of ((doc.affected as unknown[]) ?? []).entries()) {
    const where = `${id}: affected[${i}]`;
    if (!isObj(a) || !isObj(a.package)) return { error: `${where}: needs a "package" object` };
    const { ecosystem, name } = a.package;
    if (typeof ecosystem !== 'string' || typeof name !== 'string') return { error: `${where}: package ecosystem and name must be strings` };
    if (a.ranges !== undefined && !Array.isArray(a.ranges)) return { error: `${where}: "ranges" must be a list` };
    if (a.versions !== undefined && !Array.isArray(a.versions)) return { error: `${where}: "versions" must be a list` };
    const ranges: AffectedRange[] = [];
    for (const [j, r] of ((a.ranges as unknown[]) ?? []).entries()) {
      const parsed = parseRange(r, `${where}.ranges[${j}]`);
      if (typeof parsed === 'string') return { error: parsed };
      ranges.push(parsed);
    }
    for (const spec of [a.ecosystem_specific, a.database_specific]) {
      const s = isObj(spec) ? severityFromText(spec.severity) : 'unknown';
      if (SEVERITY_RANK[s] > SEVERITY_RANK[dbSeverity]) dbSeverity = s;
    }
    affected.push({ ecosystem, name, ranges, versions: strings(a.versions) });
  }
  const cvss = severityFromCvss(Array.isArray(doc.severity) ? (doc.severity as Array<Record<string, unknown>>).filter(isObj) : []);
  const refs = Array.isArray(doc.references) ? doc.references.filter(isObj) : [];
  const url = (refs.find((r) => r.type === 'ADVISORY' && typeof r.url === 'string') ?? refs.find((r) => typeof r.url === 'string'))?.url as string | undefined;
  const summary = typeof doc.summary === 'string' ? doc.summary : typeof doc.details === 'string' ? doc.details.split('\n')[0]!.slice(0, 200) : undefined;
  return {
    advisory: {
      source: 'osv',
      id,
      aliases: strings(doc.aliases).filter((x) => x !== id),
      ...(summary ? { summary } : {}),
      severity: cvss.severity !== 'unknown' ? cvss.severity : dbSeverity,
      ...(cvss.score !== undefined ? { score: cvss.score } : {}),
      ...(url ? { url } : {}),
      ...(typeof doc.modified === 'string' ? { modified: doc.modified } : {}),
      affected,
    },
  };
}
