import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RequestError } from '../../src/engine/errors.js';
import { envName, OPTIONS } from '../../src/engine/options.js';
import { requireSignedHook } from '../../src/engine/signatures.js';
import { runCli } from '../helpers/cli.js';

/* The command's usage errors (exit 2) and the --require-signed declaration, without a registry. */
let dir = '';
let pub = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kw-sigcli-'));
  pub = join(dir, 'cosign.pub');
  writeFileSync(pub, generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ type: 'spki', format: 'pem' }));
  writeFileSync(join(dir, 'junk.pub'), 'not a key');
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('kubeward image verify: usage errors', () => {
  it('a local image, a missing key file, a bad -o, and a non-loopback --insecure are exit 2 with a reason', async () => {
    const local = await runCli(['image', 'verify', 'oci-layout:test/fixtures/oci/layout:v1', '--key', pub]);
    assert.equal(local.code, 2);
    assert.match(local.stderr, /signatures are read from a registry/);
    const noFile = await runCli(['image', 'verify', 'reg.example/app:1', '--key', join(dir, 'nope.pub')]);
    assert.equal(noFile.code, 2);
    assert.match(noFile.stderr, /cannot read the key .*nope\.pub: ENOENT/);
    const junk = await runCli(['image', 'verify', 'reg.example/app:1', '--key', join(dir, 'junk.pub'), '-o', 'json']);
    assert.equal(junk.code, 2);
    assert.match(junk.stderr, /junk\.pub: the key file is not PEM/);
    const fmt = await runCli(['image', 'verify', 'reg.example/app:1', '--key', pub, '-o', 'sarif']);
    assert.equal(fmt.code, 2);
    assert.match(fmt.stderr, /--format must be one of table, json \(got "sarif"\)/);
    const insecure = await runCli(['image', 'verify', 'reg.example/app:1', '--key', pub, '--insecure']);
    assert.equal(insecure.code, 2);
    assert.match(insecure.stderr, /--insecure allows plain http only for loopback registries/);
  });

  it('--help names the exit codes', async () => {
    const h = await runCli(['image', 'verify', '--help']);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /Exit codes: 0 verified, 1 not signed \/ bad signature \/ digest mismatch, 2 usage/);
  });
});

describe('--require-signed KEY', () => {
  it('is declared once (flag, config key, environment variable)', () => {
    assert.equal(OPTIONS.requireSigned.flag, 'require-signed');
    assert.equal(OPTIONS.requireSigned.key, 'images.requireSigned');
    assert.equal(envName(OPTIONS.requireSigned), 'KUBEWARD_REQUIRE_SIGNED');
  });

  it('a key file problem is a usage error before any image is read', () => {
    assert.throws(() => requireSignedHook(join(dir, 'junk.pub')), (e: Error) => e instanceof RequestError && /not PEM/.test(e.message));
    assert.throws(() => requireSignedHook(join(dir, 'nope.pub')), RequestError);
    assert.equal(typeof requireSignedHook(pub), 'function');
  });
});
