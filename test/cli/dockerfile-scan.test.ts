import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

const DIR = 'test/fixtures/dockerfiles';

interface Sarif {
  runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[];
}
interface JsonReport {
  findings: { checkId: string; severity: string; message: string; location: { file: string; line: number; column: number }; evidence?: { found?: unknown } }[];
}

/** 1-based line and column of the first occurrence of `needle` in a fixture. */
async function where(file: string, needle: string, nth = 0): Promise<{ line: number; column: number }> {
  const lines = (await readFile(join(REPO_ROOT, file), 'utf8')).split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    const c = lines[i]!.indexOf(needle);
    if (c >= 0 && seen++ === nth) return { line: i + 1, column: c + 1 };
  }
  throw new Error(`${needle} not in ${file}`);
}

test('dockerfile scan -o sarif: every finding of the legacy Dockerfile at its exact line and column', async () => {
  const file = `${DIR}/legacy-tools/Dockerfile`;
  // --profile all: the HEALTHCHECK finding (hygiene) too.
  const r = await runCli(['dockerfile', 'scan', file, '-o', 'sarif', '--profile', 'all']);
  assert.equal(r.code, 0, r.stderr);
  const run = (JSON.parse(r.stdout) as Sarif).runs[0]!;
  const got = run.results.map((x) => `${x.ruleId} ${x.locations[0]!.physicalLocation.region.startLine}:${x.locations[0]!.physicalLocation.region.startColumn}`).sort();
  /** Where `needle` is, moved `shift` columns right (to the word a finding points at). */
  const at = async (needle: string, shift = 0) => { const p = await where(file, needle); return `${p.line}:${p.column + shift}`; };
  // `USER ops` is not root, so dockerfile-root-user does not fire.
  const expected = [
    `dockerfile-healthcheck-missing ${await at('FROM ubuntu')}`,
    `dockerfile-base-image-unpinned ${await at('ubuntu:latest')}`,
    `dockerfile-apt-upgrade ${await at('apt-get -y upgrade')}`,
    `dockerfile-package-version-unpinned ${await at('openssh-server')}`,
    `dockerfile-curl-pipe-shell ${await at('| bash', 2)}`,
    `dockerfile-add-remote-url ${await at('https://downloads.example.com/agent')}`,
    `dockerfile-add-instead-of-copy ${await at('ADD scripts/')}`,
    `dockerfile-sudo ${await at('sudo mkdir')}`,
    `dockerfile-expose-ssh ${await at('EXPOSE 22', 7)}`,
  ];
  assert.deepEqual(got, expected.sort());
  assert.ok(run.results.every((x) => x.locations[0]!.physicalLocation.artifactLocation.uri === file));
  const rules = run.tool.driver.rules.map((x) => x.id);
  assert.ok(rules.includes('dockerfile-root-user') && !rules.includes('privileged-container'), 'rules are the Dockerfile checks');
});

