import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Access } from './auth/access.js';
import { BadRequest } from './ingest.js';
import type { LoginLimiter } from './auth/login-limiter.js';
import type { Store } from './store/types.js';

/** What every route handler gets: the store and the server's settings. */
export interface ServerContext {
  store: Store;
  maxUploadBytes: number;
  secureCookies: boolean;
  sessionTtlSeconds: number;
  limiter: LoginLimiter;
  /** Requests answered, by route pattern and status (for /metrics). */
  requests: Map<string, number>;
}

/** One API route: the table app.ts registers and the auth test walks (every route names who may call it). */
export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  access: Access;
  bodyLimit?: number;
  handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
}

export type Query = Record<string, string | undefined>;

export function query(request: FastifyRequest): Query {
  const q = (request.query ?? {}) as Record<string, unknown>;
  const out: Query = {};
  for (const [k, v] of Object.entries(q)) {
    const one = Array.isArray(v) ? v[v.length - 1] : v;
    if (typeof one === 'string' && one !== '') out[k] = one;
  }
  return out;
}

const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** A cluster name: letters, digits, `.`, `_`, `-`, at most 128 characters. */
export function clusterName(value: string | undefined, required: true): string;
export function clusterName(value: string | undefined, required?: false): string | undefined;
export function clusterName(value: string | undefined, required = false): string | undefined {
  if (value === undefined) {
    if (required) throw new BadRequest('the cluster query parameter is required');
    return undefined;
  }
  if (!CLUSTER_NAME.test(value)) throw new BadRequest(`cluster must be letters, digits, ".", "_" or "-" (at most 128), got ${JSON.stringify(value.slice(0, 140))}`);
  return value;
}

export function integer(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max) throw new BadRequest(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return Number(value);
}

export function oneOf<T extends string>(value: string | undefined, name: string, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) throw new BadRequest(`${name} must be one of ${choices.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T;
}
