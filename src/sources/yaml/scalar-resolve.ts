// Plain-scalar resolution exactly as Kubernetes reads YAML: sigs.k8s.io/yaml → go-yaml v2 (YAML 1.1
// flavour), checked against go-yaml v2's resolve.go. Quoted and block scalars are never resolved.
// Timestamps stay strings (go-yaml v2 keeps them as strings when decoding into interface{}).

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSES = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const SPECIAL_FLOATS = new Map<string, number>([
  ['.nan', NaN], ['.NaN', NaN], ['.NAN', NaN],
  ['.inf', Infinity], ['.Inf', Infinity], ['.INF', Infinity],
  ['+.inf', Infinity], ['+.Inf', Infinity], ['+.INF', Infinity],
  ['-.inf', -Infinity], ['-.Inf', -Infinity], ['-.INF', -Infinity],
]);

/** go-yaml's resolveTable: the first character says which rules may apply (0 = surely a string). */
const HINT = new Uint8Array(128);
for (const c of '+-') HINT[c.charCodeAt(0)] = 1; // sign
for (const c of '0123456789') HINT[c.charCodeAt(0)] = 1; // digit
for (const c of 'yYnNtTfFoO~') HINT[c.charCodeAt(0)] = 2; // lookup table only
HINT['.'.charCodeAt(0)] = 3; // float or .inf/.nan

/** go-yaml's yamlStyleFloat, applied after underscores are removed. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** Go's ParseFloat syntax for a string starting with '.', underscores allowed between digits. */
const GO_DOT_FLOAT = /^\.[0-9](_?[0-9])*([eE][-+]?[0-9](_?[0-9])*)?$/;

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** Resolve an untagged plain scalar to null, boolean, number or string. */
export function resolvePlain(s: string): unknown {
  const len = s.length;
  if (len === 0) return null;
  const c0 = s.charCodeAt(0);
  const hint = c0 < 128 ? HINT[c0]! : 0;
  if (hint === 0) return s;
  if (len <= 6) {
    if (NULLS.has(s)) return null;
    if (TRUES.has(s)) return true;
    if (FALSES.has(s)) return false;
    const f = SPECIAL_FLOATS.get(s);
    if (f !== undefined) return f;
  }
  if (hint === 2) return s;
  if (hint === 3) {
    if (!GO_DOT_FLOAT.test(s)) return s;
    const v = Number(s.includes('_') ? s.replaceAll('_', '') : s);
    return Number.isFinite(v) ? v : s;
  }
  const n = resolveNumber(s);
  return n === undefined ? s : n;
}

/** Decimal digits only, no leading zero: the overwhelmingly common number. */
function simpleDecimal(s: string): boolean {
  const len = s.length;
  if (len > 15) return false;
  const c0 = s.charCodeAt(0);
  if (c0 === 48 && len > 1) return false;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The 'D'/'S' branch of go-yaml's resolve: ParseInt(base 0), ParseUint, yamlStyleFloat. */
function resolveNumber(s: string): number | undefined {
  if (simpleDecimal(s)) return Number(s);
  const plain = s.includes('_') ? s.replaceAll('_', '') : s;
  const int = goParseInt(plain);
  if (int !== undefined) return int;
  if (YAML_STYLE_FLOAT.test(plain)) {
    const v = Number(plain);
    if (Number.isFinite(v)) return v;
  }
  return undefined;
}

const DIGITS = [/^[01]+$/, /^[0-7]+$/, /^[0-9]+$/, /^[0-9a-fA-F]+$/];

/** strconv.ParseInt(s, 0, 64), falling back to ParseUint(s, 0, 64) for unsigned input. */
function goParseInt(s: string): number | undefined {
  let i = 0;
  let neg = false;
  const c0 = s.charCodeAt(0);
  if (c0 === 43 || c0 === 45) {
    neg = c0 === 45;
    i = 1;
  }
  let body = s.slice(i);
  let base = 10;
  let re = DIGITS[2]!;
  let prefix = '';
  if (body.length >= 2 && body[0] === '0') {
    const p = body[1]!;
    if (p === 'x' || p === 'X') { base = 16; re = DIGITS[3]!; prefix = '0x'; body = body.slice(2); }
    else if (p === 'o' || p === 'O') { base = 8; re = DIGITS[1]!; prefix = '0o'; body = body.slice(2); }
    else if (p === 'b' || p === 'B') { base = 2; re = DIGITS[0]!; prefix = '0b'; body = body.slice(2); }
    else { base = 8; re = DIGITS[1]!; prefix = '0o'; body = body.slice(1); }
  }
  if (body === '' || !re.test(body)) return undefined;
  const big = base === 10 ? BigInt(body) : BigInt(prefix + body);
  const v = neg ? -big : big;
  if (v >= INT64_MIN && v <= INT64_MAX) return Number(v) + 0;
  if (i === 0 && v <= UINT64_MAX) return Number(v); // ParseUint accepts no sign
  return undefined;
}

/** A map key as sigs.k8s.io/yaml turns it into a JSON object key. */
export function keyString(key: unknown): string {
  if (typeof key === 'string') return key;
  if (key === null || key === undefined) return 'null';
  if (typeof key === 'number') {
    if (Number.isNaN(key)) return '.nan';
    if (key === Infinity) return '.inf';
    if (key === -Infinity) return '-.inf';
    return String(key);
  }
  if (typeof key === 'boolean') return key ? 'true' : 'false';
  return JSON.stringify(key) ?? String(key);
}

/** Resolve a plain scalar used as a map key. */
export function resolvePlainKey(s: string): string {
  const c0 = s.charCodeAt(0);
  if (c0 < 128 && HINT[c0] === 0) return s;
  return keyString(resolvePlain(s));
}

/** Apply an explicit standard tag to a scalar's text (quoted or plain). */
export function resolveTagged(tag: string, text: string, plain: boolean): { value: unknown; ok: boolean } {
  const t = tag.startsWith('tag:yaml.org,2002:') ? tag.slice(18) : tag.startsWith('!!') ? tag.slice(2) : null;
  switch (t) {
    case 'str': case 'binary': case 'timestamp':
      return { value: text, ok: true };
    case 'null': {
      const v = resolvePlain(text);
      return v === null ? { value: null, ok: true } : { value: text, ok: false };
    }
    case 'bool': {
      const v = resolvePlain(text);
      return typeof v === 'boolean' ? { value: v, ok: true } : { value: text, ok: false };
    }
    case 'int': case 'float': {
      const v = resolvePlain(text);
      return typeof v === 'number' && (t === 'float' || Number.isInteger(v) || !Number.isFinite(v))
        ? { value: v, ok: true }
        : { value: text, ok: false };
    }
    case 'merge':
      return { value: plain ? resolvePlain(text) : text, ok: true };
    default:
      // Unknown or custom tags: go-yaml v2's resolve() returns the text unresolved (resolvableTag is
      // false), so the value is the string, quoted or not.
      return { value: text, ok: true };
  }
}
