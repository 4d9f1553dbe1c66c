import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';

const POD = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    sysctls: [{name: net.ipv4.tcp_rmem, value: "4096 87380 6291456"}]
  containers:
    - name: c
      image: app:1.0
      securityContext: {privileged: true}
`;

async function file(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kw-fw-'));
  await writeFile(join(dir, 'p.yaml'), text);
  return join(dir, 'p.yaml');
}

test('scan --framework cis -o json: per-control results and the score', async () => {
  const r = await runCli(['scan', await file(POD), '--framework', 'cis', '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { compliance: { framework: string; score: number; notEvaluated: number; controls: { id: string; status: string; resources: number; passedResources: number; reason?: string }[] }[] };
  assert.equal(doc.compliance.length, 1);
  const cis = doc.compliance[0]!;
  assert.equal(cis.framework, 'cis');
  const c = (id: string) => cis.controls.find((x) => x.id === id)!;
  assert.deepEqual([c('5.2.2').status, c('5.2.2').resources, c('5.2.2').passedResources], ['failed', 1, 0]);
  assert.equal(c('5.2.3').status, 'passed');
  assert.equal(c('5.5.1').status, 'not-evaluated');
  assert.ok(cis.notEvaluated >= 5);
  assert.ok(cis.score > 0 && cis.score < 1);
});

test('scan --framework in the table: a compliance section with the score and the not-evaluated count', async () => {
  const r = await runCli(['scan', await file(POD), '--framework', 'pss-baseline', '--framework', 'owasp']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Compliance: Pod Security Standards: baseline/);
  assert.match(r.stdout, /compliance \d+\.\d% over \d+ evaluated controls \(\d+ passed, \d+ failed\), \d+ not evaluated/);
  assert.match(r.stdout, /privileged\s+FAILED\s+0\/1 resources pass/);
  assert.match(r.stdout, /Compliance: OWASP Kubernetes Top 10/);
  assert.match(r.stdout, /K02\s+not evaluated\s+needs image input/);
});

test('--pss restricted:v1.31 judges at that version, also from the environment; bad values exit 2', async () => {
  const f = await file(POD);
  const json = async (args: string[], env?: NodeJS.ProcessEnv) => {
    const r = await runCli(['scan', f, '-o', 'json', ...args], env ? { env } : {});
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as { findings: { checkId: string; pss?: { policies: string[] } }[] };
  };
  const at31 = await json(['--pss', 'restricted:v1.31']);
  assert.deepEqual(at31.findings.find((x) => x.checkId === 'sysctls-unsafe')?.pss, { policies: ['restricted:v1.31'] });
  const latest = await json([], { KUBEWARD_PSS: 'baseline' });
  assert.equal(latest.findings.find((x) => x.checkId === 'sysctls-unsafe'), undefined, 'tcp_rmem is safe from v1.32');
  assert.equal(latest.findings.find((x) => x.checkId === 'run-as-non-root'), undefined, 'baseline leaves restricted controls out');
  const bad = await runCli(['scan', f, '--pss', 'strict']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--pss must be LEVEL\[:VERSION\]/);
  const badFw = await runCli(['scan', f, '--framework', 'iso27001']);
  assert.equal(badFw.code, 2);
  assert.match(badFw.stderr, /--framework must be one of cis, nsa, pss-baseline, pss-restricted, mitre, owasp/);
});

test('kubeward frameworks lists them; kubeward frameworks cis lists controls with needs and checks', async () => {
  const all = await runCli(['frameworks']);
  assert.equal(all.code, 0, all.stderr);
  for (const id of ['cis', 'nsa', 'pss-baseline', 'pss-restricted', 'mitre', 'owasp']) assert.match(all.stdout, new RegExp(`^${id}\\s`, 'm'));
  const cis = await runCli(['frameworks', 'cis']);
  assert.match(cis.stdout, /^5\.2\.2\s+manifests\s+openshift-scc-privileged, privileged-container\s+Minimize the admission of privileged containers/m);
  assert.match(cis.stdout, /^5\.2\.1\s+cluster\s+-/m);
  const json = JSON.parse((await runCli(['frameworks', 'pss-restricted', '-o', 'json'])).stdout) as { controls: { id: string; checks: string[] }[] };
  assert.deepEqual(json.controls.find((c) => c.id === 'runAsUser')?.checks, ['run-as-user-root']);
  const unknown = await runCli(['frameworks', 'nist']);
  assert.equal(unknown.code, 2);
});

test('kubeward explain C-0057 finds privileged-container and shows its framework controls', async () => {
  const r = await runCli(['explain', 'C-0057']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^privileged-container: /);
  assert.match(r.stdout, /5\.2\.2 {2}Minimize the admission of privileged containers/);
  assert.match(r.stdout, /--framework pss-baseline/);
  assert.match(r.stdout, /Pod Security policy versions/);
});

test('pss and framework keys in .kubeward.yaml work like the flags', async () => {
  const f = await file(POD);
  const dir = f.slice(0, f.lastIndexOf('/'));
  await writeFile(join(dir, '.kubeward.yaml'), 'pss: baseline:v1.31\nframework: [pss-baseline]\n');
  const r = await runCli(['scan', f, '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { findings: { checkId: string; pss?: { policies: string[] } }[]; compliance: { framework: string }[] };
  assert.deepEqual(doc.findings.find((x) => x.checkId === 'sysctls-unsafe')?.pss, { policies: ['baseline:v1.31'] });
  assert.equal(doc.findings.find((x) => x.checkId === 'run-as-non-root'), undefined);
  assert.deepEqual(doc.compliance.map((c) => c.framework), ['pss-baseline']);
});

test('--pss baseline: restricted checks did not run, so JUnit does not show them as passed', async () => {
  const f = await file(POD);
  const base = await runCli(['scan', f, '--pss', 'baseline', '-o', 'junit']);
  assert.equal(base.code, 0, base.stderr);
  assert.doesNotMatch(base.stdout, /run-as-non-root/);
  assert.match(base.stdout, /privileged-container/);
  const all = await runCli(['scan', f, '-o', 'junit']);
  assert.match(all.stdout, /run-as-non-root/);
});

test('JUnit: a pod in a namespace labelled privileged is not listed as passing the Pod Security checks', async () => {
  const f = await file(`apiVersion: v1
