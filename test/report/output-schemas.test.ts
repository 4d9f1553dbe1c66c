// Every command's machine-readable output, run in-process on the bundled examples and test fixtures, validated
// against its JSON Schema in docs/ (docs/findings-json.md, "Other JSON outputs").
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { JSON_DOCUMENT_KINDS, JSON_DOCUMENT_VERSION, jsonDocument } from '../../src/report/json-document.js';
import { renderVerifyJson } from '../../src/report/signature-text.js';
import type { ImageSignatureResult } from '../../src/sources/image/signature/verify-image.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

const SCHEMAS = join(REPO_ROOT, 'docs/schemas');
const CLUSTER = 'test/fixtures/rbac/cluster.yaml';
const DEMO = ['test/fixtures/netpol/microservices-demo/kubernetes-manifests', 'test/fixtures/netpol/microservices-demo/kustomize/components/network-policies'];
const OCI = 'test/fixtures/oci';

type Doc = Record<string, unknown>;

const ajv = new Ajv2020.default({ strict: true, allowUnionTypes: true, allErrors: true });
addFormats.default(ajv);
const validators = new Map<string, ValidateFunction>();
function schemaOf(file: string): Doc {
  return JSON.parse(readFileSync(file, 'utf8')) as Doc;
}
function validator(file: string): ValidateFunction {
  let v = validators.get(file);
  if (v) return v;
  const schema = schemaOf(file);
  try {
    v = ajv.compile(schema);
  } catch (err) {
    ajv.removeSchema(schema.$id as string); // so the next test reports the same error, not a duplicate id
    throw err;
  }
  validators.set(file, v);
  return v;
}
function assertValid(file: string, doc: unknown, label: string): void {
  const v = validator(file);
  const valid = v(doc);
  assert.equal(valid, true, `${label} does not match ${file}:\n${JSON.stringify(v.errors, null, 2)}`);
}
function assertInvalid(file: string, doc: unknown, label: string): void {
  assert.equal(validator(file)(doc), false, `${label}: a broken document must be rejected by ${file}`);
}
/** The document without one of its required keys (a copy). */
function without(doc: Doc, key: string): Doc {
  const copy = structuredClone(doc);
  assert.ok(key in copy, `the document has "${key}"`);
  delete copy[key];
  return copy;
}

let dir = '';
let db = '';
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kw-schemas-'));
  db = join(dir, 'db.sqlite');
  const imp = await runCli(['db', 'import', 'test/fixtures/advisories', '--db', db]);
  assert.equal(imp.code, 0, imp.stderr);
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface Case {
  kind: (typeof JSON_DOCUMENT_KINDS)[number];
  args: () => string[];
  code?: number;
  /** Something the answer must hold, so a schema is never checked against an empty document only. */
  nonEmpty: (d: Doc) => unknown[];
}

