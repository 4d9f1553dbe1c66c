/**
 * A fast block-style YAML writer for plain JSON data (objects, arrays, strings, finite numbers,
 * booleans, null). The `yaml` library's stringify costs ~200 µs per PolicyReport result, which is
 * minutes for a large cluster; this writes the same documents in linear time.
 *
 * Safety over prettiness: a string is written plain only when it matches a conservative pattern
 * that no YAML 1.1 or 1.2 parser reads as anything but that string; everything else is written as
 * a JSON string, which is a valid YAML double-quoted scalar (every JSON escape is a YAML escape).
 */
const PLAIN = /^[A-Za-z][A-Za-z0-9._/-]*$/;
/** Words YAML 1.1 (kubectl, older parsers) or 1.2 read as booleans or null. */
const RESERVED = /^(y|yes|n|no|true|false|on|off|null)$/i;

export function yamlScalar(v: unknown): string {
  if (typeof v === 'string') return PLAIN.test(v) && !RESERVED.test(v) ? v : JSON.stringify(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : JSON.stringify(String(v));
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return 'null';
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isEmptyCollection(v: unknown): boolean {
  return (Array.isArray(v) && v.length === 0) || (isMap(v) && Object.keys(v).length === 0);
}

/** Lines of a map; the first line's indentation is left to the caller (`first`). */
function writeMap(out: string[], m: Record<string, unknown>, indent: string, first: string): void {
  let lead = first;
  let wrote = false;
  for (const [k, v] of Object.entries(m)) {
    if (v === undefined) continue;
    const key = yamlScalar(k);
    if (isEmptyCollection(v)) out.push(`${lead}${key}: ${Array.isArray(v) ? '[]' : '{}'}`);
    else if (Array.isArray(v)) {
      out.push(`${lead}${key}:`);
      writeSeq(out, v, `${indent}  `);
    } else if (isMap(v)) {
      out.push(`${lead}${key}:`);
      writeMap(out, v, `${indent}  `, `${indent}  `);
    } else out.push(`${lead}${key}: ${yamlScalar(v)}`);
    lead = indent;
    wrote = true;
  }
  if (!wrote) out.push(`${first}{}`);
}

function writeSeq(out: string[], list: unknown[], indent: string): void {
  for (const item of list) {
    if (isEmptyCollection(item)) out.push(`${indent}- ${Array.isArray(item) ? '[]' : '{}'}`);
    else if (isMap(item)) writeMap(out, item, `${indent}  `, `${indent}- `);
    else if (Array.isArray(item)) {
      out.push(`${indent}-`);
      writeSeq(out, item, `${indent}  `);
    } else out.push(`${indent}- ${yamlScalar(item)}`);
  }
}

/** One YAML document (without the `---` marker) for a top-level map. */
export function yamlDocument(m: Record<string, unknown>): string {
  const out: string[] = [];
  writeMap(out, m, '', '');
  return `${out.join('\n')}\n`;
}
