import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findEnvSecrets } from '../../src/analysis/image/env-secrets.js';
import { runImageChecks, type ImageCheckInput } from '../../src/analysis/image/image-checks.js';
import { IMAGE_RULES, type ImageExample } from '../../src/analysis/image/rules.js';
import { unknownFrameworkRefs } from '../../src/frameworks/validate.js';

/** A full image for a rule's example: everything else passing (a user, a healthcheck, no files). */
function image(ex: ImageExample): ImageCheckInput {
  return { reference: 'oci-layout:example:t', config: { User: '1000', Healthcheck: { Test: ['CMD', 'true'] }, ...(ex.config ?? {}) }, suidFiles: [], ...ex };
}

describe('image config rules', () => {
  for (const rule of Object.values(IMAGE_RULES)) {
    it(`${rule.id}: metadata and examples`, () => {
      assert.match(rule.id, /^image-[a-z-]+$/);
      assert.ok(rule.description.length > 40 && rule.remediation.length > 20);
      assert.deepEqual(unknownFrameworkRefs(rule.frameworks), []);
      assert.ok(rule.examples.fail.length > 0 && rule.examples.pass.length > 0);
      for (const ex of rule.examples.fail) {
        const own = runImageChecks(image(ex)).filter((f) => f.checkId === rule.id);
        assert.equal(own.length, 1, `failing example ${JSON.stringify(ex)}`);
        assert.equal(own[0]!.category, 'images');
        assert.equal(own[0]!.severity, rule.severity);
        assert.match(own[0]!.fingerprint, /^[0-9a-f]{32}$/);
      }
      for (const ex of rule.examples.pass) {
        assert.deepEqual(runImageChecks(image(ex)).filter((f) => f.checkId === rule.id), [], `passing example ${JSON.stringify(ex)}`);
      }
    });
  }

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
