/** Quote one word for a POSIX shell, only when it needs it (for commands shown to the user). */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A relative directory as a user would type it for a tool that also accepts remote names: "./chart". */
export function localPathArg(p: string): string {
  return p.startsWith('/') || p.startsWith('.') || /^[A-Za-z]:[\\/]/.test(p) ? p : `./${p}`;
}
