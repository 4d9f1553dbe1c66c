// End-to-end: `kubeward paths` and `kubeward scan --prioritize` on the hand-built scenarios (test/fixtures/paths).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import type { AttackPathsResult } from '../../src/model/attack-path.js';
import { renderPaths } from '../../src/report/attack-paths.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

const ESCAPE = 'test/fixtures/paths/node-escape.yaml';
const PODS = 'test/fixtures/paths/create-pods.yaml';
const dir = mkdtempSync(join(tmpdir(), 'kw-paths-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('kubeward paths', () => {
  it('table: each path hop by hop with evidence and its fix, then the fixes ranked', async () => {
    const r = await runCli(['paths', ESCAPE, PODS, '--limit', '2']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], '4 attack paths (3 workloads, 4 ways in, 2 footholds); the top 2 shown (--limit).');
    assert.match(r.stdout, /#1 {2}score 33\.35 {2}the internet → cluster-admin \(\* on \* in every namespace\) {2}\(internet → cluster-admin; likelihood 0\.2565 × impact 10 × replicas 1\.3\)/);
    assert.match(r.stdout, /\n {2}1\. the internet → shop\/frontend\[Deployment\]: exposed to the internet: Service shop\/frontend is type LoadBalancer/);
    assert.match(r.stdout, /\n {7}Service shop\/frontend: type LoadBalancer {2}test\/fixtures\/paths\/node-escape\.yaml:6\n/);
    assert.match(r.stdout, /\n#2 {2}score 24\.57 {2}the internet → Secrets of every namespace/);
    assert.match(r.stdout, /\n {2}3\. ops\/agent\[Deployment\] → a node's host \(kubelet, DaemonSet pods\): escape the container to the node \(privileged-container: .*\n {7}test\/fixtures\/paths\/node-escape\.yaml:39 {2}\[privileged-container\]/);
    assert.ok(!r.stdout.includes('#3 '), '--limit 2');
    const fixes = lines.slice(lines.indexOf('Fix first (each fix with the paths and score it removes):') + 1);
    assert.match(fixes[0]!, /^ {2}1\. stop exposing Service shop\/frontend \(type LoadBalancer\).* — 2 paths, score 57\.92$/);
  });

  it('--from and --to keep only those paths; -o json is the AttackPaths document', async () => {
    const r = await runCli(['paths', ESCAPE, PODS, '--from', 'pod', '--to', 'cluster-admin', '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { kind: string; total: number; paths: { entry: string; jewel: string; fix: string }[]; fixes: { id: string }[] };
    assert.equal(doc.kind, 'AttackPaths');
    assert.equal(doc.total, 1);
    assert.deepEqual(doc.paths.map((p) => [p.entry, p.jewel, p.fix]), [['pod', 'cluster-admin', 'binding:ClusterRoleBinding admin-is-cluster-admin']]);
  });

  it('-o dot draws the shown paths; mermaid and html render the same result (pure renderers)', async () => {
    const dot = await runCli(['paths', ESCAPE, '-o', 'dot']);
    assert.match(dot.stdout, /^digraph attack_paths \{/);
    assert.match(dot.stdout, /"node" -> "secrets" \[label=/);
    assert.match(dot.stdout, /"secrets" \[label="Secrets of every namespace", shape=doubleoctagon\];/);
    const json = await runCli(['paths', ESCAPE, '-o', 'json']);
    const result = JSON.parse(json.stdout) as AttackPathsResult;
    assert.match(renderPaths('mermaid', result, { limit: 10 }), /^flowchart LR\n {2}n0\["the internet"\] -->\|"exposed to the internet/);
    const html = renderPaths('html', result, { limit: 10 });
    assert.match(html, /<h2>Fix first<\/h2><table>.*<td>ops\/agent\[Deployment\]: Remove `securityContext.privileged: true`/s);
    assert.ok(!html.includes('<script'), 'no script in the page');
  });

  it('weights from --weight and from .kubeward.yaml paths.weights; a bad weight or entry is a usage error', async () => {
    const cfg = join(dir, 'kubeward.yaml');
    writeFileSync(cfg, 'paths:\n  weights: ["impact.secrets=0.1"]\n');
    const r = await runCli(['paths', ESCAPE, PODS, '--config', cfg, '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { paths: { jewel: string; impact: number }[] };
    assert.deepEqual(doc.paths.map((p) => [p.jewel, p.impact]), [['cluster-admin', 10], ['cluster-admin', 10], ['secrets', 0.1], ['secrets', 0.1]]);
    const flag = JSON.parse((await runCli(['paths', ESCAPE, '--weight', 'scale=1', '-o', 'json'])).stdout) as { paths: { score: number }[] };
    assert.equal(flag.paths[0]!.score, 2.46);
    const bad = await runCli(['paths', ESCAPE, '--weight', 'impact.gold=3']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--weight: unknown weight "impact\.gold"/);
    const from = await runCli(['paths', ESCAPE, '--from', 'moon']);
    assert.equal(from.code, 2);
    assert.match(from.stderr, /--from must be one of internet, pod, image/);
    const none = await runCli(['paths']);
    assert.equal(none.code, 2);
  });
});

describe('kubeward scan --prioritize', () => {
  it('the findings the paths rest on come first, each with its reason; the Report (1.2) matches its schema', async () => {
    const r = await runCli(['scan', ESCAPE, '--prioritize', '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { schemaVersion: string; findings: { checkId: string; object?: { name: string }; priority?: { rank: number; score: number; path: string; reason: string } }[] };
    assert.equal(doc.schemaVersion, '1.3');
    const prioritised = doc.findings.filter((f) => f.priority);
    assert.deepEqual(doc.findings.slice(0, prioritised.length), prioritised, 'prioritised findings first');
    assert.deepEqual(prioritised.map((f) => `${f.object?.name}:${f.checkId}`).sort(), [
      // agent's workload-without-network-policy is folded under its namespace's missing-default-deny-ingress (issue 20).
      'agent:missing-default-deny-ingress', 'agent:privileged-container', 'frontend:exposed-service-open-ingress', 'frontend:service-exposed',
    ]);
    const priv = prioritised.find((f) => f.checkId === 'privileged-container')!.priority!;
    assert.deepEqual(priv, {
      rank: 1, score: 24.57,
      path: 'the internet → shop/frontend[Deployment] → ops/agent[Deployment] → a node\'s host (kubelet, DaemonSet pods) → Secrets of every namespace',
      reason: 'on attack path #1 (score 24.57): the internet → Secrets of every namespace',
    });
    const ajv = new Ajv2020.default({ strict: true, allowUnionTypes: true, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'docs/findings.schema.json'), 'utf8')) as object);
    assert.equal(validate(doc), true, JSON.stringify(validate.errors));
    const table = await runCli(['scan', ESCAPE, '--prioritize']);
    // The message wraps over several lines (it names the settings privileged makes moot), then the path.
    assert.match(table.stdout, /privileged-container .*\n(?: {4,}[^↳\n]*\n)*? {4,}↳ on attack path #1 \(score 24\.57\): the internet →\n/);
    const plain = await runCli(['scan', ESCAPE, '-o', 'json']);
    assert.ok(!plain.stdout.includes('"priority"'), 'no priority without --prioritize');
  });
});
