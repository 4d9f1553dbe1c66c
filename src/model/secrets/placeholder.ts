/**
 * Values that stand in for a secret rather than being one: templating, variable references,
 * documentation placeholders, redactions. A detector never reports these.
 */
const TEMPLATING = [
  /\$\{/, // ${VAR}, ${{ secrets.X }} (also cut short by a tokenizer)
  /\$\(/, // $(VAR): Kubernetes dependent env expansion, $(command)
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /\{\{/, // Helm / Go / Jinja
  /\{%.*?%\}/s, // Jinja statements
  /<%.*?%>/s, // ERB
  /#\{[^}]*\}/, // Ruby / Concourse
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %VAR%
  /^\(\([^)]*\)\)$/, // ((var)) Concourse
  /^<[^<>]{1,80}>$/, // <changeme>, <your-token>
  /^\[[^\]]{1,80}\]$/, // [token]
  /^@@[^@]+@@$/,
  /^__[A-Za-z0-9_]+__$/, // __TOKEN__
  /`/, // shell command substitution
];

/** Words that mark documentation, examples and redactions (matched case-insensitively inside the value). */
const MARKERS = /example|changeme|change[-_ ]me|change[-_ ]?this|placeholder|dummy|sample|redacted|replace[-_ ]?me|replace[-_ ]?with|your[-_]?(own|token|key|secret|password|pass|api)|insert[-_ ]|xxxx|\*\*\*\*|\.\.\.\.|<nil>|notasecret|not[-_]a[-_]secret|fake|lorem|<[^<>\s]{1,60}>|^\.\.\.|^(my|your)[-_ ]|n[o0]t[-_ ]?a[-_ ]?(v[e3]ry[-_ ]?)?s[e3]cr[e3]t|pl[e3][a4]s[e3][-_ ]?ch[a4]ng[e3]|^hello[, ]*world/i;

/** Whole values that are words, not secrets. */
const WORDS = new Set([
  'password', 'passw0rd', 'secret', 'token', 'apikey', 'api_key', 'key', 'changeme', 'admin', 'root', 'user', 'username',
  'test', 'testing', 'none', 'null', 'nil', 'true', 'false', 'yes', 'no', 'on', 'off', 'enabled', 'disabled', 'default',
  'empty', 'unset', 'todo', 'tbd', 'fixme', 'n/a', 'na', 'foo', 'bar', 'foobar', 'baz', 'qux', 'abc', 'abc123', '123456',
  '12345678', 'pass', 'letmein', 'welcome', 'mypassword', 'mysecret', 'supersecret', 'secretpassword', 'password123',
  'secret123', 'hunter2', 'secretpassword', 'mysecretpassword', '1f2d1e2e67df' /* the Kubernetes docs' example password */, 'guest', 'demo', 'value', 'string', 'redacted', 'hidden', 'masked', 'private',
]);

/** True for a value that is a placeholder, template or reference, never a real secret. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (WORDS.has(v.toLowerCase()) || WORDS.has(v.toLowerCase().replace(/[^a-z0-9]/g, ''))) return true;
  if (MARKERS.test(v)) return true;
  for (const re of TEMPLATING) if (re.test(v)) return true;
  // One character repeated (xxxxxxxx, 00000000, ********), or a short run repeated (abababab).
  if (/^(.{1,3})\1{3,}$/s.test(v)) return true;
  return false;
}
