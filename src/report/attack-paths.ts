/** Renderers of attack paths (kubeward paths): pure functions from the result to text. */
import type { AttackPath, AttackPathsResult, HopEvidence, PathFix } from '../model/attack-path.js';
import { escapeXmlText as esc } from './escape-xml.js';
import { jsonDocument } from './json-document.js';

export const PATHS_FORMATS = ['table', 'json', 'dot', 'mermaid', 'html'] as const;
export type PathsFormat = (typeof PATHS_FORMATS)[number];

export interface PathsView {
  /** Paths shown (0: all); the fix-first list always counts every path. */
  limit: number;
  /** Fixes shown (0: all). */
  fixLimit?: number;
}

const shown = <T>(list: readonly T[], n: number | undefined) => (n ? list.slice(0, n) : list);

function where(e: HopEvidence): string {
  const loc = e.location ? `${e.location.file}:${e.location.line}` : '';
  const check = e.checkId ? `[${e.checkId}]` : '';
  return [e.fact && !e.checkId ? e.fact : '', loc, check].filter(Boolean).join('  ');
}

function title(p: AttackPath, labels: Record<string, string>): string {
  return `${labels[p.hops[0]!.from] ?? p.hops[0]!.from} → ${labels[p.hops[p.hops.length - 1]!.to] ?? p.hops[p.hops.length - 1]!.to}`;
}

/** Hop by hop, with the evidence under each hop and the fix that breaks the path; then the fixes ranked. */
export function pathsTable(r: AttackPathsResult, view: PathsView): string {
  const fixes = new Map(r.fixes.map((f) => [f.id, f]));
  const list = shown(r.paths, view.limit);
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  const out = [`${n(r.paths.length, 'attack path', 'attack paths')} (${n(r.stats.workloads, 'workload', 'workloads')}, ${n(r.stats.entryEdges, 'way in', 'ways in')}, ${n(r.stats.footholds, 'foothold', 'footholds')})${list.length < r.paths.length ? `; the top ${list.length} shown (--limit)` : ''}.`];
  list.forEach((p, n) => {
    out.push('', `#${n + 1}  score ${p.score}  ${title(p, r.labels)}  (${p.entry} → ${p.jewel}; likelihood ${p.likelihood} × impact ${p.impact} × replicas ${p.replicaFactor})`);
    p.hops.forEach((h, i) => {
      out.push(`  ${i + 1}. ${r.labels[h.from] ?? h.from} → ${r.labels[h.to] ?? h.to}: ${h.how}`);
      const w = where(h.evidence);
      if (w) out.push(`       ${w}`);
    });
    const fix = p.fix ? fixes.get(p.fix) : undefined;
    if (fix) out.push(`  fix: ${fix.text}`);
  });
  if (r.fixes.length) {
    out.push('', 'Fix first (each fix with the paths and score it removes):');
    shown(r.fixes, view.fixLimit ?? 10).forEach((f, i) => out.push(`  ${i + 1}. ${f.text}  — ${f.paths} path${f.paths === 1 ? '' : 's'}, score ${f.score}`));
  } else if (!r.paths.length) out.push('', 'No path from an entry point to cluster-admin, a node, Secrets or a data store.');
  return out.join('\n');
}

/** The AttackPaths document (docs/schemas/AttackPaths.schema.json). */
export function pathsJson(r: AttackPathsResult, view: PathsView): string {
  return jsonDocument('AttackPaths', {
    total: r.paths.length,
    stats: r.stats,
    paths: shown(r.paths, view.limit),
    fixes: shown(r.fixes, view.fixLimit),
    labels: r.labels,
  });
}

const quote = (s: string) => JSON.stringify(s);