const CASES: Record<string, Case> = {
  'rbac can (yes, with grants)': { kind: 'RbacCan', args: () => ['rbac', 'can', 'system:serviceaccount:ci:deployer', 'create', 'pods', '-n', 'prod', CLUSTER, '-o', 'json'], nonEmpty: (d) => d.grants as unknown[] },
  'rbac can (no, a binding that grants nothing)': { kind: 'RbacCan', code: 1, args: () => ['rbac', 'can', 'carol', 'get', 'pods', '-n', 'prod', CLUSTER, '-o', 'json'], nonEmpty: (d) => d.bindingsGrantingNothing as unknown[] },
  'rbac can (a non-resource URL, system:masters)': { kind: 'RbacCan', args: () => ['rbac', 'can', 'group:system:masters', 'get', '/healthz', CLUSTER, '-o', 'json'], nonEmpty: (d) => [d.privilegedGroup].filter(Boolean) },
  'rbac who-can': { kind: 'RbacWhoCan', args: () => ['rbac', 'who-can', 'get', 'secrets', '-n', 'prod', CLUSTER, '-o', 'json'], nonEmpty: (d) => d.subjects as unknown[] },
  'rbac who-can -A (an unknown resource: warning)': { kind: 'RbacWhoCan', args: () => ['rbac', 'who-can', 'create', 'widgets', '-A', CLUSTER, '-o', 'json'], nonEmpty: (d) => [d.warning].filter(Boolean) },
  'rbac permissions': { kind: 'RbacPermissions', args: () => ['rbac', 'permissions', 'group:devs', CLUSTER, '-o', 'json'], nonEmpty: (d) => d.permissions as unknown[] },
  'rbac permissions (dead binding)': { kind: 'RbacPermissions', args: () => ['rbac', 'permissions', 'carol', CLUSTER, '-o', 'json'], nonEmpty: (d) => d.bindingsGrantingNothing as unknown[] },
  'rbac paths': { kind: 'RbacPaths', args: () => ['rbac', 'paths', CLUSTER, '-o', 'json'], nonEmpty: (d) => [...(d.direct as unknown[]), ...(d.paths as unknown[])] },
  'netpol explain (denied)': { kind: 'NetpolExplain', code: 1, args: () => ['netpol', 'explain', 'default/adservice', 'default/cartservice', '--port', '7070', ...DEMO, '-o', 'json'], nonEmpty: (d) => (d.egress as { rules: unknown[] }).rules },
  'netpol explain (external source, Service port)': { kind: 'NetpolExplain', args: () => ['netpol', 'explain', '203.0.113.9', 'calico-apiserver/calico-api', '--port', '443', 'test/fixtures/netpol/calico', '-o', 'json'], nonEmpty: (d) => [d.allowed].filter(Boolean) },
  'netpol matrix': { kind: 'NetpolMatrix', args: () => ['netpol', 'matrix', ...DEMO, '-o', 'json'], nonEmpty: (d) => d.connections as unknown[] },
  checks: { kind: 'CheckList', args: () => ['checks', '-o', 'json'], nonEmpty: (d) => d.checks as unknown[] },
  frameworks: { kind: 'FrameworkList', args: () => ['frameworks', '-o', 'json'], nonEmpty: (d) => d.frameworks as unknown[] },
  'frameworks cis': { kind: 'Framework', args: () => ['frameworks', 'cis', '-o', 'json'], nonEmpty: (d) => d.controls as unknown[] },
  'frameworks pss-restricted': { kind: 'Framework', args: () => ['frameworks', 'pss-restricted', '-o', 'json'], nonEmpty: (d) => d.controls as unknown[] },
  'db info': { kind: 'AdvisoryDbInfo', args: () => ['db', 'info', '--db', db, '-o', 'json'], nonEmpty: (d) => d.sources as unknown[] },
  'audit scan': { kind: 'AuditAlerts', args: () => ['audit', 'scan', 'test/fixtures/audit/attacks.log', '-o', 'json'], nonEmpty: (d) => d.alerts as unknown[] },
  'image scan --sbom': { kind: 'VulnReport', args: () => ['image', 'scan', '--sbom', 'examples/sbom/alpine-3.9.cdx.json', '--db', db, '-o', 'json'], nonEmpty: (d) => d.vulnerabilities as unknown[] },
};

describe('JSON outputs match their schemas in docs/schemas', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: ${c.kind}`, async () => {
      const r = await runCli(c.args());
      assert.equal(r.code, c.code ?? 0, r.stderr);
      const doc = JSON.parse(r.stdout) as Doc;
      assert.deepEqual(Object.keys(doc).slice(0, 2), ['schemaVersion', 'kind'], 'the envelope comes first');
      assert.equal(doc.schemaVersion, JSON_DOCUMENT_VERSION);
      assert.equal(doc.kind, c.kind);
      assert.ok(c.nonEmpty(doc).length > 0, `${name}: the answer is not empty`);
      const file = join(SCHEMAS, `${c.kind}.schema.json`);
      assertValid(file, doc, name);
      // Broken documents: each required key removed in turn, a wrong kind, a wrong major version.
      for (const key of schemaOf(file).required as string[]) assertInvalid(file, without(doc, key), `${name} without "${key}"`);
      assertInvalid(file, { ...doc, kind: 'Something' }, `${name} with another kind`);
      assertInvalid(file, { ...doc, schemaVersion: '2.0' }, `${name} with schemaVersion 2.0`);
    });
  }

  it('a broken item inside a main array is rejected too', async () => {
    const file = join(SCHEMAS, 'NetpolMatrix.schema.json');
    const doc = JSON.parse((await runCli(['netpol', 'matrix', 'test/fixtures/netpol/calico', '-o', 'json'])).stdout) as { connections: Doc[] };
    assertValid(file, doc, 'netpol matrix');
    assertInvalid(file, { ...doc, connections: [without(doc.connections[0]!, 'dst')] }, 'a connection without dst');
    assertInvalid(file, { ...doc, connections: [{ ...doc.connections[0]!, allowed: { ICMP: '1' } }] }, 'a protocol that is not TCP/UDP/SCTP');
    const checks = JSON.parse((await runCli(['checks', '-o', 'json'])).stdout) as { checks: Doc[] };
    assertInvalid(join(SCHEMAS, 'CheckList.schema.json'), { ...checks, checks: [{ ...checks.checks[0]!, severity: 'severe' }] }, 'a check with an unknown severity');
  });

  it('every kind has its schema, named after it, whose kind is that kind; and docs/findings-json.md lists it', () => {
    const files = readdirSync(SCHEMAS).filter((f) => f.endsWith('.schema.json'));
    const md = readFileSync(join(REPO_ROOT, 'docs/findings-json.md'), 'utf8');
    for (const kind of JSON_DOCUMENT_KINDS) {
      assert.ok(files.includes(`${kind}.schema.json`), `docs/schemas/${kind}.schema.json`);
      const s = schemaOf(join(SCHEMAS, `${kind}.schema.json`));
      assert.equal(s.$schema, 'https://json-schema.org/draft/2020-12/schema');
      assert.deepEqual((s.properties as Record<string, unknown>).kind, { const: kind });
      assert.deepEqual((s.required as string[]).slice(0, 2), ['schemaVersion', 'kind']);
      assert.ok(md.includes(`\`${kind}\``) && md.includes(`schemas/${kind}.schema.json`), `docs/findings-json.md lists ${kind}`);
    }
    for (const f of files) validator(join(SCHEMAS, f)); // every schema compiles in strict mode
  });

  it('jsonDocument puts the envelope first and refuses a body that has its own', () => {
    assert.equal(jsonDocument('CheckList', { checks: [] }), '{\n  "schemaVersion": "1.0",\n  "kind": "CheckList",\n  "checks": []\n}');
    assert.throws(() => jsonDocument('AdvisoryDbInfo', { schemaVersion: 1 }), /must not have its own/);
    assert.throws(() => jsonDocument('CheckList', [] as unknown as object), /not an array/);
  });
});