kind: Namespace
metadata: {name: sys, labels: {pod-security.kubernetes.io/enforce: privileged}}
---
apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: sys}
spec:
  containers: [{name: c, image: "agent:1.0"}]
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: app}
spec:
  containers: [{name: c, image: "web:1.0"}]
`);
  const r = await runCli(['scan', f, '-o', 'junit']);
  const suite = r.stdout.slice(r.stdout.indexOf('<testsuite name="host-pid"'), r.stdout.indexOf('</testsuite>', r.stdout.indexOf('<testsuite name="host-pid"')));
  assert.match(suite, /web/);
  assert.doesNotMatch(suite, /agent/);
  // Checks that are not Pod Security controls still judge it.
  const limits = r.stdout.slice(r.stdout.indexOf('<testsuite name="resource-limits"'));
  assert.match(limits.slice(0, limits.indexOf('</testsuite>')), /agent/);
});

test('the default view keeps messages as they are and records the policy in JSON; a chosen version is named in the message', async () => {
  const f = await file(POD);
  const run = async (args: string[]) => JSON.parse((await runCli(['scan', f, '-o', 'json', ...args])).stdout) as { findings: { checkId: string; message: string; pss?: { policies: string[] } }[] };
  const byDefault = (await run([])).findings.find((x) => x.checkId === 'privileged-container')!;
  assert.doesNotMatch(byDefault.message, /Pod Security/);
  assert.deepEqual(byDefault.pss, { policies: ['baseline:latest'] });
  const v30 = (await run(['--pss', 'v1.30'])).findings.find((x) => x.checkId === 'privileged-container')!;
  assert.match(v30.message, /\(Pod Security baseline:v1\.30\)(; also implies: .*)?$/);
});
