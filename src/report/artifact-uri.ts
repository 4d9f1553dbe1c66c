/** Where a SARIF result's file is: a URI reference, relative to %SRCROOT% unless the path is absolute. */
export interface ArtifactUri {
  uri: string;
  uriBaseId?: '%SRCROOT%';
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Percent-encode one path segment (encodeURIComponent throws on unpaired surrogates: they become U+FFFD). */
function segment(s: string): string {
  return encodeURIComponent(s.replace(LONE_SURROGATE, '\uFFFD'));
}

const encodePath = (segments: string[]) => segments.map(segment).join('/');

/**
 * A file path as the user named it → a valid SARIF artifact location. Backslashes become forward
 * slashes; relative paths (without a leading "./") are relative to %SRCROOT% so GitHub code
 * scanning can map them to repository files; absolute POSIX, Windows-drive and UNC paths become
 * `file:` URIs; names that are not paths at all, like "<stdin>", are percent-encoded into a
 * relative reference that cannot be mistaken for a scheme.
 */
export function artifactUri(file: string): ArtifactUri {
  const p = (file || '<unknown>').replace(/\\/g, '/');
  if (/^[A-Za-z]:\//.test(p)) return { uri: `file:///${p.slice(0, 2)}/${encodePath(p.slice(3).split('/'))}` };
  if (p.startsWith('//')) {
    const [host = '', ...rest] = p.slice(2).split('/');
    return { uri: `file://${segment(host)}/${encodePath(rest)}` };
  }
  if (p.startsWith('/')) return { uri: `file:///${encodePath(p.slice(1).split('/'))}` };
  const segments = p.split('/');
  while (segments.length > 1 && segments[0] === '.') segments.shift();
  return { uri: encodePath(segments), uriBaseId: '%SRCROOT%' };
}