test('dockerfile scan of a directory finds every Dockerfile; JSON findings never contain a secret value', async () => {
  const r = await runCli(['dockerfile', 'scan', DIR, '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as JsonReport;
  const files = [...new Set(report.findings.map((f) => f.location.file))].sort();
  // go-service has only a hygiene finding (below): no file of its in the default report.
  assert.deepEqual(files, ['legacy-tools', 'node-web', 'python-api'].map((d) => `${DIR}/${d}/Dockerfile`));
  const secret = report.findings.find((f) => f.checkId === 'dockerfile-secret-in-env-arg' && f.location.file.includes('python-api'));
  assert.deepEqual(secret?.location, { file: `${DIR}/python-api/Dockerfile`, ...(await where(`${DIR}/python-api/Dockerfile`, 'DATABASE_PASSWORD')) });
  assert.ok(!r.stdout.includes('s3cr3t-Pa55'), 'the secret value is not in the report');
  const root = report.findings.filter((f) => f.checkId === 'dockerfile-root-user').map((f) => `${f.location.file.split('/')[3]}:${f.location.line}`).sort();
  assert.deepEqual(root, [`node-web:${(await where(`${DIR}/node-web/Dockerfile`, 'FROM node:${NODE_VERSION}-bookworm-slim')).line}`, `python-api:${(await where(`${DIR}/python-api/Dockerfile`, 'USER root')).line}`]);
  // The go service is clean: its missing HEALTHCHECK is hygiene, hidden by the default --profile security and
  // counted; --profile all shows it.
  assert.deepEqual(report.findings.filter((f) => f.location.file.includes('go-service')).map((f) => f.checkId), []);
  assert.ok((report as unknown as { summary: { hiddenByProfile: number } }).summary.hiddenByProfile >= 1);
  const all = JSON.parse((await runCli(['dockerfile', 'scan', `${DIR}/go-service/Dockerfile`, '-o', 'json', '--profile', 'all'])).stdout) as JsonReport;
  assert.deepEqual(all.findings.map((f) => f.checkId), ['dockerfile-healthcheck-missing']);
});

test('--fail-on, --checks, --build-arg and stdin', async () => {
  const legacy = `${DIR}/legacy-tools/Dockerfile`;
  assert.equal((await runCli(['dockerfile', 'scan', legacy, '--fail-on', 'high'])).code, 1);
  assert.equal((await runCli(['dockerfile', 'scan', `${DIR}/go-service/Dockerfile`, '--fail-on', 'low'])).code, 0);
  const only = await runCli(['dockerfile', 'scan', legacy, '--checks', 'DL3004', '-o', 'json']);
  assert.deepEqual((JSON.parse(only.stdout) as JsonReport).findings.map((f) => f.checkId), ['dockerfile-sudo']);
  const input = 'ARG BASE=alpine\nFROM ${BASE}\nUSER 1000\nHEALTHCHECK NONE\n';
  const plain = JSON.parse((await runCli(['dockerfile', 'scan', '-', '-o', 'json'], { input })).stdout) as JsonReport;
  assert.deepEqual(plain.findings.map((f) => [f.checkId, f.severity, f.location.file, f.location.line]), [['dockerfile-base-image-unpinned', 'medium', '<stdin>', 2]]);
  const pinned = JSON.parse((await runCli(['dockerfile', 'scan', '-', '-o', 'json', '--build-arg', `BASE=alpine:3.20@sha256:${'a'.repeat(64)}`], { input })).stdout) as JsonReport;
  assert.deepEqual(pinned.findings, []);
});

test('bad input: a missing path is exit 2; a broken Dockerfile is reported at its line and the rest still checked', async () => {
  const missing = await runCli(['dockerfile', 'scan', 'no/such/Dockerfile']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr + missing.stdout, /no such file or directory/);
  const input = 'FROM alpine:3.19\nRUN <<EOF\napk add curl\n';
  const r = JSON.parse((await runCli(['dockerfile', 'scan', '-', '-o', 'json'], { input })).stdout) as JsonReport;
  assert.deepEqual(r.findings.filter((f) => f.checkId === 'invalid-manifest').map((f) => [f.location.line, f.message]), [[2, 'heredoc <<EOF is not closed before the end of the file']]);
  assert.ok(r.findings.some((f) => f.checkId === 'dockerfile-root-user'));
});

test('kubeward scan never runs or counts Dockerfile checks', async () => {
  const r = await runCli(['scan', 'examples/', '-o', 'sarif']);
  const rules = (JSON.parse(r.stdout) as Sarif).runs[0]!.tool.driver.rules.map((x) => x.id);
  assert.ok(rules.includes('privileged-container'));
  assert.deepEqual(rules.filter((id) => id.startsWith('dockerfile-')), []);
});

test('no output format carries a secret value from ENV, ARG or an ADD URL', async () => {
  const { mkdtemp, readdir } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { FORMAT_NAMES } = await import('../../src/report/index.js');
  const dir = await mkdtemp(join(tmpdir(), 'kw-df-'));
  const input = 'FROM alpine:3.19\nENV API_TOKEN=tok-9f8e7d6c5b4a NPM_CONFIG_REGISTRY=https://build:hunter2-pw@registry.example.com/\nARG GH=ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789\nADD https://ci:adm1n-s3cret@artifacts.example.com/tool.bin /tool\n';
  const outputs = FORMAT_NAMES.flatMap((f) => ['-o', `${f}=${join(dir, f)}`]);
  const r = await runCli(['dockerfile', 'scan', '-', ...outputs], { input });
  assert.equal(r.code, 0, r.stderr);
  const written = await readdir(dir);
  assert.equal(written.length, FORMAT_NAMES.length);
  for (const f of written) {
    // Markdown escapes punctuation (\-): compare without the escapes, so an escaped secret is found too.
    const text = (await readFile(join(dir, f), 'utf8')).replace(/\\/g, '');
    assert.match(text, /dockerfile-secret-in-env-arg|Dockerfile puts a secret in ENV or ARG/, `${f} has the findings`);
    for (const secret of ['tok-9f8e7d6c5b4a', 'hunter2-pw', 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789', 'adm1n-s3cret']) {
      assert.ok(!text.includes(secret), `${f} contains ${secret}`);
    }
  }
});

test('FROM $ARG resolves the global ARG default; root-user is high on a base known to run as root, low when the base is unknown', async () => {
  const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(join(tmpdir(), 'kubeward-df-'));
  try {
    const files: Record<string, string> = {
      'resolved.Dockerfile': 'ARG BASE_IMAGE=docker.io/library/ubuntu:24.04\nFROM golang:1.22 AS builder\nRUN go build -o /app .\nFROM ${BASE_IMAGE}\nCOPY --from=builder /app /app\n',
      'unset.Dockerfile': 'ARG BASE\nFROM $BASE\nCOPY app /app\n',
      'other-team.Dockerfile': 'ARG REGISTRY=ghcr.io\nFROM ${REGISTRY}/team/base:1.0\nCOPY app /app\n',
      'default-word.Dockerfile': 'ARG BASE\nFROM ${BASE:-gcr.io/distroless/static-debian12:nonroot}\nCOPY app /app\n',
      'stage.Dockerfile': 'ARG STAGE=builder\nFROM alpine:3.19 AS builder\nUSER 1000\nFROM $STAGE\nCOPY app /app\n',
      'scratch.Dockerfile': 'FROM scratch\nCOPY app /app\n',
      'explicit-root.Dockerfile': 'ARG BASE\nFROM $BASE\nUSER 0\n',
    };
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    const r = await runCli(['dockerfile', 'scan', dir, '-o', 'json', '--checks', 'dockerfile-root-user,dockerfile-base-image-unpinned']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    const got = report.findings.map((f) => `${f.location.file.split('/').pop()} ${f.checkId} ${f.severity}`).sort();
    assert.deepEqual(got, [
      'default-word.Dockerfile dockerfile-base-image-unpinned low',
      'explicit-root.Dockerfile dockerfile-root-user high',
      'other-team.Dockerfile dockerfile-base-image-unpinned low',
      'other-team.Dockerfile dockerfile-root-user low',
      'resolved.Dockerfile dockerfile-base-image-unpinned low',
      'resolved.Dockerfile dockerfile-base-image-unpinned low',
      'resolved.Dockerfile dockerfile-root-user high',
      'scratch.Dockerfile dockerfile-root-user high',
      'stage.Dockerfile dockerfile-base-image-unpinned low',
      'unset.Dockerfile dockerfile-root-user low',
    ]);
    const msg = (file: string, id: string) => report.findings.filter((f) => f.location.file.endsWith(`/${file}`) && f.checkId === id).map((f) => f.message);
    assert.ok(msg('resolved.Dockerfile', 'dockerfile-base-image-unpinned').some((m) => m.includes('"docker.io/library/ubuntu:24.04"')), 'the ARG default is the base image');
    assert.match(msg('unset.Dockerfile', 'dockerfile-root-user')[0]!, /base image "\$BASE" \(a build argument without a default.*runs as root unless the base image sets a non-root USER/);
    assert.match(msg('other-team.Dockerfile', 'dockerfile-root-user')[0]!, /"ghcr\.io\/team\/base:1\.0" is not known here/);
    assert.equal((await runCli(['dockerfile', 'scan', join(dir, 'unset.Dockerfile'), '--fail-on', 'high'])).code, 0, 'an unknown base does not fail a high gate');
    assert.equal((await runCli(['dockerfile', 'scan', join(dir, 'resolved.Dockerfile'), '--fail-on', 'high'])).code, 1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
