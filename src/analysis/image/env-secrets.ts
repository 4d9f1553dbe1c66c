/** Names of environment variables that hold credentials. */
const SECRET_NAME = /(?:^|_)(?:PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|SECRET_?KEY|CLIENT_?SECRET|CREDENTIALS?|AUTH)(?:$|_)/i;
/** Names that look like the above but hold no secret (paths, switches, usernames). */
const NOT_SECRET_NAME = /(?:_FILE|_PATH|_DIR|_URL_PATH|_ENABLED|_REQUIRED|_LENGTH|_USER(?:NAME)?|_ID|_TYPE|_MODE)$/i;
/** Values that are credentials whatever the name (well-known token formats). */
const SECRET_VALUE: [string, RegExp][] = [
  ['AWS access key id', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36,}\b/],
  ['GitLab token', /\bglpat-[A-Za-z0-9_-]{20,}\b/],
  ['Slack token', /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/],
  ['Stripe live key', /\b[sr]k_live_[A-Za-z0-9]{20,}\b/],
  ['private key', /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/],
  ['password in a URL', /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]+@/i],
];
/** Placeholder values that are not secrets. */
const PLACEHOLDER = /^(?:|changeme|change_me|xxx+|\*+|<.*>|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|none|null|false|true|no|yes|0|1)$/i;

export interface EnvSecret {
  name: string;
  index: number;
  why: string;
  /** Never the value: its length only. */
  hint: string;
}

/** ENV entries (`NAME=value`) that look like credentials. The value itself never leaves this function. */
export function findEnvSecrets(env: readonly string[]): EnvSecret[] {
  const out: EnvSecret[] = [];
  env.forEach((entry, index) => {
    const eq = entry.indexOf('=');
    const name = eq === -1 ? entry : entry.slice(0, eq);
    const value = eq === -1 ? '' : entry.slice(eq + 1);
    const hint = `${name}=<redacted, ${value.length} characters>`;
    const byValue = SECRET_VALUE.find(([, re]) => re.test(value));
    if (byValue) {
      out.push({ name, index, why: `its value looks like a ${byValue[0]}`, hint });
      return;
    }
    if (SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(name) && !PLACEHOLDER.test(value.trim())) {
      out.push({ name, index, why: 'its name says it holds a credential', hint });
    }
  });
  return out;
}
