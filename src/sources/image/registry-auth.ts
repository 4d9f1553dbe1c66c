import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface BasicCredentials {
  username: string;
  password: string;
}

/** Hosts that plain http (--insecure) is allowed for. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG ? join(env.DOCKER_CONFIG, 'config.json') : join(homedir(), '.docker', 'config.json');
}

/**
 * Basic credentials for a registry host from a Docker config file (`auths.<host>.auth` = base64 user:pass, or
 * username/password). Credential helpers are not run. Missing or unreadable files mean anonymous access.
 */
export function credentialsFor(registry: string, configPath: string): BasicCredentials | undefined {
  let doc: { auths?: Record<string, { auth?: string; username?: string; password?: string }> };
  try {
    doc = JSON.parse(readFileSync(configPath, 'utf8')) as typeof doc;
  } catch {
    return undefined;
  }
  const auths = doc.auths ?? {};
  const keys = registry === 'docker.io' ? ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'] : [registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`, `https://${registry}/v2/`];
  for (const k of keys) {
    const e = auths[k];
    if (!e) continue;
    if (e.auth) {
      const s = Buffer.from(e.auth, 'base64').toString('utf8');
      const i = s.indexOf(':');
      if (i > 0) return { username: s.slice(0, i), password: s.slice(i + 1) };
    }
    if (e.username && e.password) return { username: e.username, password: e.password };
  }
  return undefined;
}

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parse a WWW-Authenticate header: `Bearer realm="...",service="...",scope="..."` or `Basic realm="..."`. */
export function parseChallenge(header: string): Challenge | undefined {
  const m = /^\s*(\w+)\s*(.*)$/s.exec(header);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  const re = /(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))\s*,?/g;
  for (let r = re.exec(m[2]!); r; r = re.exec(m[2]!)) params[r[1]!.toLowerCase()] = r[2] !== undefined ? r[2].replace(/\\(.)/g, '$1') : r[3]!;
  return { scheme: m[1]!.toLowerCase(), params };
}
