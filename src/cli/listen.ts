import { UsageError } from './io.js';

/** `HOST:PORT` (or `[IPv6]:PORT`; an empty host is every address) as given to --listen. */
export function parseListen(text: string): { host: string; port: number } {
  const m = /^\[?([^\]]*?)\]?:(\d+)$/.exec(text.trim());
  if (!m || Number(m[2]) > 65535) throw new UsageError(`--listen must be HOST:PORT (got "${text}")`);
  return { host: m[1] || '0.0.0.0', port: Number(m[2]) };
}
