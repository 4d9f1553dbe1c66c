/** A compiled glob: `test(s)` is true when the whole string matches. */
export interface Glob {
  readonly pattern: string;
  /** True when the pattern has no wildcard (then it can be looked up by exact value). */
  readonly literal: boolean;
  test(s: string): boolean;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

/**
 * A glob for names (object names, namespaces, kinds): `*` matches any run of characters, `?` one
 * character; everything else is literal.
 */
export function nameGlob(pattern: string, ignoreCase = false): Glob {
  const literal = !/[*?]/.test(pattern);
  if (literal) {
    if (!ignoreCase) return { pattern, literal, test: (s) => s === pattern };
    const p = pattern.toLowerCase();
    return { pattern, literal, test: (s) => s === pattern || (s.length === p.length && s.toLowerCase() === p) };
  }
  const re = new RegExp('^' + escapeRegExp(pattern).replace(/\*/g, '.*').replace(/\?/g, '.') + '$', ignoreCase ? 'is' : 's');
  // Most name globs are "prefix-*": reject on the literal prefix before running the regex.
  const prefix = ignoreCase ? '' : pattern.slice(0, pattern.search(/[*?]/));
  return { pattern, literal, test: prefix ? (s) => s.startsWith(prefix) && re.test(s) : (s) => re.test(s) };
}

/** "./a\\b.yaml" → "a/b.yaml": slashes forward, no leading "./". */
export function normalizePath(p: string): string {
  let s = p.includes('\\') ? p.replace(/\\/g, '/') : p;
  while (s.startsWith('./')) s = s.slice(2);
  return s;
}

/**
 * A glob for file paths: `*` and `?` stay within one path segment, `**` crosses segments
 * (`dir/**` is everything under dir; `**` then a slash is any number of directories). Findings
 * carry paths as the user named them (`deploy/a.yaml`, `./deploy/a.yaml` or an absolute path), so
 * a relative pattern matches whole trailing segments: `deploy/*.yaml` matches `deploy/a.yaml` and
 * `/home/ci/repo/deploy/a.yaml`, and `a.yaml` matches a.yaml in any directory. A pattern that
 * starts with a slash matches from the root only.
 */
export function pathGlob(pattern: string): Glob {
  const p = normalizePath(pattern);
  const anchored = p.startsWith('/');
  let src = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*' && p[i + 1] === '*') {
      const slashAfter = p[i + 2] === '/';
      src += slashAfter ? '(?:.*/)?' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (c === '*') src += '[^/]*';
    else if (c === '?') src += '[^/]';
    else src += escapeRegExp(c);
  }
  const re = new RegExp(`${anchored ? '^' : '(?:^|/)'}${src}$`, 's');
  return { pattern, literal: false, test: (s) => re.test(normalizePath(s)) };
}
