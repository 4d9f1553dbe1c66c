// Word splitting and variable substitution as Dockerfile instructions do them (ENV, ARG, LABEL, FROM,
// USER, EXPOSE, ...): quotes group, the escape character escapes, `$VAR` / `${VAR:-default}` expand.

export interface Word {
  /** The word as written (quotes and escapes kept). */
  raw: string;
  /** Offset of the word in the text it was split from. */
  start: number;
  end: number;
}

/** Split on unquoted, unescaped blanks. */
export function splitWords(text: string, escape = '\\'): Word[] {
  const out: Word[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n')) i++;
    if (i >= text.length) break;
    const start = i;
    let quote: string | undefined;
    while (i < text.length) {
      const c = text[i]!;
      if (c === escape && quote !== "'") {
        i += 2;
        continue;
      }
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === ' ' || c === '\t' || c === '\n') break;
      i++;
    }
    i = Math.min(i, text.length);
    out.push({ raw: text.slice(start, i), start, end: i });
  }
  return out;
}

export interface Expanded {
  value: string;
  /** Some variable had no value (and no default): the value is incomplete. */
  unresolved: boolean;
}

/** Look a variable up: undefined when it is not set. */
export type Lookup = (name: string) => string | undefined;

/**
 * Remove quotes and escapes and expand variables in one word, the way the Dockerfile shell-lexer
 * does for instructions other than RUN: `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`,
 * `${NAME:+word}`, `${NAME+word}`, `${NAME:?message}`; single quotes stop expansion.
 */
export function expandWord(raw: string, lookup: Lookup, escape = '\\'): Expanded {
  let value = '';
  let unresolved = false;
  let quote: string | undefined;
  let i = 0;
  while (i < raw.length) {
    const c = raw[i]!;
    if (c === escape && quote !== "'" && i + 1 < raw.length) {
      value += raw[i + 1];
      i += 2;
      continue;
    }
    if (quote && c === quote) {
      quote = undefined;
      i++;
      continue;
    }
    if (!quote && (c === '"' || c === "'")) {
      quote = c;
      i++;
      continue;
    }
    if (c === '$' && quote !== "'") {
      const r = expandVariable(raw, i, lookup, escape);
      if (r) {
        value += r.value;
        unresolved ||= r.unresolved;
        i = r.end;
        continue;
      }
    }
    value += c;
    i++;
  }
  return { value, unresolved };
}

/** The index of the "}" that closes the "${" at `open`, allowing nested `${…}`. */
function closingBrace(raw: string, open: number): number {
  let depth = 0;
  for (let i = open; i < raw.length; i++) {
    if (raw[i] === '$' && raw[i + 1] === '{') {
      depth++;
      i++;
    } else if (raw[i] === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function expandVariable(raw: string, at: number, lookup: Lookup, escape: string): (Expanded & { end: number }) | undefined {
  const simple = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(raw.slice(at));
  if (simple) {
    const v = lookup(simple[1]!);
    return { value: v ?? '', unresolved: v === undefined, end: at + simple[0].length };
  }
  if (raw[at + 1] !== '{') return undefined;
  const close = closingBrace(raw, at);
  if (close < 0) return undefined;
  const inner = raw.slice(at + 2, close);
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])([\s\S]*))?$/.exec(inner);
  if (!m) return undefined;
  const v = lookup(m[1]!);
  const op = m[2];
  const word = () => expandWord(m[3] ?? '', lookup, escape);
  const end = close + 1;
  switch (op) {
    case undefined: return { value: v ?? '', unresolved: v === undefined, end };
    case ':-': return v === undefined || v === '' ? { ...word(), end } : { value: v, unresolved: false, end };
    case '-': return v === undefined ? { ...word(), end } : { value: v, unresolved: false, end };
    case ':+': return v === undefined || v === '' ? { value: '', unresolved: false, end } : { ...word(), end };
    case '+': return v === undefined ? { value: '', unresolved: false, end } : { ...word(), end };
    default: return { value: v ?? '', unresolved: v === undefined || (op === ':?' && v === ''), end };
  }
}

/** `name=value` pairs (ENV, LABEL, ARG) or the legacy `ENV name value` form. */
export function keyValues(text: string, escape: string, legacy: boolean): { name: string; rawValue?: string; word: Word; valueStart?: number }[] {
  const words = splitWords(text, escape);
  if (legacy && words.length > 0 && !words[0]!.raw.includes('=')) {
    // `ENV NAME the rest of the line`
    const first = words[0]!;
    const restStart = words[1]?.start;
    const pair: { name: string; rawValue?: string; word: Word; valueStart?: number } = { name: first.raw, word: first };
    if (restStart !== undefined) {
      pair.rawValue = text.slice(restStart).trimEnd();
      pair.valueStart = restStart;
    }
    return [pair];
  }
  return words.map((w) => {
    const eq = w.raw.indexOf('=');
    if (eq < 0) return { name: w.raw, word: w };
    return { name: w.raw.slice(0, eq), rawValue: w.raw.slice(eq + 1), word: w, valueStart: w.start + eq + 1 };
  });
}