describe('outputs with their own versioning', () => {
  it('scan -o json: the findings Report (docs/findings.schema.json)', async () => {
    const r = await runCli(['scan', 'examples/', '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as Doc;
    assert.ok((doc.findings as unknown[]).length > 0);
    const file = join(REPO_ROOT, 'docs/findings.schema.json');
    assertValid(file, doc, 'scan examples/');
    assertInvalid(file, without(doc, 'findings'), 'a Report without findings');
  });

  it('image scan IMAGE -o json, with and without the advisory database (docs/schemas/ImageScan.schema.json)', async () => {
    const file = join(SCHEMAS, 'ImageScan.schema.json');
    const withDb = await runCli(['image', 'scan', `docker-archive:${OCI}/alpine-dpkg-v2-docker.tar`, '--db', db, '-o', 'json']);
    assert.equal(withDb.code, 0, withDb.stderr);
    const a = JSON.parse(withDb.stdout) as Doc & { vulnerabilities: { checked: boolean; matches: unknown[] }; packages: unknown[]; findings: unknown[] };
    assert.equal(a.vulnerabilities.checked, true);
    assert.ok(a.vulnerabilities.matches.length > 0 && a.packages.length > 0 && a.findings.length > 0);
    assertValid(file, a, 'image scan docker-archive with a database');
    const noDb = await runCli(['image', 'scan', `oci-layout:${OCI}/layout:v1`, '-o', 'json'], { env: { XDG_CACHE_HOME: join(dir, 'no-cache'), KUBEWARD_DB: '' } });
    assert.equal(noDb.code, 0, noDb.stderr);
    const b = JSON.parse(noDb.stdout) as Doc & { vulnerabilities: { checked: boolean } };
    assert.equal(b.vulnerabilities.checked, false);
    assertValid(file, b, 'image scan oci-layout without a database');
    for (const key of schemaOf(file).required as string[]) assertInvalid(file, without(a, key), `image scan without "${key}"`);
    assertInvalid(file, { ...a, vulnerabilities: { checked: true } }, 'checked vulnerabilities without matches');
  });

  it('image verify -o json (docs/schemas/ImageVerify.schema.json): the renderer, as a registry is needed to run the command', () => {
    // The command itself runs against a real registry in test/image/signature-registry.test.ts.
    const digest = `sha256:${'ab'.repeat(32)}`;
    const result: ImageSignatureResult = {
      reference: 'reg.example/team/app:1.4',
      signatureRef: `reg.example/team/app:sha256-${'ab'.repeat(32)}.sig`,
      keyAlgorithm: 'ECDSA P-256 SHA-256',
      verified: false,
      imageDigest: digest,
      reason: 'digest mismatch: a signature by the key names another manifest digest',
      signatures: [
        { index: 1, payloadDigest: `sha256:${'01'.repeat(32)}`, status: 'digest-mismatch', reason: 'signed for another manifest', signedDigest: `sha256:${'cd'.repeat(32)}`, dockerReference: 'reg.example/team/app', creator: 'ci', timestamp: 1764547200 },
        { index: 2, status: 'skipped', reason: 'layer media type application/octet-stream is not a simple-signing payload' },
      ],
    };
    const file = join(SCHEMAS, 'ImageVerify.schema.json');
    const doc = JSON.parse(renderVerifyJson(result, { name: 'kubeward', version: '0.1.0' })) as Doc;
    assertValid(file, doc, 'image verify');
    for (const key of schemaOf(file).required as string[]) assertInvalid(file, without(doc, key), `image verify without "${key}"`);
    assertInvalid(file, { ...doc, signatures: [{ ...result.signatures[0], status: 'maybe' }] }, 'a signature with an unknown status');
  });
});
