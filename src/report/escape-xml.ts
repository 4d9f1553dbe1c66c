/**
 * Characters XML 1.0 does not allow at all (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF;
 * unpaired surrogates). They cannot even be written as character references, so they are dropped.
 */
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Cheap pre-check without lookarounds: most strings have none of these. */
const MAYBE_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const TEXT_SPECIAL = /[&<>"']/;
const ATTR_SPECIAL = /[&<>"'\t\n\r]/;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Remove characters that XML 1.0 (and HTML) cannot carry. */
export function stripIllegalXmlChars(s: string): string {
  return MAYBE_ILLEGAL.test(s) ? s.replace(ILLEGAL, '') : s;
}

/** Escape text content for XML or HTML (element text). */
export function escapeXmlText(value: unknown): string {
  const s = stripIllegalXmlChars(String(value));
  return TEXT_SPECIAL.test(s) ? s.replace(/[&<>"']/g, (c) => ENTITIES[c]!) : s;
}

/** Escape an attribute value (double- or single-quoted); whitespace is kept as character references. */
export function escapeXmlAttr(value: unknown): string {
  const s = stripIllegalXmlChars(String(value));
  return ATTR_SPECIAL.test(s) ? s.replace(/[&<>"'\t\n\r]/g, (c) => ENTITIES[c]!) : s;
}
