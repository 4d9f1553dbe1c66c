import { defineCheck, type Issue } from '../define.js';
import { keyValues } from '../../model/dockerfile-words.js';

/** Words of a variable name that say it holds a secret. */
const SECRET_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'apikey', 'credential', 'credentials', 'privatekey', 'secretkey', 'accesskey']);
/** Word pairs that do (API_KEY, PRIVATE_KEY, ACCESS_KEY, AUTH_KEY, CLIENT_SECRET is covered by "secret"). */
const SECRET_PAIRS = [['api', 'key'], ['private', 'key'], ['access', 'key'], ['secret', 'key'], ['auth', 'key'], ['signing', 'key'], ['encryption', 'key']];
/** Words that make the name about a secret, not the secret itself (a file path, a URL, an id). */
const NOT_THE_SECRET = new Set(['file', 'path', 'dir', 'url', 'uri', 'endpoint', 'host', 'name', 'id', 'public', 'fingerprint', 'version', 'length', 'ttl', 'expiry', 'expires', 'type', 'header', 'prefix', 'enabled', 'required', 'algorithm']);

/** Values that are credentials whatever the variable is called. */
const TOKEN_FORMATS: [string, RegExp][] = [
  ['an AWS access key id', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['a GitHub token', /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/],
  ['a GitLab token', /\bglpat-[A-Za-z0-9_-]{20,}\b/],
  ['a Slack token', /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/],
  ['a Stripe secret key', /\b[sr]k_live_[A-Za-z0-9]{20,}\b/],
  ['a Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['a private key', /-----BEGIN (?:[A-Z ]+ )?PRIVATE KEY-----/],
  ['a password in a URL', /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i],
];

/** DB_PASSWORD → [db, password]; githubToken → [github, token]. */
function words(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

export function secretName(name: string): boolean {
  const w = words(name);
  if (w.some((x) => NOT_THE_SECRET.has(x))) return false;
  if (w.some((x) => SECRET_WORDS.has(x))) return true;
  return SECRET_PAIRS.some(([a, b]) => w.some((x, i) => x === a && w[i + 1] === b));
}

/** What may be shown of a value: never the value itself. */
function hidden(value: string | undefined): string {
  if (value === undefined) return 'no default (given at build time)';
  return `<hidden, ${value.length} characters>`;
}

export default defineCheck({
  id: 'dockerfile-secret-in-env-arg',
  title: 'Dockerfile puts a secret in ENV or ARG',
  severity: 'high',
  category: 'images',
  description:
    'An `ENV` value is stored in the image configuration: anyone who can pull the image reads it with `docker inspect`, ' +
    'in every layer built on it. An `ARG` value is not in the final config but is recorded in the build history and ' +
    'cache of every RUN that uses it (`docker history`). Both are reported when the variable\'s name says it is a ' +
    'secret (PASSWORD, TOKEN, SECRET, API_KEY, PRIVATE_KEY, … but not *_FILE, *_PATH, *_URL, *_ID, …) or its value ' +
    'has the format of a known credential (cloud keys, Git hosting and Slack tokens, private keys, passwords in URLs). ' +
    'The value is never shown, only its length.',
  remediation:
    'Use a BuildKit secret mount for build-time secrets (`RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat ' +
    '/run/secrets/npm_token) npm ci`, `docker build --secret id=npm_token,env=NPM_TOKEN`), and give runtime secrets ' +
    'to the container from a Kubernetes Secret (env valueFrom or a mounted file), never in the image. Rotate any ' +
    'secret that was committed.',
  frameworks: { nsa: ['network/secrets'], mitre: ['T1552.001'], owasp: ['K08'] },
  subject: 'dockerfile',
  run: ({ dockerfile, at }) => {
    const out: Issue[] = [];
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') continue;
      for (const kv of keyValues(ins.args.text, dockerfile.escape, ins.keyword === 'ENV')) {
        const value = kv.rawValue;
        const format = value === undefined ? undefined : TOKEN_FORMATS.find(([, re]) => re.test(value))?.[0];
        const byName = secretName(kv.name) && !(ins.keyword === 'ENV' && (value === undefined || value === '' || value === '""' || value === "''"));
        if (!byName && !format) continue;
        const why = format ? `its value looks like ${format}` : 'its name says it holds a secret';
        const where = ins.keyword === 'ENV' ? 'ENV stores it in the image configuration' : 'ARG records it in the build history';
        const issue = at(ins, `${ins.keyword} ${kv.name}: ${why}; ${where}`, { found: `${kv.name}=${hidden(value)}`, expected: 'a build secret mount or a runtime Secret' }, ins.args.positionAt(kv.word.start));
        if (ins.keyword === 'ARG' && !format) issue.severity = 'medium';
        out.push(issue);
      }
    }
    return out;
  },
  examples: {
    fail: [
      'FROM node:20-slim\nENV DB_PASSWORD=changeme\n',
      { yaml: 'FROM python:3.12-slim\nARG PIP_INDEX_TOKEN\nENV NPM_CONFIG_REGISTRY=https://build:hunter2@registry.example.com/npm/ \\\n    APP_ENV=production\n', findings: 2 },
      'FROM alpine:3.19\nENV githubToken ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789\n',
    ],
    pass: [
      'FROM node:20-slim\nENV DB_PASSWORD_FILE=/run/secrets/db_password NODE_ENV=production\nARG GPG_KEY_FINGERPRINT=7169605F62C751356D054A26A821E680E5FA6305\nRUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci\n',
    ],
  },
});
