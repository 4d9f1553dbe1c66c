// Rendering the values a fix writes into a manifest, in the style of the text around them.
import { stringify } from 'yaml';
import { isRecord } from '../model/object.js';
import { resolvePlain } from '../sources/yaml/scalar-resolve.js';

/** How the surrounding file is written. */
export interface TextStyle {
  /** Spaces per nesting level. */
  indent: number;
  /** Block sequences under a key are indented (`key:\n  - a`) rather than flush (`key:\n- a`). */
  indentSeq: boolean;
  /** Line ending of the file. */
  eol: string;
  /** The file is JSON: keys and values are written as JSON. */
  json: boolean;
}

const YAML_OPTIONS = { version: '1.1', lineWidth: 0, minContentWidth: 0 } as const;

/** A scalar as YAML text that reads back as the same value the way Kubernetes reads YAML (1.1 scalars). */
export function renderScalar(v: unknown, style: TextStyle): string {
  if (style.json) return JSON.stringify(v) ?? 'null';
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') {
    const out = stringify(v, YAML_OPTIONS).replace(/\n$/, '');
    // A plain scalar that would not read back as this string (YAML 1.1 `yes`, `0755`, ...) is quoted.
    if (!/^["'|>]/.test(out) && resolvePlain(out) !== v) return JSON.stringify(v);
    return out.includes('\n') ? JSON.stringify(v) : out;
  }
  return String(v);
}

export function isCollection(v: unknown): v is Record<string, unknown> | unknown[] {
  return isRecord(v) || Array.isArray(v);
}

export function isEmptyCollection(v: unknown): boolean {
  return Array.isArray(v) ? v.length === 0 : isRecord(v) && Object.keys(v).length === 0;
}

/** A value on one line, in flow style (`{type: RuntimeDefault}`, `[ALL]`), or JSON for JSON files. */
export function renderFlow(v: unknown, style: TextStyle): string {
  if (Array.isArray(v)) return `[${v.map((x) => renderFlow(x, style)).join(', ')}]`;
  if (isRecord(v)) {
    const parts = Object.entries(v).map(([k, x]) => `${renderScalar(k, style)}: ${renderFlow(x, style)}`);
    return style.json ? `{${parts.join(', ')}}` : `{${parts.join(', ')}}`;
  }
  return renderScalar(v, style);
}

/**
 * A JSON value written as pretty JSON whose nested lines are indented from `column` (the first line
 * is not indented: it follows a key or a comma).
 */
export function renderJson(v: unknown, column: number, style: TextStyle): string {
  const text = JSON.stringify(v, null, style.indent) ?? 'null';
  const pad = ' '.repeat(column);
  return text.split('\n').join(style.eol + pad);
}

/**
 * A non-empty collection as block YAML. Every line but the first is indented by `column`; the first
 * line has no indentation (the caller places it after a key's line break and indentation, or after
 * `- `). No trailing line break.
 */
export function renderBlock(v: Record<string, unknown> | unknown[], column: number, style: TextStyle): string {
  const text = stringify(v, { ...YAML_OPTIONS, indent: style.indent, indentSeq: style.indentSeq }).replace(/\n$/, '');
  const pad = ' '.repeat(column);
  return text.split('\n').map((line, i) => (i === 0 || line === '' ? line : pad + line)).join(style.eol);
}

/** The key of a map entry as written in this file. */
export function renderKey(k: string, style: TextStyle): string {
  return renderScalar(k, style);
}
