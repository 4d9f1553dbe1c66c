// `kubeward deploy manifests` and the Helm chart deploy/helm/kubeward, rendered by the real `helm template`, are
// scanned by kubeward itself: nothing above low. The chart's agent RBAC is the one `deploy manifests` prints.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { AGENT_RULES } from '../../src/engine/deploy-manifests.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { needTool, toolEnv } from '../sources/tools.js';

interface K8s { kind: string; metadata: { name: string; namespace?: string }; spec?: Record<string, unknown>; rules?: unknown[] }
interface JsonReport { findings: { checkId: string; severity: string; object?: { kind: string; name: string } }[]; warnings: string[] }

const CHART = join(REPO_ROOT, 'deploy/helm/kubeward');
const objects = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as K8s | null).filter((o): o is K8s => o !== null);

/** Scan the YAML with kubeward; return the findings above low (there must be none) and the report. */
async function aboveLow(yaml: string): Promise<{ above: string[]; report: JsonReport }> {
  const r = await runCli(['scan', '-', '-o', 'json'], { input: yaml });
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as JsonReport;
  assert.deepEqual(report.warnings, []);
  const above = report.findings.filter((f) => !['low', 'info'].includes(f.severity)).map((f) => `${f.severity} ${f.checkId} ${f.object?.kind}/${f.object?.name}`);
  return { above, report };
}

const helmTemplate = async (...set: string[]) =>
  (await promisify(execFile)('helm', ['template', 'kw', CHART, '--namespace', 'kubeward', ...set.flatMap((s) => ['--set', s])], { env: toolEnv(), maxBuffer: 16 << 20 })).stdout;

test('deploy manifests: server, storage, agent CronJob, least-privilege RBAC, policies; scanned by kubeward: nothing above low', async () => {
  const r = await runCli(['deploy', 'manifests', '--cluster-name', 'prod-eu']);
  assert.equal(r.code, 0, r.stderr);
  const objs = objects(r.stdout);
  assert.deepEqual(objs.map((o) => `${o.kind}/${o.metadata.name}`), [
    'Namespace/kubeward', 'NetworkPolicy/default-deny', 'ServiceAccount/kubeward-server', 'PersistentVolumeClaim/kubeward-data', 'Deployment/kubeward', 'Service/kubeward',
    'NetworkPolicy/kubeward-server', 'ServiceAccount/kubeward-agent', 'ClusterRole/kubeward-agent', 'ClusterRoleBinding/kubeward-agent', 'CronJob/kubeward-agent', 'NetworkPolicy/kubeward-agent',
  ]);
  const cron = objs.find((o) => o.kind === 'CronJob')!;
  const agent = (cron.spec as { jobTemplate: { spec: { template: { spec: { containers: { args: string[]; env: unknown[] }[] } } } } }).jobTemplate.spec.template.spec.containers[0]!;
  assert.deepEqual(agent.args, ['agent', '--once', '--server', 'http://kubeward.kubeward.svc:8080', '--cluster-name', 'prod-eu']);
  assert.deepEqual(agent.env, [{ name: 'KUBEWARD_TOKEN', valueFrom: { secretKeyRef: { name: 'kubeward-agent-token', key: 'token' } } }]);
  const role = objs.find((o) => o.kind === 'ClusterRole')!;
  const granted = (role.rules as { resources: string[]; verbs: string[] }[]);
  assert.ok(granted.every((x) => x.verbs.join() === 'list'), 'list only');
  assert.ok(!granted.some((x) => x.resources.includes('secrets') || x.resources.includes('*')), 'no secrets, no wildcard');
  const { above, report } = await aboveLow(r.stdout);
  assert.deepEqual(above, []);
  // What stays is low and named here, so a new finding is seen: the token as an env var. (SQLite's single replica is
  // reliability hygiene and the version tag without a digest is hardening, both hidden by the default profile.)
  assert.deepEqual([...new Set(report.findings.filter((f) => f.severity === 'low').map((f) => f.checkId))].sort(), ['secret-as-env-var']);

  const pg = await runCli(['deploy', 'manifests', '--db', 'postgres', '--namespace', 'sec', '--image', 'ghcr.io/kubeward/kubeward@sha256:' + 'a'.repeat(64)]);
  assert.equal(pg.code, 0, pg.stderr);
  const pgObjs = objects(pg.stdout);
  assert.ok(pgObjs.some((o) => o.kind === 'PodDisruptionBudget'));
  assert.ok(!pgObjs.some((o) => o.kind === 'PersistentVolumeClaim'));
  assert.equal((pgObjs.find((o) => o.kind === 'Deployment')!.spec as { replicas: number }).replicas, 2);
  assert.ok(pgObjs.every((o) => ['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(o.kind) || o.metadata.namespace === 'sec'));
  const pgScan = await aboveLow(pg.stdout);
  assert.deepEqual(pgScan.above, []);
  assert.ok(!pgScan.report.findings.some((f) => f.checkId === 'image-not-pinned-by-digest' || f.checkId === 'single-replica'));

  const agentOnly = await runCli(['deploy', 'manifests', '--server-url', 'https://kubeward.example.com']);
  assert.ok(!objects(agentOnly.stdout).some((o) => o.kind === 'Deployment'), 'an external server: agent only');
  const bad = await runCli(['deploy', 'manifests', '--server-url', 'ftp://x']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--server-url must be an http\(s\) URL \(got "ftp:\/\/x"\)/);
});

test('the Helm chart rendered by helm template, default and PostgreSQL with 2 replicas: nothing above low; its agent RBAC is deploy manifests\'', async (t) => {
  if (!(await needTool(t, 'helm'))) return;
  const plain = await helmTemplate();
  const objs = objects(plain);
  assert.deepEqual(objs.map((o) => o.kind).sort(), ['ClusterRole', 'ClusterRoleBinding', 'CronJob', 'Deployment', 'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy', 'PersistentVolumeClaim', 'Service', 'ServiceAccount', 'ServiceAccount']);
  assert.deepEqual(objs.find((o) => o.kind === 'ClusterRole')!.rules, AGENT_RULES);
  assert.deepEqual((await aboveLow(plain)).above, []);

  const ha = await helmTemplate('db.type=postgres', 'server.replicas=3', 'image.digest=sha256:' + 'b'.repeat(64));
  const haObjs = objects(ha);
  assert.equal((haObjs.find((o) => o.kind === 'PodDisruptionBudget')!.spec as { minAvailable: number }).minAvailable, 1);
  assert.deepEqual((await aboveLow(ha)).above, []);
  // Reading Secrets is a real grant of their values, and kubeward says so: that is why it is off by default.
  const secrets = await helmTemplate('rbac.readSecrets=true');
  assert.ok((objects(secrets).find((o) => o.kind === 'ClusterRole')!.rules as { resources: string[] }[])[0]!.resources.includes('secrets'));
  assert.deepEqual((await aboveLow(secrets)).above, ['high rbac-secrets-read ClusterRole/kw-kubeward-agent']);

  await assert.rejects(helmTemplate('server.replicas=2'), /db.type sqlite runs one server replica/);
  await assert.rejects(helmTemplate('db.type=mysql'), /db.type must be sqlite or postgres/);
});
