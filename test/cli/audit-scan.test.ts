// kubeward audit scan over rotated, gzip, damaged and oversized audit logs; audit policy; the JSON, SARIF and table outputs.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { runCli } from '../helpers/cli.js';

const FIXTURE = readFileSync('test/fixtures/audit/attacks.log', 'utf8').trimEnd().split('\n');
const event = (i: number) => JSON.parse(FIXTURE[i]!) as Record<string, unknown>;
const ruleOf = (i: number) => event(i);

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kw-audit-'));
  // The rotated file, gzip: a privileged pod and a cluster-admin binding (fixture lines found by their objectRef).
  const byName = (name: string) => FIXTURE.find((l) => (JSON.parse(l) as { objectRef?: { name?: string } }).objectRef?.name === name)!;
  writeFileSync(join(dir, 'audit-2026-01-05T09-00-00.000.log.gz'), gzipSync(`${byName('debug')}\n${byName('backdoor')}\n`));
  // The current file: an event with fields nobody knows, a malformed line, an event over 256 KiB, a secret read, and a cut-off last line.
  const unknown = JSON.stringify({ ...JSON.parse(byName('db-password')), futureField: { nested: [1, 2] } });
  const huge = JSON.stringify({ ...JSON.parse(byName('kube-proxy-x')), requestObject: { padding: 'x'.repeat(300 * 1024) } });
  writeFileSync(join(dir, 'audit.log'), `${unknown}\n{"kind": "Event", "auditID": \n${huge}\n\n["not", "an", "event"]\n${byName('impersonator').slice(0, 120)}`);
  // Oldest first when a directory is given.
  utimesSync(join(dir, 'audit-2026-01-05T09-00-00.000.log.gz'), new Date('2026-01-05T09:00:00Z'), new Date('2026-01-05T09:00:00Z'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('kubeward audit scan', () => {
  it('reads gzip and rotated files in order; counts malformed, oversized and cut-off lines with warnings; never crashes', async () => {
    const r = await runCli(['audit', 'scan', join(dir, 'audit-2026-01-05T09-00-00.000.log.gz'), join(dir, 'audit.log'), '-o', 'json', '--fail-on', 'critical']);
    assert.equal(r.code, 1, r.stderr);
    const doc = JSON.parse(r.stdout) as { alerts: { rule: string; auditID: string; severity: string }[]; stats: Record<string, number> };
    assert.deepEqual(doc.alerts.map((a) => `${a.rule}:${a.severity}`), ['privileged-pod-created:critical', 'cluster-admin-binding:critical', 'secret-read-unusual-subject:medium']);
    assert.equal(doc.alerts[2]!.auditID, ruleOf(FIXTURE.findIndex((l) => l.includes('db-password'))).auditID, 'the alert joins back to the log');
    assert.deepEqual(doc.stats, { files: 2, lines: 8, events: 3, malformed: 2, oversized: 1, truncated: 1 });
    assert.match(r.stderr, /audit\.log:2: not JSON/);
    assert.match(r.stderr, /audit\.log:3: an event of \d+ bytes, over the limit of 262144: skipped/);
    assert.match(r.stderr, /audit\.log:5: not an audit event/);
    assert.match(r.stderr, /audit\.log:6: the last line is cut off/);
  });

  it('a directory is read oldest file first; table and SARIF outputs; --fail-on below every alert passes', async () => {
    const table = await runCli(['audit', 'scan', dir]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^CRITICAL privileged-pod-created/m);
    assert.match(table.stdout, /3 alerts \(2 critical, 1 medium\) from 3 events in 2 files; lines skipped: 2 malformed, 1 oversized, 1 cut off$/m);
    const sarif = await runCli(['audit', 'scan', 'test/fixtures/audit/attacks.log', '-o', 'sarif']);
    const log = JSON.parse(sarif.stdout) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string }[] }[] };
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs[0]!.results.length, FIXTURE.length);
    assert.ok(log.runs[0]!.tool.driver.rules.some((x) => x.id === 'auth-failure-burst'));
    assert.equal(log.runs[0]!.results.find((x) => x.ruleId === 'cluster-admin-binding')!.level, 'error');
  });

  it('settings: --allowed-source-cidrs turns on unexpected-source-ip; a bad CIDR and a missing file are errors (exit 2)', async () => {
    const r = await runCli(['audit', 'scan', 'test/fixtures/audit/attacks.log', '-o', 'json', '--allowed-source-cidrs', '192.168.0.0/16']);
    const alerts = (JSON.parse(r.stdout) as { alerts: { rule: string }[] }).alerts;
    assert.equal(alerts.filter((a) => a.rule === 'unexpected-source-ip').length, FIXTURE.length);
    const bad = await runCli(['audit', 'scan', 'test/fixtures/audit/attacks.log', '--allowed-source-cidrs', '10.0.0.0/40']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unexpected-source-ip: .*bad prefix length/);
    const missing = await runCli(['audit', 'scan', join(dir, 'nope.log')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.log: no such file or directory/);
  });

  it('never prints the value of a credential found in a ConfigMap', async () => {
    const r = await runCli(['audit', 'scan', 'test/fixtures/audit/attacks.log', '-o', 'json']);
    assert.match(r.stdout, /credentials under DB_PASSWORD/);
    assert.ok(!r.stdout.includes('q8Z#v2Lm!x9TrB4w'));
  });

  it('a file of which no line is an audit event is an error (exit 2), not a clean pass; an empty log is no alert', async () => {
    const garbage = join(dir, 'not-audit.log');
    writeFileSync(garbage, Buffer.concat([Buffer.from([0, 255, 1, 254, 10]), Buffer.from('apiVersion: v1\nkind: Pod\n')]));
    const r = await runCli(['audit', 'scan', garbage, '-o', 'json']);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /no audit event could be read \(3 malformed, 0 oversized, 0 cut-off lines in 1 file\)/);
    const empty = join(dir, 'empty.log');
    writeFileSync(empty, '');
    const e = await runCli(['audit', 'scan', empty, '-o', 'json']);
    assert.equal(e.code, 0, e.stderr);
    assert.deepEqual((JSON.parse(e.stdout) as { alerts: unknown[] }).alerts, []);
  });

  it('--rbac says on each alert what its user can do, as the RBAC authorizer decides', async () => {
    const plain = JSON.parse((await runCli(['audit', 'scan', 'test/fixtures/audit/attacks.log', '-o', 'json'])).stdout) as { alerts: Record<string, unknown>[] };
    assert.ok(plain.alerts.every((a) => !('subjectCan' in a)), 'no RBAC read, no subjectCan');
    // alice (group dev): secrets readable cluster-wide through the group, deployments creatable in prod only.
    const r = await runCli(['audit', 'scan', 'test/fixtures/audit/attacks.log', '--rbac', 'test/fixtures/audit/rbac.yaml', '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const alerts = (JSON.parse(r.stdout) as { alerts: { rule: string; user: string; objectRef: { namespace?: string } | null; subjectCan?: string[] }[] }).alerts;
    assert.equal(alerts.length, plain.alerts.length);
    const inProd = alerts.find((a) => a.rule === 'privileged-pod-created')!;
    assert.deepEqual(inProd.subjectCan, ['read secrets (cluster-wide)', 'create pods or pod-creating workloads (in prod)']);
    const clusterScoped = alerts.find((a) => a.rule === 'cluster-admin-binding')!;
    assert.deepEqual(clusterScoped.subjectCan, ['read secrets (cluster-wide)']);
    assert.deepEqual(alerts.find((a) => a.user === 'system:anonymous')!.subjectCan, []);
    const table = await runCli(['audit', 'scan', 'test/fixtures/audit/attacks.log', '--rbac', 'test/fixtures/audit/rbac.yaml']);
    assert.match(table.stdout, /alice can: read secrets \(cluster-wide\); create pods or pod-creating workloads \(in prod\)/);
    assert.match(table.stdout, /system:anonymous can: none of the dangerous powers/);
    // An RBAC path that cannot be read is an error, not alerts without context.
    const missing = await runCli(['audit', 'scan', 'test/fixtures/audit/attacks.log', '--rbac', 'no/such/rbac.yaml']);
    assert.equal(missing.code, 2, missing.stderr);
  });

  it('audit policy prints an audit.k8s.io/v1 Policy that keeps secret bodies out', async () => {
    const r = await runCli(['audit', 'policy']);
    assert.equal(r.code, 0);
    const policy = parse(r.stdout) as { apiVersion: string; kind: string; rules: { level: string; resources?: { group: string; resources?: string[] }[] }[] };
    assert.equal(policy.kind, 'Policy');
    assert.equal(policy.apiVersion, 'audit.k8s.io/v1');
    const secrets = policy.rules.find((x) => x.resources?.some((g) => g.group === '' && g.resources?.includes('secrets')));
    assert.equal(secrets?.level, 'Metadata');
  });
});
