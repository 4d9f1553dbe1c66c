import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { parse } from 'yaml';
import { REPO_ROOT } from './cli.js';

/** docs/openapi.yaml, and a check of any answer against the schema it declares for that path, method and status. */
interface Spec {
  paths: Record<string, Record<string, { responses: Record<string, { $ref?: string; content?: Record<string, { schema?: unknown }> }> }>>;
  components: { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
}

export const SPEC = parse(readFileSync(join(REPO_ROOT, 'docs/openapi.yaml'), 'utf8')) as Spec;

const ajv = new Ajv2020.default({ strict: false, allowUnionTypes: true, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(SPEC as object, 'openapi');

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** The spec's path template for a concrete URL path (`/api/v1/scans/abc` → `/api/v1/scans/{id}`). */
export function templateOf(path: string): string | undefined {
  if (SPEC.paths[path]) return path;
  return Object.keys(SPEC.paths).find((t) => t.includes('{') && new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path));
}

/** Assert that the answer is declared in docs/openapi.yaml and its JSON body matches the declared schema. */
export function assertMatchesSpec(method: string, url: string, status: number, contentType: string | undefined, body: string): void {
  const path = url.split('?')[0]!;
  const template = templateOf(path);
  assert.ok(template, `${path} is not in docs/openapi.yaml`);
  const op = SPEC.paths[template]![method.toLowerCase()];
  assert.ok(op, `${method} ${template} is not in docs/openapi.yaml`);
  let response = op.responses[String(status)];
  assert.ok(response, `${method} ${template} answered ${status}, which docs/openapi.yaml does not declare (${body.slice(0, 200)})`);
  let base = pointer('paths', template, method.toLowerCase(), 'responses', String(status));
  if (response.$ref) {
    const name = response.$ref.split('/').pop()!;
    response = SPEC.components.responses[name]!;
    base = pointer('components', 'responses', name);
  }
  if (!response.content) {
    assert.equal(body, '', `${method} ${template} ${status} declares no body`);
    return;
  }
  const type = (contentType ?? '').split(';')[0]!.trim();
  assert.ok(response.content[type], `${method} ${template} ${status}: content type ${type} is not declared`);
  if (type !== 'application/json') return;
  const validate = ajv.getSchema(`openapi#/${base}/content/${pointer('application/json')}/schema`);
  assert.ok(validate, `no schema for ${method} ${template} ${status}`);
  const ok = validate(JSON.parse(body));
  assert.ok(ok, `${method} ${url} ${status} does not match docs/openapi.yaml: ${ajv.errorsText(validate.errors)}\n${body.slice(0, 500)}`);
}

export interface Answer {
  status: number;
  body: string;
  json: any;
  headers: Record<string, string | string[] | number | undefined>;
}

/** `app.inject`, with every answer checked against docs/openapi.yaml. */
export async function call(app: FastifyInstance, method: string, url: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let payload: string | undefined;
  if (opts.body !== undefined) {
    payload = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const r = await app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) });
  assertMatchesSpec(method, url, r.statusCode, r.headers['content-type'] as string | undefined, r.body);
  let json: unknown;
  try {
    json = r.body ? JSON.parse(r.body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: r.statusCode, body: r.body, json, headers: r.headers };
}
