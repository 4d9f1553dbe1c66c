import type { Environment } from '@marcbachmann/cel-js';
import { CelError } from './cel-error.js';

/**
 * Kubernetes' string extensions (cel-go ext.Strings as k8s.io/apiserver/pkg/cel enables them) that cel-js
 * does not ship: charAt, replace, reverse, format, strings.quote. lowerAscii/upperAscii/trim/indexOf/
 * lastIndexOf/substring/split/join are cel-js built-ins. Indexes are in code points, as in cel-go.
 */
export function registerStrings(env: Environment): void {
  env
    .registerFunction('string.charAt(int): string', (s: string, i: bigint) => {
      const cps = [...s];
      if (i < 0n || i > BigInt(cps.length)) throw new CelError(`index out of range: ${i}`);
      return cps[Number(i)] ?? '';
    })
    .registerFunction('string.replace(string, string): string', (s: string, a: string, b: string) => replaceN(s, a, b, -1))
    .registerFunction('string.replace(string, string, int): string', (s: string, a: string, b: string, n: bigint) => replaceN(s, a, b, Number(n)))
    .registerFunction('string.reverse(): string', (s: string) => [...s].reverse().join(''))
    .registerType('kubeward.StringsNamespace', StringsNamespace)
    .registerConstant('strings', 'kubeward.StringsNamespace', new StringsNamespace())
    .registerFunction('kubeward.StringsNamespace.quote(string): string', (_ns: StringsNamespace, s: string) => JSON.stringify(s))
    .registerFunction('string.format(list): string', (s: string, args: unknown[]) => format(s, args));
}

/** `strings.quote(s)`: cel-js has no namespaced functions, so `strings` is a constant whose method is `quote`. */
class StringsNamespace {}

/** Go's strings.Replace: n < 0 replaces all; an empty old string matches between every code point. */
function replaceN(s: string, from: string, to: string, n: number): string {
  if (n === 0) return s;
  if (from === '') {
    const cps = [...s];
    let out = '';
    let done = 0;
    for (let i = 0; i <= cps.length; i++) {
      if (n < 0 || done < n) { out += to; done++; }
      if (i < cps.length) out += cps[i];
    }
    return out;
  }
  let out = '';
  let rest = s;
  let done = 0;
  for (;;) {
    const at = rest.indexOf(from);
    if (at < 0 || (n >= 0 && done >= n)) return out + rest;
    out += rest.slice(0, at) + to;
    rest = rest.slice(at + from.length);
    done++;
  }
}

/** cel-go's string.format: %s %d %f %.Nf %e %x %X %o %b %%. */
function format(fmt: string, args: unknown[]): string {
  let i = 0;
  return fmt.replace(/%(\.(\d+))?([sdfeExXob%])/g, (_m, _p, prec: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    if (i >= args.length) throw new CelError(`format: not enough arguments for ${JSON.stringify(fmt)}`);
    const a = args[i++];
    switch (verb) {
      case 's': return toStr(a);
      case 'd':
        if (typeof a !== 'bigint') throw new CelError('format: %d needs an integer');
        return a.toString();
      case 'f': return Number(a).toFixed(prec === undefined ? 6 : Number(prec));
      case 'e': case 'E': {
        const t = Number(a).toExponential(prec === undefined ? 6 : Number(prec)).replace(/e([+-])(\d)$/, 'e$10$2');
        return verb === 'E' ? t.toUpperCase() : t;
      }
      case 'x': case 'X': {
        const t = typeof a === 'string' ? Buffer.from(a, 'utf8').toString('hex') : BigInt(a as bigint).toString(16);
        return verb === 'X' ? t.toUpperCase() : t;
      }
      case 'o': return BigInt(a as bigint).toString(8);
      case 'b': return typeof a === 'boolean' ? String(a) : BigInt(a as bigint).toString(2);
      default: return '';
    }
  });
}

function toStr(a: unknown): string {
  if (typeof a === 'string') return a;
  if (Array.isArray(a)) return `[${a.map(toStr).join(', ')}]`;
  if (a === null) return 'null';
  if (typeof a === 'object' && a !== null && Object.getPrototypeOf(a) === Object.prototype) {
    return `{${Object.entries(a).map(([k, v]) => `${k}: ${toStr(v)}`).join(', ')}}`;
  }
  return String(a);
}