/** Every hop of the shown paths as a Graphviz digraph; crown jewels as double octagons. */
export function pathsDot(r: AttackPathsResult, view: PathsView): string {
  const edges = new Map<string, { from: string; to: string; how: string }>();
  for (const p of shown(r.paths, view.limit)) for (const h of p.hops) edges.set(`${h.from}\u0000${h.to}`, h);
  const nodes = new Set([...edges.values()].flatMap((e) => [e.from, e.to]));
  const jewel = (n: string) => n === 'cluster-admin' || n === 'node' || n === 'secrets' || n.startsWith('secrets:') || n.startsWith('data:');
  const entry = (n: string) => n === 'internet' || n === 'any-pod' || n.startsWith('image:');
  return ['digraph attack_paths {', '  rankdir=LR;',
    ...[...nodes].sort().map((n) => `  ${quote(n)} [label=${quote(r.labels[n] ?? n)}${jewel(n) ? ', shape=doubleoctagon' : entry(n) ? ', shape=invhouse' : ''}];`),
    ...[...edges.values()].map((e) => `  ${quote(e.from)} -> ${quote(e.to)} [label=${quote(e.how.length > 80 ? e.how.slice(0, 77) + '...' : e.how)}];`), '}'].join('\n');
}

/** A Mermaid flowchart of the shown paths. */
export function pathsMermaid(r: AttackPathsResult, view: PathsView): string {
  const ids = new Map<string, string>();
  const id = (n: string) => ids.get(n) ?? (ids.set(n, `n${ids.size}`), ids.get(n)!);
  const m = (s: string) => s.replace(/"/g, '#quot;');
  const edges = new Map<string, { from: string; to: string; how: string }>();
  for (const p of shown(r.paths, view.limit)) for (const h of p.hops) edges.set(`${h.from}\u0000${h.to}`, h);
  const lines = ['flowchart LR'];
  for (const e of edges.values()) {
    const how = e.how.length > 60 ? e.how.slice(0, 57) + '...' : e.how;
    lines.push(`  ${id(e.from)}["${m(r.labels[e.from] ?? e.from)}"] -->|"${m(how)}"| ${id(e.to)}["${m(r.labels[e.to] ?? e.to)}"]`);
  }
  return lines.join('\n');
}

function fixRow(f: PathFix, i: number): string {
  return `<tr><td>${i + 1}</td><td>${esc(f.text)}</td><td>${f.paths}</td><td>${f.score}</td></tr>`;
}

/** One self-contained page: the fix-first table, then each path hop by hop with its evidence. */
export function pathsHtml(r: AttackPathsResult, view: PathsView): string {
  const fixes = new Map(r.fixes.map((f) => [f.id, f]));
  const paths = shown(r.paths, view.limit).map((p, n) => {
    const hops = p.hops.map((h) => `<li><b>${esc(r.labels[h.from] ?? h.from)}</b> → <b>${esc(r.labels[h.to] ?? h.to)}</b>: ${esc(h.how)}<br><small>${esc(where(h.evidence))}</small></li>`).join('');
    const fix = p.fix ? fixes.get(p.fix) : undefined;
    return `<section><h3>#${n + 1} score ${p.score}: ${esc(title(p, r.labels))}</h3><p>${esc(p.entry)} → ${esc(p.jewel)}; likelihood ${p.likelihood} × impact ${p.impact} × replicas ${p.replicaFactor}</p><ol>${hops}</ol>${fix ? `<p><b>Fix:</b> ${esc(fix.text)}</p>` : ''}</section>`;
  });
  return ['<!doctype html>', '<html lang="en"><head><meta charset="utf-8"><title>kubeward attack paths</title>',
    '<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}section{border-top:1px solid #ddd;margin-top:1em}small{color:#555}</style></head><body>',
    `<h1>Attack paths</h1><p>${r.paths.length} paths over ${r.stats.workloads} workloads.</p>`,
    `<h2>Fix first</h2><table><tr><th>#</th><th>Fix</th><th>Paths</th><th>Score removed</th></tr>${shown(r.fixes, view.fixLimit).map(fixRow).join('')}</table>`,
    '<h2>Paths</h2>', ...paths, '</body></html>'].join('\n');
}

export function renderPaths(format: PathsFormat, r: AttackPathsResult, view: PathsView): string {
  switch (format) {
    case 'json': return pathsJson(r, view);
    case 'dot': return pathsDot(r, view);
    case 'mermaid': return pathsMermaid(r, view);
    case 'html': return pathsHtml(r, view);
    default: return pathsTable(r, view);
  }
}
