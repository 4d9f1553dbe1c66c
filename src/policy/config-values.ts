import { isSeverity, SEVERITIES, type Severity } from '../model/finding.js';
import { suggestion } from './did-you-mean.js';

/** Collects validation errors, each naming the file and the key it is about. */
export class ConfigErrors {
  readonly list: string[] = [];
  constructor(readonly file: string) {}

  add(key: string, message: string): void {
    this.list.push(key === '' ? `${this.file}: ${message}` : `${this.file}: ${key}: ${message}`);
  }
}

export function isPlainMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Date) return 'a date';
  return typeof v === 'object' ? 'a map' : `${typeof v} ${JSON.stringify(v)}`;
}

export function readString(v: unknown, key: string, errors: ConfigErrors): string | undefined {
  if (typeof v === 'string' && v.trim() !== '') return v;
  errors.add(key, `expected a non-empty string, got ${describe(v)}`);
  return undefined;
}

/** A list of non-empty strings; a single string is accepted and split on commas. */
export function readStringList(v: unknown, key: string, errors: ConfigErrors): string[] | undefined {
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (!Array.isArray(v)) {
    errors.add(key, `expected a list of strings, got ${describe(v)}`);
    return undefined;
  }
  const out: string[] = [];
  v.forEach((item, i) => {
    if (typeof item === 'string' && item.trim() !== '') out.push(item.trim());
    else errors.add(`${key}[${i}]`, `expected a non-empty string, got ${describe(item)}`);
  });
  return out;
}

export function readSeverity(v: unknown, key: string, errors: ConfigErrors): Severity | undefined {
  const s = typeof v === 'string' ? v.trim().toLowerCase() : v;
  if (isSeverity(s)) return s;
  const shown = typeof v === 'string' ? `"${v}"` : describe(v);
  errors.add(key, `${shown} is not a severity: use one of ${SEVERITIES.join(', ')}${typeof v === 'string' ? suggestion(v, SEVERITIES) : ''}`);
  return undefined;
}

/** A map whose values are read by `value`; entries with bad values are left out. */
export function readMap<T>(v: unknown, key: string, errors: ConfigErrors, value: (v: unknown, key: string) => T | undefined): Record<string, T> | undefined {
  if (!isPlainMap(v)) {
    errors.add(key, `expected a map, got ${describe(v)}`);
    return undefined;
  }
  const out: Record<string, T> = {};
  for (const [k, raw] of Object.entries(v)) {
    const val = value(raw, `${key}.${k}`);
    if (val !== undefined) out[k] = val;
  }
  return out;
}

/** Report keys of `map` that are not in `known`, with a "did you mean" hint. */
export function checkKnownKeys(map: Record<string, unknown>, known: readonly string[], prefix: string, errors: ConfigErrors): void {
  for (const k of Object.keys(map)) {
    if (!known.includes(k)) errors.add('', `unknown key "${prefix}${k}"${suggestion(k, known)}`);
  }
}
