/**
 * A masked hint for a secret: a few leading characters (only a fixed public prefix for known
 * formats, at most a quarter of a generic value) and the length. Never enough to use or search for.
 */
export function maskSecret(secret: string, publicPrefix = 0): string {
  const n = secret.length;
  const shown = publicPrefix > 0 ? Math.min(publicPrefix, Math.floor(n / 2)) : n >= 24 ? 4 : n >= 12 ? 3 : n >= 8 ? 2 : 0;
  return `${secret.slice(0, shown)}*** (${n} chars)`;
}
