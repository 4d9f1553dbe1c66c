// Locations a reviewer can click (issue 11): Helm findings on the template line that wrote the field, Kustomize
// findings on the resource file and its real line, every region of every format inside the file it names, and
// secrets a chart makes at render time not reported as committed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { needTool } from '../sources/tools.js';

interface JsonFinding {
  checkId: string;
  path: string;
  fingerprint: string;
  object?: { kind: string; name: string };
  location: { file: string; line: number; column: number };
}

const CHART = 'test/fixtures/sources/chart-web';
const SECRETS_CHART = 'test/fixtures/sources/chart-secrets';
const OVERLAY = 'test/fixtures/sources/kustomize/overlays/prod';
const CHART_ARGS = [CHART, '--helm-release', 'rel', '-f', `${CHART}/values-prod.yaml`];

const FORMATS = ['sarif', 'json', 'junit', 'table'] as const;
/** Each input is scanned once, writing every format that names a place in a file; the tests share the outputs. */
const scanned = new Map<string, Promise<Record<(typeof FORMATS)[number], string>>>();

function scanAll(args: string[]): Promise<Record<(typeof FORMATS)[number], string>> {
  const k = args.join(' ');
  if (!scanned.has(k)) {
    scanned.set(k, (async () => {
      const out = await mkdtemp(join(tmpdir(), 'kw-regions-'));
      const r = await runCli(['scan', ...args, ...FORMATS.flatMap((f) => ['-o', `${f}=${join(out, f)}`])], { cwd: REPO_ROOT });
      assert.ok(r.code === 0 || r.code === 1, `${k}: ${r.stderr}`);
      return Object.fromEntries(FORMATS.map((f) => [f, readFileSync(join(out, f), 'utf8')])) as Record<(typeof FORMATS)[number], string>;
    })());
  }
  return scanned.get(k)!;
}

async function scanJson(args: string[]): Promise<JsonFinding[]> {
  return (JSON.parse((await scanAll(args)).json) as { findings: JsonFinding[] }).findings;
}

function fileLines(file: string): string[] {
  return readFileSync(isAbsolute(file) ? file : join(REPO_ROOT, file), 'utf8').split('\n');
}

test('helm: a finding points at the template line that wrote its field, never past the end of the template', async (t) => {
  if (!(await needTool(t, 'helm'))) return;
  const findings = await scanJson(CHART_ARGS);
  assert.ok(findings.length > 5);
  for (const f of findings) {
    assert.match(f.location.file, /\/templates\/[a-z]+\.yaml$/, f.checkId);
    assert.ok(f.location.line <= fileLines(f.location.file).length, `${f.checkId} ${f.location.file}:${f.location.line}`);
  }
  const privileged = findings.find((f) => f.checkId === 'privileged-container')!;
  const { file, line, column } = privileged.location;
  assert.deepEqual({ file, line, column }, { file: `${CHART}/templates/deployment.yaml`, line: 22, column: 13 });
  assert.match(fileLines(privileged.location.file)[21]!, /^ {12}privileged: /);
});

test('helm: secrets the chart makes at render time (randAlphaNum, lookup, genCA, in a Secret or an env value) are not committed; a value from values.yaml is', async (t) => {
  if (!(await needTool(t, 'helm'))) return;
  const findings = (await scanJson([SECRETS_CHART])).filter((f) => f.checkId.startsWith('secret-'));
  assert.deepEqual(
    findings.map((f) => `${f.checkId} ${f.object?.name} ${f.path} ${f.location.file}:${f.location.line}`),
    [
      `secret-in-committed-secret api /stringData/api-token ${SECRETS_CHART}/templates/committed.yaml:7`,
      `secret-in-env worker /spec/template/spec/containers/0/env/1/value ${SECRETS_CHART}/templates/deployment.yaml:21`,
    ],
  );
});

