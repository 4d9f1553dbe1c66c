import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findEnvSecrets } from '../../src/analysis/image/env-secrets.js';
import { CHECKS } from '../../src/checks/index.js';
import { runImageRules } from '../../src/engine/run-image-rules.js';
import type { ImageCheckInput } from '../../src/model/image-input.js';

/** A full image: everything passing (a user, a healthcheck, no files) but what `ex` says. */
function image(ex: Partial<Omit<ImageCheckInput, 'reference'>>): ImageCheckInput {
  return { reference: 'oci-layout:example:t', suidFiles: [], ...ex, config: { User: '1000', Healthcheck: { Test: ['CMD', 'true'] }, ...(ex.config ?? {}) } };
}
const runImageChecks = (input: ImageCheckInput) => runImageRules(CHECKS, input);

describe('image config rules (their examples run in examples.test.ts)', () => {
  it('run in the order image scan has always listed them, located in the image', () => {
    const f = runImageChecks({ reference: 'oci-layout:example:t', config: { Env: ['DB_PASSWORD=hunter2hunter2'] }, shadow: 'root:::0:::::\n', suidFiles: [{ path: '/usr/bin/su', mode: 0o4755 }] });
    assert.deepEqual(f.map((x) => [x.checkId, x.location.file, x.location.line, x.path]), [
      ['image-runs-as-root', 'oci-layout:example:t', 1, '/config/User'],
      ['image-root-empty-password', 'oci-layout:example:t!/etc/shadow', 1, ''],
      ['image-env-secret', 'oci-layout:example:t', 1, '/config/Env/0'],
      ['image-suid-files', 'oci-layout:example:t', 1, ''],
      ['image-no-healthcheck', 'oci-layout:example:t', 1, '/config/Healthcheck'],
    ]);
    assert.ok(f.every((x) => x.category === 'images' && x.object === undefined));
    assert.equal(f[0]!.severity, 'medium');
    assert.deepEqual(f[0]!.evidence, { found: null, expected: 'a non-root USER, e.g. 65532' });
  });

  it('a rule that throws is an internal-error finding; the others still run', () => {
    const boom = { ...CHECKS.find((c) => c.id === 'image-suid-files')!, id: 'boom', run: () => { throw new Error('bad input'); } } as (typeof CHECKS)[number];
    const f = runImageRules([boom, CHECKS.find((c) => c.id === 'image-no-healthcheck')!], image({ config: { Healthcheck: null } }));
    // Rules outside IMAGE_RULE_ORDER run after those it names.
    assert.deepEqual(f.map((x) => [x.checkId, x.message]), [['image-no-healthcheck', 'the image config has no HEALTHCHECK'], ['internal-error', 'check boom failed on this image: bad input']]);
  });

  it('never prints a secret value: only the name and its length', () => {
    const value = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789AB';
    const fs = runImageChecks(image({ config: { Env: [`GITHUB=${value}`, 'MYSQL_ROOT_PASSWORD=p4ssw0rd!'] } })).filter((f) => f.checkId === 'image-env-secret');
    assert.equal(fs.length, 2);
    const text = JSON.stringify(fs);
    assert.ok(!text.includes(value) && !text.includes('p4ssw0rd'), text);
    assert.deepEqual(fs.map((f) => [f.path, f.evidence?.found]), [['/config/Env/0', `GITHUB=<redacted, ${value.length} characters>`], ['/config/Env/1', 'MYSQL_ROOT_PASSWORD=<redacted, 9 characters>']]);
    assert.match(fs[0]!.message, /GitHub token/);
    assert.deepEqual(findEnvSecrets(['JAVA_HOME=/opt/java', 'TOKEN_URL_PATH=/x', 'NODE_VERSION=20']), []);
  });

  it('empty-password finding names the shadow line; fingerprints are stable', () => {
    const a = runImageChecks(image({ shadow: 'bin:!::\nroot::18000:0:::::\n' }));
    const f = a.find((x) => x.checkId === 'image-root-empty-password')!;
    assert.deepEqual([f.location.file, f.location.line], ['oci-layout:example:t!/etc/shadow', 2]);
    assert.equal(runImageChecks(image({ shadow: 'bin:!::\nroot::18000:0:::::\n' })).find((x) => x.checkId === f.checkId)!.fingerprint, f.fingerprint);
  });
});
