/** ASCII punctuation CommonMark lets a backslash escape, except those written as HTML entities. */
const PUNCTUATION = /[!#$%'()*+,\-./:;=?[\\\]^_`{|}~]/g;
const HTML = /[&<>"]/g;
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]+/g;

/**
 * Escape a user-controlled string (object name, message, file name) for GitHub-flavoured Markdown,
 * in running text or inside inline HTML such as `<summary>`: no emphasis, links, images, tables,
 * headings or raw HTML can be formed, line breaks become spaces, and `@` cannot mention anyone.
 * Strings longer than `max` characters are cut (before escaping, so no escape is split).
 */
export function escapeMarkdown(value: string, max = 1000): string {
  let s = value.length > max ? `${value.slice(0, max)}…` : value;
  s = s.replace(CONTROL, ' ');
  s = s.replace(PUNCTUATION, '\\$&');
  s = s.replace(HTML, (c) => HTML_ENTITIES[c]!);
  // A zero-width space after @ keeps GitHub from turning @org/team into a mention.
  return s.replace(/@/g, '@&#8203;');
}
