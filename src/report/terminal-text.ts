/**
 * Make a user-controlled string safe to print on a terminal: a manifest can carry ANSI escape
 * sequences or carriage returns in names and messages that would rewrite the screen. Control
 * characters (C0, DEL, C1) and Unicode bidi overrides become a visible placeholder or a space.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
const NEWLINES = /\r\n|[\n\t\r]/g;

export function terminalText(s: string): string {
  return s.replace(NEWLINES, ' ').replace(CONTROL, '\uFFFD');
}
