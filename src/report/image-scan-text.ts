import picocolors from 'picocolors';
import type { Finding, Severity } from '../model/finding.js';
import { SEVERITIES } from '../model/finding.js';
import type { Distro, Package } from '../vuln/types.js';

/** The parts of an image scan the renderers read (scanImage's result, structurally). */
export interface ImageScanView {
  image: {
    reference: string;
    source: string;
    manifestDigest?: string;
    configDigest: string;
    platform: string;
    created?: string;
    user?: string;
    files: number;
    suidFiles: number;
    layers: { index: number; diffId: string; compression?: string; files: number; whiteouts: number; error?: string }[];
  };
  distro?: Distro;
  packages: Package[];
  findings: Finding[];
  problems: { scope: string; layer?: string; path?: string; message: string }[];
}

export const IMAGE_SCAN_SCHEMA_VERSION = 1;

/** The JSON document of `kubeward image scan -o json`: everything, packages in full. */
export function renderImageScanJson(v: ImageScanView, tool: { name: string; version: string }): string {
  return JSON.stringify({ schemaVersion: IMAGE_SCAN_SCHEMA_VERSION, tool, ...v }, null, 2) + '\n';
}

const short = (d: string) => d.replace(/^(sha256:[a-f0-9]{12})[a-f0-9]+$/, '$1');

/** Packages per type, in a fixed order. */
export function packageCounts(packages: readonly Package[]): [string, number][] {
  const m = new Map<string, number>();
  for (const p of packages) m.set(p.type, (m.get(p.type) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** The terminal view: image metadata, layers, package counts per type, findings, problems. */
export function renderImageScanText(v: ImageScanView, opts: { color?: boolean } = {}): string {
  const c = picocolors.createColors(opts.color === true);
  const sev: Record<Severity, (s: string) => string> = { critical: c.magenta, high: c.red, medium: c.yellow, low: c.cyan, info: c.dim };
  const out: string[] = [];
  const i = v.image;
  out.push(c.bold(i.reference));
  out.push(`  source     ${i.source}`);
  if (i.manifestDigest) out.push(`  manifest   ${i.manifestDigest}`);
  out.push(`  config     ${i.configDigest}`);
  out.push(`  platform   ${i.platform}`);
  if (i.created) out.push(`  created    ${i.created}`);
  out.push(`  user       ${i.user ?? '(not set: root)'}`);
  out.push(`  distro     ${v.distro ? `${v.distro.prettyName ?? v.distro.id} (${v.distro.id} ${v.distro.versionId ?? ''})`.trim() : 'unknown'}`);
  out.push(`  files      ${i.files} (${i.suidFiles} setuid/setgid)`);
  out.push('', c.bold(`Layers (${i.layers.length})`));
  for (const l of i.layers) {
    const state = l.error ? c.red(`NOT SCANNED: ${l.error}`) : `${l.files} files, ${l.whiteouts} whiteouts, ${l.compression ?? '?'}`;
    out.push(`  ${String(l.index + 1).padStart(2)}  ${short(l.diffId)}  ${state}`);
  }
  const counts = packageCounts(v.packages);
  out.push('', c.bold(`Packages (${v.packages.length})`));
  if (counts.length === 0) out.push('  none found');
  for (const [t, n] of counts) out.push(`  ${t.padEnd(8)} ${n}`);
  out.push('', c.bold(`Findings (${v.findings.length})`));
  const ordered = [...v.findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  for (const f of ordered) {
    const where = f.location.file === i.reference ? (f.path ? f.path : '') : `${f.location.file.slice(i.reference.length + 1)}:${f.location.line}`;
    out.push(`  ${sev[f.severity](f.severity.toUpperCase().padEnd(8))} ${f.checkId}  ${f.message}${where ? c.dim(`  (${where})`) : ''}`);
    if (f.evidence?.found !== undefined && typeof f.evidence.found === 'string' && f.checkId === 'image-env-secret') out.push(c.dim(`           ${f.evidence.found}`));
  }
  if (v.problems.length) {
    out.push('', c.bold(c.red(`Problems (${v.problems.length}): the rest was scanned`)));
    for (const p of v.problems) out.push(`  ${p.scope}${p.path ? ` ${p.path}` : ''}${p.layer && p.scope === 'file' ? c.dim(` [${short(p.layer)}]`) : ''}: ${p.message}`);
  }
  return out.join('\n') + '\n';
}
