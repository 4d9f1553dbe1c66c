import { escapeXmlText } from './escape-xml.js';

/** ASCII punctuation CommonMark lets a backslash escape, except those written as HTML entities. */
const PUNCTUATION = /[!#$%'()*+,\-./:;=?[\\\]^_`{|}~]/g;
const HTML = /[&<>"]/g;
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]+/g;

function cut(value: string, max: number): string {
  if (value.length <= max) return value;
  const end = /[\uD800-\uDBFF]/.test(value[max - 1] ?? '') ? max - 1 : max;
  return `${value.slice(0, end)}…`;
}

/**
 * Escape a user-controlled string for the inside of an HTML block in GitHub Markdown (such as the
 * `<summary>` line right after `<details>`): Markdown is not parsed there, so HTML escaping is what
 * counts; line breaks (which would end the block) become spaces, and `@` cannot mention anyone.
 */
export function escapeMarkdownHtml(value: string, max = 1000): string {
  return escapeXmlText(cut(value, max).replace(CONTROL, ' ')).replace(/@/g, '@&#8203;');
}

/**
 * Escape a user-controlled string (object name, message, file name) for GitHub-flavoured Markdown
 * running text (including inline HTML such as `<code>` inside a paragraph): no emphasis, links, images, tables,
 * headings or raw HTML can be formed, line breaks become spaces, and `@` cannot mention anyone.
 * Strings longer than `max` characters are cut (before escaping, so no escape is split).
 */
export function escapeMarkdown(value: string, max = 1000): string {
  let s = cut(value, max).replace(CONTROL, ' ');
  s = s.replace(PUNCTUATION, '\\$&');
  s = s.replace(HTML, (c) => HTML_ENTITIES[c]!);
  // A zero-width space after @ keeps GitHub from turning @org/team into a mention.
  return s.replace(/@/g, '@&#8203;');
}
