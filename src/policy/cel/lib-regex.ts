import type { Environment } from '@marcbachmann/cel-js';

/**
 * Kubernetes' regex library (k8s.io/apiserver/pkg/cel/library/regex.go): `find` returns the first match or "",
 * `findAll` every match, optionally at most n (n < 0: all). Patterns are RE2 in Kubernetes; the JavaScript
 * engine is used with the `u` flag, which agrees on the syntax policies use (no lookaround in RE2).
 */
const compiled = new Map<string, RegExp>();
function re(pattern: string): RegExp {
  let r = compiled.get(pattern);
  if (!r) {
    r = new RegExp(pattern, 'gu');
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, r);
  }
  r.lastIndex = 0;
  return r;
}

function findAll(s: string, pattern: string, n: number): string[] {
  if (n === 0) return [];
  const out: string[] = [];
  for (const m of s.matchAll(re(pattern))) {
    out.push(m[0]);
    if (n > 0 && out.length >= n) break;
  }
  return out;
}

export function registerRegex(env: Environment): void {
  env
    .registerFunction('string.find(string): string', (s: string, p: string) => findAll(s, p, 1)[0] ?? '')
    .registerFunction('string.findAll(string): list<string>', (s: string, p: string) => findAll(s, p, -1))
    .registerFunction('string.findAll(string, int): list<string>', (s: string, p: string, n: bigint) => findAll(s, p, Number(n)));
}
