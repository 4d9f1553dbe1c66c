import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Store, TokenInfo } from '../store/types.js';

export const SESSION_COOKIE = 'kw_session';
export const CSRF_HEADER = 'x-kubeward-csrf';

/**
 * Who may call a route: `public` (no credentials: /healthz, login), `authenticated` (any valid token),
 * `read` (read or admin), `admin`, or `write:scans` (admin, or a write:scans token of the `cluster` query parameter).
 */
export type Access = 'public' | 'authenticated' | 'read' | 'write:scans' | 'admin';

export interface Principal extends TokenInfo {
  via: 'bearer' | 'cookie';
  sessionId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** The caller's token, from `Authorization: Bearer` or else the session cookie; undefined when neither is valid. */
export async function resolvePrincipal(store: Store, request: FastifyRequest): Promise<Principal | undefined> {
  const auth = request.headers.authorization;
  if (auth !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    const info = m ? await store.findToken(m[1]!) : undefined;
    return info ? { ...info, via: 'bearer' } : undefined;
  }
  const session = readCookie(request.headers.cookie, SESSION_COOKIE);
  if (!session) return undefined;
  const info = await store.findSession(session);
  return info ? { ...info, via: 'cookie', sessionId: session } : undefined;
}

function allowed(p: Principal, access: Access, cluster: string | undefined): boolean {
  if (p.scope === 'admin') return true;
  switch (access) {
    case 'public':
    case 'authenticated':
      return true;
    case 'read':
      return p.scope === 'read';
    case 'write:scans':
      return p.scope === 'write:scans' && cluster !== undefined && p.cluster === cluster;
    case 'admin':
      return false;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A preHandler enforcing `access`: 401 without valid credentials, 403 with the wrong scope or a cookie call without the CSRF header. */
export function requireAccess(store: Store, access: Access) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (access === 'public') return;
    const principal = await resolvePrincipal(store, request);
    if (!principal) return reply.code(401).header('www-authenticate', 'Bearer realm="kubeward"').send({ error: 'authentication required: a Bearer token or a login session' });
    if (principal.via === 'cookie' && !SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== '1') {
      return reply.code(403).send({ error: `a request authenticated by the session cookie must carry the header X-Kubeward-CSRF: 1` });
    }
    const cluster = (request.query as Record<string, unknown> | undefined)?.cluster;
    if (!allowed(principal, access, typeof cluster === 'string' ? cluster : undefined)) {
      const need = access === 'write:scans' ? `write:scans for cluster "${String(cluster ?? '')}" or admin` : access === 'read' ? 'read or admin' : access;
      return reply.code(403).send({ error: `this token's scope (${principal.scope}${principal.cluster ? ` for ${principal.cluster}` : ''}) does not allow this: needs ${need}` });
    }
    request.principal = principal;
  };
}
