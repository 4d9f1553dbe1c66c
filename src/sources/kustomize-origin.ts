import { join } from 'node:path';
import { parse } from 'yaml';
import { isRecord } from '../model/object.js';

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';

/**
 * The file an object rendered by kustomize came from, read from the `config.kubernetes.io/origin`
 * annotation that `buildMetadata: [originAnnotations]` adds: `path:` for resources (relative to the
 * kustomization that was built), `configuredIn:` for generated objects. Undefined when there is no
 * usable annotation, or when the origin is a remote repository (no local file to point at).
 */
export function originFile(value: unknown, kustomizationDir: string): string | undefined {
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
  const rel = typeof origin.path === 'string' ? origin.path : typeof origin.configuredIn === 'string' ? origin.configuredIn : undefined;
  if (!rel || rel.includes('://')) return undefined;
  return join(kustomizationDir, rel);
}
