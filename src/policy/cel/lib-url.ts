import type { Environment } from '@marcbachmann/cel-js';
import { CelError } from './cel-error.js';

/**
 * Kubernetes' URL library (k8s.io/apiserver/pkg/cel/library/urls.go): `url()` accepts what Go's
 * url.ParseRequestURI accepts — an absolute URI or an absolute path — and the getters return the parts as
 * Go's net/url does (getHostname strips IPv6 brackets, getPort is "" when absent, getQuery is a map of lists).
 */
export class KubeUrl {
  constructor(readonly scheme: string, readonly host: string, readonly hostname: string, readonly port: string,
    readonly escapedPath: string, readonly rawQuery: string, readonly text: string) {}
  toString(): string { return this.text; }
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

export function parseUrl(s: string): KubeUrl | undefined {
  if (s === '' || /[\s\x00-\x1f]/.test(s)) return undefined;
  const noFragment = s.split('#')[0]!;
  if (noFragment.startsWith('/')) {
    const [path = '', query = ''] = splitOnce(noFragment, '?');
    return new KubeUrl('', '', '', '', path, query, s);
  }
  const m = SCHEME.exec(noFragment);
  if (!m) return undefined;
  const scheme = m[1]!;
  let rest = noFragment.slice(m[0].length);
  let host = '';
  if (rest.startsWith('//')) {
    rest = rest.slice(2);
    const end = rest.search(/[/?]/);
    const authority = end < 0 ? rest : rest.slice(0, end);
    rest = end < 0 ? '' : rest.slice(end);
    host = authority.includes('@') ? authority.slice(authority.lastIndexOf('@') + 1) : authority;
  } else if (!rest.startsWith('/')) {
    return undefined; // opaque URIs (mailto:x) have no path in ParseRequestURI's sense
  }
  const [path = '', query = ''] = splitOnce(rest, '?');
  let hostname = host;
  let port = '';
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close < 0) return undefined;
    hostname = host.slice(1, close);
    const after = host.slice(close + 1);
    if (after !== '' && !/^:\d*$/.test(after)) return undefined;
    port = after.slice(1);
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0) {
      if (!/^\d*$/.test(host.slice(colon + 1))) return undefined;
      hostname = host.slice(0, colon);
      port = host.slice(colon + 1);
    }
  }
  return new KubeUrl(scheme, host, hostname, port, path, query, s);
}

function splitOnce(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}

function query(u: KubeUrl): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (u.rawQuery === '') return out;
  for (const part of u.rawQuery.split('&')) {
    if (part === '') continue;
    const [k, v] = splitOnce(part, '=');
    const key = decodeURIComponent(k.replace(/\+/g, ' '));
    (out[key] ??= []).push(decodeURIComponent(v.replace(/\+/g, ' ')));
  }
  return out;
}

export function registerUrl(env: Environment): void {
  const U = 'kubernetes.URL';
  env
    .registerType(U, KubeUrl)
    .registerFunction(`url(string): ${U}`, (s: string) => {
      const u = parseUrl(s);
      if (!u) throw new CelError(`URL parse error during conversion from string: ${JSON.stringify(s)} is not an absolute URI or absolute path`);
      return u;
    })
    .registerFunction('isURL(string): bool', (s: string) => parseUrl(s) !== undefined)
    .registerFunction(`${U}.getScheme(): string`, (u: KubeUrl) => u.scheme)
    .registerFunction(`${U}.getHost(): string`, (u: KubeUrl) => u.host)
    .registerFunction(`${U}.getHostname(): string`, (u: KubeUrl) => u.hostname)
    .registerFunction(`${U}.getPort(): string`, (u: KubeUrl) => u.port)
    .registerFunction(`${U}.getEscapedPath(): string`, (u: KubeUrl) => u.escapedPath)
    .registerFunction(`${U}.getQuery(): map`, (u: KubeUrl) => query(u))
    .registerFunction(`string(${U}): string`, (u: KubeUrl) => u.text);
}
