// The JUnit XML checked by a real XML parser (libxml2's xmllint), beside the strict reader in xml-check.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { renderJunit } from '../../src/report/junit.js';
import { fixtureReport } from './fixture-report.js';

test('JUnit output is well-formed XML to libxml2', (t) => {
  const probe = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  if (probe.error) {
    if (process.env.CI === 'true') assert.fail('xmllint missing under CI (apt-get install libxml2-utils)');
    t.skip('xmllint not installed (apt-get install libxml2-utils)');
    return;
  }
  const xml = renderJunit(fixtureReport());
  const r = spawnSync('xmllint', ['--noout', '-'], { input: xml, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const broken = spawnSync('xmllint', ['--noout', '-'], { input: xml.replace('</testsuites>', ''), encoding: 'utf8' });
  assert.notEqual(broken.status, 0, 'xmllint does reject a broken document');
});
