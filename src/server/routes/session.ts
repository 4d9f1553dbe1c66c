import { CSRF_HEADER, SESSION_COOKIE } from '../auth/access.js';
import type { Route, ServerContext } from '../route.js';
import type { Scope } from '../store/types.js';

/** What a token's scope lets it do, as /me lists it (admin implies the others). */
export function effectiveScopes(scope: Scope): Scope[] {
  return scope === 'admin' ? ['read', 'write:scans', 'admin'] : [scope];
}

export function sessionRoutes(ctx: ServerContext): Route[] {
  const cookie = (value: string, maxAge: number) =>
    `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}${ctx.secureCookies ? '; Secure' : ''}`;
  return [
    {
      method: 'POST', url: '/api/v1/login', access: 'public',
      handler: async (request, reply) => {
        if (ctx.limiter.blocked(request.ip)) return reply.code(429).header('retry-after', '60').send({ error: 'too many failed logins from this address: try again in a minute' });
        const token = (request.body as { token?: unknown } | null)?.token;
        const info = typeof token === 'string' && token.length < 200 ? await ctx.store.findToken(token) : undefined;
        if (!info) {
          ctx.limiter.fail(request.ip);
          return reply.code(401).send({ error: 'unknown token' });
        }
        const session = await ctx.store.createSession(info.id, ctx.sessionTtlSeconds);
        return reply.code(204).header('set-cookie', cookie(session, ctx.sessionTtlSeconds)).send();
      },
    },
    {
      method: 'POST', url: '/api/v1/logout', access: 'authenticated',
      handler: async (request, reply) => {
        if (request.principal?.sessionId) await ctx.store.deleteSession(request.principal.sessionId);
        return reply.code(204).header('set-cookie', cookie('', 0)).send();
      },
    },
    {
      method: 'GET', url: '/api/v1/me', access: 'authenticated',
      handler: async (request) => ({ scopes: effectiveScopes(request.principal!.scope), cluster: request.principal!.cluster, csrfHeader: CSRF_HEADER }),
    },
  ];
}