test('kustomize: findings point at the resource file and its real line; the origin annotations change no finding or fingerprint', async (t) => {
  if (!(await needTool(t, 'kubectl'))) return;
  const findings = await scanJson([OVERLAY]);
  const base = 'test/fixtures/sources/kustomize/base/deployment.yaml';
  assert.ok(findings.length > 5);
  for (const f of findings) {
    assert.equal(f.location.file, base, `${f.checkId} ${f.location.file}`);
    assert.ok(f.location.line <= fileLines(base).length);
  }
  const image = findings.find((f) => f.checkId === 'image-not-pinned-by-digest')!;
  assert.equal(image.location.line, 17);
  assert.match(fileLines(base)[16]!, /image: example\.com\/api:1\.0/);
  // A base rendered by kustomize without origin annotations, piped in: the same findings, the same fingerprints.
  const baseDir = 'test/fixtures/sources/kustomize/base';
  const plain = execFileSync(join(REPO_ROOT, '.tools/bin/kubectl'), ['kustomize', join(REPO_ROOT, baseDir)], { encoding: 'utf8' });
  assert.doesNotMatch(plain, /config\.kubernetes\.io\/origin/);
  const piped = await runCli(['scan', '-', '-o', 'json'], { cwd: REPO_ROOT, input: plain });
  const key = (f: JsonFinding) => `${f.checkId} ${f.object?.kind}/${f.object?.name} ${f.path} ${f.fingerprint}`;
  const direct = await scanJson([baseDir]);
  assert.ok(direct.every((f) => !f.location.file.endsWith('kustomization.yaml')));
  assert.deepEqual(direct.map(key).sort(), (JSON.parse(piped.stdout) as { findings: JsonFinding[] }).findings.map(key).sort());
});

interface Region {
  file: string;
  startLine: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

/** Every region each format puts a finding at. */
function regions(format: string, out: string): Region[] {
  if (format === 'json') {
    return (JSON.parse(out) as { findings: JsonFinding[] }).findings
      .filter((f) => f.location.file !== '<cluster>')
      .map((f) => ({ file: f.location.file, startLine: f.location.line, startColumn: f.location.column }));
  }
  if (format === 'sarif') {
    type Loc = { physicalLocation?: { artifactLocation: { uri: string }; region?: Omit<Region, 'file'> } };
    const runs = (JSON.parse(out) as { runs: { results: { locations: Loc[] }[] }[] }).runs;
    return runs.flatMap((r) =>
      r.results.flatMap((res) =>
        res.locations
          .filter((l) => l.physicalLocation?.region)
          .map((l) => {
            const uri = l.physicalLocation!.artifactLocation.uri;
            return { file: uri.startsWith('file://') ? fileURLToPath(uri) : decodeURIComponent(uri), ...l.physicalLocation!.region! };
          }),
      ),
    );
  }
  if (format === 'table') {
    // "Kind ns/name  FILE" heads each group; "  SEVERITY  check  LINE:COL  message" under it.
    const out2: Region[] = [];
    let file = '';
    for (const l of out.split('\n')) {
      const head = /^\S.*? {2}(\S+)$/.exec(l);
      if (head && !l.startsWith('Scanned')) file = head[1]!;
      const row = /^ {2}[A-Z]+ +\S+ +(\d+):(\d+)/.exec(l);
      if (row && file) out2.push({ file, startLine: Number(row[1]), startColumn: Number(row[2]) });
    }
    return out2;
  }
  // junit: <testcase ... file="..." line="N">
  return [...out.matchAll(/file="([^"]+)" line="(\d+)"/g)].map((m) => ({ file: m[1]!.replace(/&amp;/g, '&'), startLine: Number(m[2]) }));
}

test('every region of every format lies inside the file it names: examples, a Helm chart, a Kustomize dir', async (t) => {
  if (!(await needTool(t, 'helm'))) return;
  if (!(await needTool(t, 'kubectl'))) return;
  let checked = 0;
  for (const input of [['examples/insecure-app.yaml', 'examples/hardened-app.yaml', 'examples/broken.yaml'], CHART_ARGS, [SECRETS_CHART], [OVERLAY]]) {
    const outputs = await scanAll(input);
    for (const format of FORMATS) {
      const found = regions(format, outputs[format]);
      assert.ok(found.length > 0, `${input.join(' ')} ${format}: no regions`);
      for (const g of found) {
        const lines = fileLines(g.file);
        const where = `${format} ${g.file}:${g.startLine}`;
        assert.ok(g.startLine >= 1 && g.startLine <= lines.length, where);
        assert.ok((g.endLine ?? g.startLine) >= g.startLine && (g.endLine ?? g.startLine) <= lines.length, where);
        if (g.startColumn !== undefined) assert.ok(g.startColumn >= 1 && g.startColumn <= lines[g.startLine - 1]!.length + 1, `${where}:${g.startColumn}`);
        if (g.endColumn !== undefined) assert.ok(g.endColumn <= lines[(g.endLine ?? g.startLine) - 1]!.length + 1, `${where} end ${g.endColumn}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 100, String(checked));
});
