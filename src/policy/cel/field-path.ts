/**
 * A validation's `fieldPath` (Kubernetes writes it as a JSONPath-like field reference: `spec.replicas`,
 * `.spec.containers[0].image`, `metadata.labels['app.kubernetes.io/name']`) as a JSON pointer; undefined when
 * it is not of that shape (the finding then points at the object).
 */
export function fieldPathToPointer(fieldPath: string): string | undefined {
  let s = fieldPath.trim();
  if (s.startsWith('.')) s = s.slice(1);
  if (s === '') return '';
  const parts: string[] = [];
  const re = /([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]|(\.)/gy;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(s)) !== null) {
    last = re.lastIndex;
    const part = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (part !== undefined) parts.push(part);
  }
  if (last !== s.length) return undefined;
  return parts.map((p) => `/${p.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
