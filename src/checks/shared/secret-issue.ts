import type { SecretHit } from '../../model/secrets/index.js';
import type { Issue } from '../define.js';
import type { Severity } from '../../model/finding.js';

/** "a GitHub token (ghp_*** (40 chars))", "a high-entropy value under \"password\" (Zx9*** (12 chars))". */
export function describeHit(h: SecretHit): string {
  const what = h.rule === 'secret-key-value'
    ? h.key ? `a high-entropy value assigned to "${h.key}"` : 'a high-entropy value'
    : h.rule === 'committed-secret-value' ? 'a literal value' : `${/^([AEIOU]|npm\b)/.test(h.title) ? 'an' : 'a'} ${h.title}`;
  return `${what} [${h.rule}: ${h.hint}]`;
}

/** Generic (entropy-only) hits are less certain than known formats. */
export function severityOf(hits: readonly SecretHit[], known: Severity, generic: Severity): Severity {
  return hits.some((h) => h.rule !== 'secret-key-value' && h.rule !== 'committed-secret-value' && h.rule !== 'scan-limit') ? known : generic;
}

/**
 * One issue for one field: where it is, what was found (masked), never the value. `where` names the
 * field in words ("env DB_PASSWORD of container \"app\"").
 */
export function secretIssue(path: string, where: string, hits: readonly SecretHit[], expected: string, sev: { known: Severity; generic: Severity }): Issue {
  const first = hits[0]!;
  if (hits.every((h) => h.rule === 'scan-limit')) {
    return {
      path,
      message: `${where} was not scanned whole for secrets (${first.hint}): a secret past that point would be missed; check it by hand or split it`,
      evidence: { found: `${first.rule}: ${first.hint}`, expected: 'a value small enough to scan whole' },
      severity: 'low',
    };
  }
  const more = hits.length > 1 ? ` and ${hits.length - 1} more (${[...new Set(hits.slice(1).map((h) => h.rule))].join(', ')})` : '';
  return {
    path,
    message: `${where} holds ${describeHit(first)}${more}`,
    evidence: { found: `${first.rule}: ${first.hint}`, expected },
    severity: severityOf(hits, sev.known, sev.generic),
  };
}
