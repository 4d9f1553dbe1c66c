import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import { requireAccess } from './auth/access.js';
import { LoginLimiter } from './auth/login-limiter.js';
import { decodeBody } from './decode-body.js';
import { BadRequest } from './ingest.js';
import { NDJSON } from './ingest-stream.js';
import type { Route, ServerContext } from './route.js';
import { auditAlertRoutes } from './routes/audit-alerts.js';
import { exceptionRoutes } from './routes/exceptions.js';
import { findingRoutes } from './routes/findings.js';
import { metricsRoutes } from './routes/metrics.js';
import { scanRoutes } from './routes/scans.js';
import { sessionRoutes } from './routes/session.js';
import type { Store } from './store/types.js';

export interface ServerOptions {
  store: Store;
  /** Largest scan or audit-alert upload (bytes); 64 MiB by default. Beyond it: 413. */
  maxUploadBytes?: number;
  /** Serve over HTTPS with this certificate and key (PEM); the session cookie is then `Secure`. */
  tls?: { cert: string; key: string };
  /** The built dashboard (`npm run build:ui`); default `dist-ui/` at the package root. */
  uiDir?: string;
  /** Login session lifetime; 12 hours by default. */
  sessionTtlSeconds?: number;
  /** Log requests (pino JSON lines on stdout); off by default. */
  logger?: boolean;
  /** Trust X-Forwarded-For (behind a reverse proxy) for the login rate limit's client address. */
  trustProxy?: boolean;
}

/** Content-Security-Policy of every answer: the dashboard loads only its own scripts, and no page may frame it. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "font-src 'self'",
  "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'",
].join('; ');

const DEFAULT_UI_DIR = fileURLToPath(new URL('../../dist-ui', import.meta.url));

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>kubeward</title></head>
<body><h1>kubeward server</h1><p>The API is running (see docs/server.md), but the dashboard is not built.</p>
<p>Build it with <code>npm run build:ui</code> (it writes <code>dist-ui/</code>) and restart <code>kubeward serve</code>.</p></body></html>
`;

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with who may call it (the auth test walks this list). */
    kubewardRoutes: ReadonlyArray<Pick<Route, 'method' | 'url' | 'access'>>;
  }
}

/** All API routes, each with its access rule. */
export function routeTable(ctx: ServerContext): Route[] {
  return [
    ...sessionRoutes(ctx), ...scanRoutes(ctx), ...findingRoutes(ctx), ...exceptionRoutes(ctx), ...auditAlertRoutes(ctx), ...metricsRoutes(ctx),
  ];
}

/** A streamed (NDJSON) request body that has not been read to its end. */
function unreadBody(request: FastifyRequest): boolean {
  const body = request.body as { readableEnded?: boolean; pipe?: unknown } | undefined;
  return typeof body?.pipe === 'function' && body.readableEnded === false;
}

/**
 * The kubeward server: the REST API of docs/openapi.yaml over `options.store`, and the dashboard's static files.
 * Call `.listen()` on the result (or `.inject()` in tests); `.close()` does not close the store.
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    ...(options.tls ? { https: { cert: options.tls.cert, key: options.tls.key } } : {}),
    bodyLimit: 1024 * 1024,
  }) as unknown as FastifyInstance;
  const ctx: ServerContext = {
    store: options.store,
    maxUploadBytes: options.maxUploadBytes ?? 64 * 1024 * 1024,
    secureCookies: Boolean(options.tls),
    sessionTtlSeconds: options.sessionTtlSeconds ?? 12 * 3600,
    limiter: new LoginLimiter(),
    requests: new Map(),
  };

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    if (options.tls) reply.header('strict-transport-security', 'max-age=31536000');
    if (request.url.startsWith('/api/') || request.url.startsWith('/metrics')) reply.header('cache-control', 'no-store');
    if (unreadBody(request)) reply.header('connection', 'close');
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    // An NDJSON body answered before it was all read (401/403, a bad line, over the limit): the connection is
    // closed (announced by onSend), rather than reading on a body nobody wants, or leaving both ends waiting.
    if (unreadBody(request)) request.raw.socket?.destroy();
    const key = `${request.routeOptions.url ?? 'unmatched'}\t${reply.statusCode}`;
    ctx.requests.set(key, (ctx.requests.get(key) ?? 0) + 1);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof BadRequest) return reply.code(400).send({ error: error.message });
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error(error);
      return reply.code(500).send({ error: 'internal server error' });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ error: `the body is larger than this route's limit` });
    return reply.code(status).send({ error: error.message });
  });

  // An NDJSON scan upload reaches its handler as the (decompressed) stream itself: it is read line by line while it
  // arrives (ingest-stream.ts), which also enforces the body limit. decodeBody refuses NDJSON on every other route.
  app.addContentTypeParser(NDJSON, (request, payload, done) => {
    if (request.routeOptions.url === '/api/v1/scans' && request.method === 'POST') return done(null, payload);
    done(Object.assign(new Error(`${NDJSON} is accepted only by POST /api/v1/scans`), { statusCode: 415 }), undefined);
  });

  const routes = routeTable(ctx);
  for (const r of routes) {
    app.route({
      method: r.method, url: r.url, preHandler: requireAccess(ctx.store, r.access), handler: r.handler,
      ...(r.bodyLimit ? { bodyLimit: r.bodyLimit, preParsing: decodeBody } : {}),
    });
  }
  app.decorate('kubewardRoutes', routes.map(({ method, url, access }) => ({ method, url, access })));

  const uiDir = options.uiDir ?? DEFAULT_UI_DIR;
  const uiBuilt = existsSync(join(uiDir, 'index.html'));
  if (uiBuilt) await app.register(fastifyStatic, { root: uiDir, prefix: '/', wildcard: true, index: ['index.html'] });
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (path.startsWith('/api/') || path === '/api' || path === '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return reply.code(404).send({ error: `no route ${request.method} ${path}` });
    }
    // The dashboard is a single-page app: any other GET is one of its pages.
    if (uiBuilt) return reply.type('text/html; charset=utf-8').sendFile('index.html');
    return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
  });
  return app;
}
