// `kubeward fix` as a pure function: files' text in, fixed text out, with what was fixed and what
// still fails after a rescan of the result.
import { isFixable, type Check, type CheckOptions } from '../checks/define.js';
import type { Finding } from '../model/finding.js';
import { Inventory } from '../model/inventory.js';
import { locate, type K8sObject } from '../model/object.js';
import { applyPolicy } from '../policy/apply-policy.js';
import type { PolicyException } from '../policy/exception-types.js';
import { objectLookup } from '../policy/object-lookup.js';
import { loadText } from '../sources/manifests.js';
import { hasHelmSourceComments } from '../sources/helm-sources.js';
import { fixLeftAsIs, type RootImages } from './fix-guards.js';
import { fixObject } from './fix-object.js';
import { PatchError } from './apply-patch.js';
import { rewriteText, type ObjectChange } from './rewrite-text.js';

export interface FixInputFile {
  path: string;
  text: string;
  /** Parse as one JSON document (`.json` files). */
  json: boolean;
}

/**
 * Runs checks over an inventory: the engine's runner (runChecks), passed in because fix sits below the
 * engine and never runs checks by itself.
 */
export type CheckRunner = (checks: readonly Check[], inventory: Inventory, problems: readonly never[], opts: { checkOptions?: Record<string, CheckOptions> }) => Finding[];

export interface FixFilesOptions {
  /** The selected checks; those without a fix are ignored. */
  checks: readonly Check[];
  /** Scans the files before and after the fix. */
  runChecks: CheckRunner;
  /** Every known check, for exceptions naming checks by alias. */
  allChecks?: readonly Check[];
  checkOptions?: Record<string, CheckOptions>;
  exceptions?: readonly PolicyException[];
  now?: Date;
  /** Images known to run as root (`fix --images`): runAsNonRoot is not added to their containers. */
  rootImages?: RootImages;
}

export interface FileFixResult {
  path: string;
  /** The new text (equal to the input when nothing changed). */
  text: string;
  changed: boolean;
  /** Findings of each check in this file before the fix, and after it (rescanned from the new text). */
  fixed: { checkId: string; before: number; after: number }[];
  /** 1-based lines of the input where a fix changes or removes something (or its parent); every other line is kept as it was. */
  lines: number[];
  /** Why parts of the file were not fixed: parse errors, documents the editor could not rewrite. */
  skipped: string[];
}

const HELM_OUTPUT = 'looks like `helm template` output (it has `# Source:` comments): fix the chart or its values instead, not the rendered text';

/** Findings that policy keeps (annotation and exceptions-file exceptions are honoured: an accepted risk is not "fixed"). */
function keptFindings(checks: readonly Check[], objects: K8sObject[], opts: FixFilesOptions): { findings: Finding[]; inventory: Inventory } {
  const inventory = new Inventory(objects);
  const raw = opts.runChecks(checks, inventory, [], opts.checkOptions ? { checkOptions: opts.checkOptions } : {});
  const { findings } = applyPolicy(raw, { checks: opts.allChecks ?? checks, ran: checks, exceptions: opts.exceptions ?? [], lookupObject: objectLookup(inventory.objects), now: opts.now ?? new Date() });
  return { findings: findings.filter((f) => f.checkId !== 'internal-error'), inventory };
}

const keyOf = (file: string, document: number | undefined, kind: string | undefined, ns: string | undefined, name: string | undefined) =>
  `${file}\u0000${document ?? ''}\u0000${kind ?? ''}\u0000${ns ?? ''}\u0000${name ?? ''}`;
const objectKey = (o: K8sObject) => keyOf(o.source.file, o.source.document, o.kind, o.namespace, o.name);
const findingKey = (f: Finding) => keyOf(f.location.file, f.location.document, f.object?.kind, f.object?.namespace, f.object?.name);

function load(files: readonly FixInputFile[]): { objects: K8sObject[]; skipped: Map<string, string[]> } {
  const objects: K8sObject[] = [];
  const skipped = new Map<string, string[]>();
  for (const f of files) {
    const notes: string[] = [];
    skipped.set(f.path, notes);
    if (!f.json && hasHelmSourceComments(f.text)) {
      notes.push(HELM_OUTPUT);
      continue;
    }
    const loaded = loadText(f.text, f.path, { json: f.json });
    for (const p of loaded.problems) {
      if (p.code === 'invalid-manifest') notes.push(`${p.line}:${p.column}: not fixed: ${p.message}`);
    }
    for (const o of loaded.objects) objects.push({ ...o, id: objects.length });
  }
  return { objects, skipped };
}

