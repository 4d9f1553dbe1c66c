import { isAbsolute, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { isRecord, type K8sObject } from '../model/object.js';
import type { Position, PositionIndex } from '../model/position.js';
import { parseYamlStream } from './yaml/index.js';

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';

/** Where an object rendered by kustomize came from: a resource file, or the kustomization that generated it. */
export interface Origin {
  /** The file, as the user would name it (under the directory they named). */
  file: string;
  /** Where the file is (to read it). */
  path: string;
  /** Set for generated objects (configMapGenerator ...): the file is the kustomization that configured them. */
  generated: boolean;
}

/**
 * The file an object rendered by kustomize came from, read from the `config.kubernetes.io/origin`
 * annotation that `buildMetadata: [originAnnotations]` adds: `path:` for resources, `configuredIn:` for
 * generated objects, relative to `builtDir` (the kustomization that was built). `userDir` is the directory as
 * the user named it, `userDirAbs` where it is: the file is given under `userDir` when it lies inside it.
 * Undefined when there is no usable annotation, or when the origin is a remote repository.
 */
export function originOf(value: unknown, builtDir: string, userDir = builtDir, userDirAbs = resolve(userDir)): Origin | undefined {
  if (!isRecord(value) || !isRecord(value.metadata) || !isRecord(value.metadata.annotations)) return undefined;
  const raw = value.metadata.annotations[ORIGIN_ANNOTATION];
  if (typeof raw !== 'string') return undefined;
  let origin: unknown;
  try {
    origin = parse(raw);
  } catch {
    return undefined;
  }
  if (!isRecord(origin) || typeof origin.repo === 'string') return undefined;
  const generated = typeof origin.path !== 'string' && typeof origin.configuredIn === 'string';
  const rel = typeof origin.path === 'string' ? origin.path : typeof origin.configuredIn === 'string' ? origin.configuredIn : undefined;
  if (!rel || rel.includes('://')) return undefined;
  const abs = resolve(builtDir, rel);
  const under = relative(userDirAbs, abs);
  const file = !under.startsWith('..') ? join(userDir, under) : isAbsolute(userDir) ? abs : relative(process.cwd(), abs) || abs;
  return { file, path: abs, generated };
}

/** The file an object came from (see originOf), or undefined. */
export function originFile(value: unknown, kustomizationDir: string): string | undefined {
  return originOf(value, kustomizationDir)?.file;
}

/** Remove the origin annotation kubeward asked for, so it changes no finding and no fingerprint. */
export function stripOrigin(o: Omit<K8sObject, 'id'>): void {
  if (!(ORIGIN_ANNOTATION in o.annotations)) return;
  delete o.annotations[ORIGIN_ANNOTATION];
  const meta = o.raw.metadata;
  if (isRecord(meta) && isRecord(meta.annotations)) {
    delete meta.annotations[ORIGIN_ANNOTATION];
    if (Object.keys(meta.annotations).length === 0) delete meta.annotations;
  }
}

/**
 * Positions of an object in the file it came from: the document of that file with the object's kind whose
 * name the rendered name contains (kustomize adds prefixes, suffixes and hashes). For a generated object, the
 * generator's `name:` line in the kustomization. Undefined when nothing matches.
 */
export function originPositions(text: string, kind: string, name: string, generated: boolean): PositionIndex | undefined {
  if (generated) {
    const lines = text.split('\n');
    let best: Position | undefined;
    let bestLen = -1;
    lines.forEach((l, i) => {
      const m = /^(\s*-?\s*)name:\s*["']?([^"'\s#]+)/.exec(l);
      if (m && name.startsWith(m[2]!) && m[2]!.length > bestLen) {
        bestLen = m[2]!.length;
        best = { line: i + 1, column: m[1]!.length + 1 };
      }
    });
    const at = best;
    return at ? { locate: () => at } : undefined;
  }
  const docs = parseYamlStream(text);
  const candidates = docs.filter((d) => isRecord(d.value) && d.value.kind === kind);
  const named = (d: (typeof docs)[number]): string => {
    const v = d.value as Record<string, unknown>;
    return isRecord(v.metadata) && typeof v.metadata.name === 'string' ? v.metadata.name : '';
  };
  const pick = candidates.find((d) => named(d) === name) ?? candidates.find((d) => named(d) !== '' && name.includes(named(d))) ?? (candidates.length === 1 ? candidates[0] : undefined);
  return pick?.positions;
}
