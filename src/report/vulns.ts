/**
 * Vulnerability reports (`kubeward image scan`): a versioned JSON document and a terminal table. Pure
 * functions of a `VulnReport`; nothing here knows where the packages came from.
 */
import picocolors from 'picocolors';
import type { Distro, VulnMatch, VulnSeverity } from '../vuln/types.js';
import { terminalText } from './terminal-text.js';
import { jsonDocument } from './json-document.js';

export const VULN_REPORT_VERSION = 1;

export interface VulnReport {
  version: string;
  scannedAt: string;
  /** What was scanned: `sbom:<path>` (an image reference once images are scanned). */
  target: string;
  distro?: Distro;
  packages: number;
  matches: VulnMatch[];
  /** Packages that could not be matched and why; SBOM components that were not read. */
  warnings: string[];
  database: { path: string; updatedAt?: string };
}

export const VULN_SEVERITIES: VulnSeverity[] = ['critical', 'high', 'medium', 'low', 'unknown'];

export function countBySeverity(matches: VulnMatch[]): Record<VulnSeverity, number> {
  const c: Record<VulnSeverity, number> = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
  for (const m of matches) c[m.severity]++;
  return c;
}

/** The JSON document of `kubeward image scan --sbom F -o json` (docs/schemas/VulnReport.schema.json). */
export function renderVulnJson(r: VulnReport): string {
  const body = {
    reportVersion: VULN_REPORT_VERSION,
    tool: { name: 'kubeward', version: r.version },
    scannedAt: r.scannedAt,
    target: r.target,
    ...(r.distro ? { distro: r.distro } : {}),
    database: r.database,
    summary: { packages: r.packages, vulnerabilities: r.matches.length, bySeverity: countBySeverity(r.matches) },
    vulnerabilities: r.matches.map((m) => ({
      id: m.id,
      aliases: m.aliases,
      severity: m.severity,
      package: { name: m.package.name, version: m.package.version, type: m.package.type, purl: m.package.purl, ...(m.package.sourceName ? { sourceName: m.package.sourceName } : {}) },
      installed: m.package.version,
      ...(m.fixedIn !== undefined ? { fixedIn: m.fixedIn } : {}),
      ...(m.summary !== undefined ? { summary: m.summary } : {}),
      source: m.source,
      ...(m.url !== undefined ? { url: m.url } : {}),
    })),
    warnings: r.warnings,
  };
  return jsonDocument('VulnReport', body) + '\n';
}

type Colors = ReturnType<typeof picocolors.createColors>;

function sev(c: Colors, s: VulnSeverity, width: number): string {
  const label = s.toUpperCase().padEnd(width);
  return s === 'critical' ? c.bold(c.red(label)) : s === 'high' ? c.red(label) : s === 'medium' ? c.yellow(label) : s === 'low' ? c.blue(label) : c.gray(label);
}

export function renderVulnTable(r: VulnReport, opts: { color?: boolean } = {}): string {
  const c = picocolors.createColors(opts.color === true);
  const out: string[] = [];
  const rows = r.matches.map((m) => [m.package.name, m.package.version, m.id, m.severity, m.fixedIn ?? '(no fix)', m.source].map((x) => terminalText(x)));
  if (rows.length) {
    const head = ['PACKAGE', 'INSTALLED', 'VULNERABILITY', 'SEVERITY', 'FIXED IN', 'SOURCE'];
    const widths = head.map((h, i) => Math.min(48, Math.max(h.length, ...rows.map((row) => row[i]!.length))));
    const cell = (s: string, i: number) => (s.length > widths[i]! ? s.slice(0, widths[i]! - 1) + '…' : s.padEnd(widths[i]!));
    out.push(c.bold(head.map(cell).join('  ')).trimEnd());
    for (const [i, row] of rows.entries()) {
      const m = r.matches[i]!;
      out.push(row.map((s, j) => (j === 3 ? sev(c, m.severity, widths[3]!) : cell(s, j))).join('  ').trimEnd());
    }
    out.push('');
  }
  for (const w of r.warnings) out.push(c.yellow(`warning: ${terminalText(w)}`));
  if (r.warnings.length) out.push('');
  const counts = countBySeverity(r.matches);
  const parts = VULN_SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  const os = r.distro ? ` on ${terminalText(r.distro.prettyName ?? `${r.distro.id} ${r.distro.versionId ?? r.distro.codename ?? ''}`.trim())}` : '';
  out.push(`${terminalText(r.target)}: ${r.packages} packages${os}, ${r.matches.length} vulnerabilities${parts.length ? ` (${parts.join(', ')})` : ''}`);
  return out.join('\n') + '\n';
}
