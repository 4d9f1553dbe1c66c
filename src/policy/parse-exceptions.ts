import { LineCounter, parseDocument } from 'yaml';
import { suggestion } from './did-you-mean.js';
import type { ObjectSelector, PolicyException } from './exception-types.js';

const ENTRY_KEYS = ['check', 'object', 'file', 'reason', 'owner', 'expires'];
const OBJECT_KEYS = ['kind', 'namespace', 'name', 'labels'];
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function nonEmpty(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

/** A real calendar date written YYYY-MM-DD (YAML timestamps are accepted too). */
function readDate(v: unknown): string | undefined {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  if (typeof v !== 'string') return undefined;
  const m = DATE.exec(v.trim());
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === v.trim() ? v.trim() : undefined;
}

function readEntry(raw: unknown, index: number, err: (key: string, message: string) => void): PolicyException | undefined {
  if (!isMap(raw)) {
    err('', 'expected a map with check, object or file, reason, owner and optionally expires');
    return undefined;
  }
  let ok = true;
  const fail = (key: string, message: string) => {
    ok = false;
    err(key, message);
  };
  for (const k of Object.keys(raw)) if (!ENTRY_KEYS.includes(k)) fail('', `unknown key "${k}"${suggestion(k, ENTRY_KEYS)}`);

  let checks: string[] | '*' = [];
  const c = raw.check;
  if (nonEmpty(c)) checks = c.trim() === '*' ? '*' : [c.trim()];
  else if (Array.isArray(c) && c.length > 0 && c.every(nonEmpty)) checks = c.some((x) => x.trim() === '*') ? '*' : c.map((x) => x.trim());
  else fail('check', c === undefined ? 'is required (a check id, a list of ids, or "*")' : 'must be a check id, a non-empty list of ids, or "*"');

  let object: ObjectSelector | undefined;
  if (raw.object !== undefined) {
    if (!isMap(raw.object)) fail('object', 'must be a map with kind, namespace, name and/or labels');
    else {
      object = {};
      for (const k of Object.keys(raw.object)) if (!OBJECT_KEYS.includes(k)) fail('', `unknown key "object.${k}"${suggestion(k, OBJECT_KEYS)}`);
      for (const k of ['kind', 'namespace', 'name'] as const) {
        const v = raw.object[k];
        if (v === undefined) continue;
        if (nonEmpty(v)) object[k] = v.trim();
        else fail(`object.${k}`, 'must be a non-empty string');
      }
      const labels = raw.object.labels;
      if (labels !== undefined) {
        if (!isMap(labels)) fail('object.labels', 'must be a map of label → value');
        else {
          object.labels = {};
          for (const [k, v] of Object.entries(labels)) {
            if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') object.labels[k] = String(v);
            else fail(`object.labels.${k}`, 'must be a string');
          }
        }
      }
    }
  }
  if (raw.file !== undefined && !nonEmpty(raw.file)) fail('file', 'must be a non-empty glob');
  for (const k of ['reason', 'owner'] as const) {
    if (raw[k] === undefined) fail(k, 'is required');
    else if (!nonEmpty(raw[k])) fail(k, 'must be a non-empty string');
  }
  let expires: string | undefined;
  if (raw.expires !== undefined) {
    expires = readDate(raw.expires);
    if (expires === undefined) fail('expires', `must be a date written YYYY-MM-DD, got ${JSON.stringify(raw.expires)}`);
  }
  if (!ok) return undefined;
  const e: PolicyException = { number: index + 1, checks, reason: (raw.reason as string).trim(), owner: (raw.owner as string).trim() };
  if (object) e.object = object;
  if (nonEmpty(raw.file)) e.file = raw.file.trim();
  if (expires) e.expires = expires;
  return e;
}

/**
 * Parse an exceptions file: `exceptions: [{check, object?, file?, reason, owner, expires?}]`.
 * Pure and never throws. An entry with any error is left out; each error names the file, the
 * entry and the key, e.g. `ex.yaml: exceptions[2].owner is required (exception #3)`.
 */
export function parseExceptions(text: string, file: string): { exceptions: PolicyException[]; errors: string[] } {
  const exceptions: PolicyException[] = [];
  const errors: string[] = [];
  const lineCounter = new LineCounter();
  let value: unknown;
  try {
    const doc = parseDocument(text, { lineCounter, prettyErrors: false });
    const e = doc.errors[0];
    if (e) {
      const at = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
      return { exceptions, errors: [`${file}:${at.line}:${at.col}: ${e.message.split('\n')[0]}`] };
    }
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { exceptions, errors: [`${file}: cannot read YAML: ${e instanceof Error ? e.message : String(e)}`] };
  }
  if (value === null || value === undefined) return { exceptions, errors };
  if (!isMap(value)) return { exceptions, errors: [`${file}: expected a map with an "exceptions" list at the top level`] };
  for (const k of Object.keys(value)) {
    if (k !== 'exceptions') errors.push(`${file}: unknown key "${k}"${suggestion(k, ['exceptions'])}`);
  }
  const list = value.exceptions;
  if (list === undefined || list === null) return { exceptions, errors };
  const read = readExceptionList(list, file);
  return { exceptions: read.exceptions, errors: [...errors, ...read.errors] };
}

/** The `exceptions:` list of an exceptions file or of `.kubeward.yaml` (already read as YAML), validated entry by entry. */
export function readExceptionList(list: unknown, file: string): { exceptions: PolicyException[]; errors: string[] } {
  const exceptions: PolicyException[] = [];
  const errors: string[] = [];
  if (!Array.isArray(list)) return { exceptions, errors: [`${file}: exceptions: must be a list`] };
  list.forEach((raw, i) => {
    const at = `exceptions[${i}]`;
    const e = readEntry(raw, i, (key, message) =>
      errors.push(`${file}: ${key ? `${at}.${key} ${message}` : `${at}: ${message}`} (exception #${i + 1})`),
    );
    if (e) exceptions.push(e);
  });
  return { exceptions, errors };
}