function countBy(findings: readonly Finding[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const f of findings) {
    const m = out.get(f.location.file) ?? new Map<string, number>();
    m.set(f.checkId, (m.get(f.checkId) ?? 0) + 1);
    out.set(f.location.file, m);
  }
  return out;
}

/**
 * Apply the fix of every fixable check to the objects that fail it, and write the results back into
 * each file's text with only the changed fields rewritten. The whole input is one inventory (as in
 * a scan), so checks that look across objects see them all. Idempotent: fixing the output again
 * changes nothing. Pure.
 */
export function fixFiles(files: readonly FixInputFile[], opts: FixFilesOptions): FileFixResult[] {
  const checks = opts.checks.filter(isFixable);
  const { objects, skipped } = load(files);
  const { findings, inventory } = keptFindings(checks, objects, opts);
  const failing = new Map<string, Set<string>>();
  for (const f of findings) {
    const k = findingKey(f);
    failing.set(k, (failing.get(k) ?? new Set()).add(f.checkId));
  }
  const changes = new Map<string, ObjectChange[]>();
  const touched = new Map<string, Set<number>>();
  const touch = (object: K8sObject, path: string) => {
    const set = touched.get(object.source.file) ?? new Set<number>();
    touched.set(object.source.file, set);
    set.add(locate(object, path).line);
    set.add(locate(object, path.slice(0, Math.max(0, path.lastIndexOf('/')))).line);
  };
  for (const object of objects) {
    const ids = failing.get(objectKey(object));
    if (!ids) continue;
    let current = object;
    // Fixes run in registry order; a later one may undo an earlier one's premise, so go round until stable.
    for (let round = 0; round < 3; round++) {
      const start = JSON.stringify(current.raw);
      for (const check of checks) {
        if (!ids.has(check.id)) continue;
        const leave = round === 0 ? fixLeftAsIs(check, object, inventory, opts.rootImages) : undefined;
        if (leave !== undefined) {
          skipped.get(object.source.file)?.push(`${check.id}: ${leave}`);
          ids.delete(check.id);
          continue;
        }
        try {
          const r = fixObject(check, current, opts.checkOptions?.[check.id] ?? {});
          if (r.ops.length) current = { ...current, raw: r.raw };
          for (const op of r.ops) touch(object, op.path);
        } catch (err) {
          if (!(err instanceof PatchError)) throw err;
          skipped.get(object.source.file)?.push(`${check.id}: fix not applied to ${object.kind}/${object.name}: ${err.message}`);
        }
      }
      if (JSON.stringify(current.raw) === start) break;
    }
    if (current === object) continue;
    const list = changes.get(object.source.file) ?? [];
    list.push({ document: object.source.document, pointerPrefix: object.source.pointerPrefix, before: object.raw, after: current.raw });
    changes.set(object.source.file, list);
  }
  const results = files.map((f) => {
    const r = rewriteText(f.text, changes.get(f.path) ?? [], f.json);
    for (const d of r.failed) skipped.get(f.path)?.push(`document ${d.document + 1}: not fixed: ${d.reason}`);
    return { file: f, text: r.text };
  });
  // Rescan what was written, exactly as `kubeward scan` would read it.
  const after = keptFindings(checks, load(results.map((r) => ({ ...r.file, text: r.text }))).objects, opts).findings;
  const beforeCounts = countBy(findings);
  const afterCounts = countBy(after);
  return results.map(({ file, text }) => {
    const b = beforeCounts.get(file.path) ?? new Map<string, number>();
    const a = afterCounts.get(file.path) ?? new Map<string, number>();
    const ids = [...new Set([...b.keys(), ...a.keys()])].sort();
    return {
      path: file.path,
      text,
      changed: text !== file.text,
      lines: [...(touched.get(file.path) ?? [])].sort((x, y) => x - y),
      fixed: ids.map((checkId) => ({ checkId, before: b.get(checkId) ?? 0, after: a.get(checkId) ?? 0 })),
      skipped: skipped.get(file.path) ?? [],
    };
  });
}
