import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redact, redactExcerpt, redactValue, redactWords } from '../../src/model/redact.js';

test('redact masks known formats, secret assignments and known values; leaves ordinary text alone; is idempotent', () => {
  const plain = 'container "app" runs privileged: securityContext.privileged is true in Deployment shop/api';
  assert.equal(redact(plain), plain);
  const text = 'token ghp_MV3qPXi6Tv11fAe1XSC3krBmzXuLJNAcIUcN then password=Xq7pLm2Vz9Rt4Kw and value Rf6wT3mQ9zK2xN8v';
  const once = redact(text, ['Rf6wT3mQ9zK2xN8v']);
  assert.equal(once, 'token ghp_*** (40 chars) then password=Xq7*** (15 chars) and value Rf6*** (16 chars)');
  assert.equal(redact(once, ['Rf6wT3mQ9zK2xN8v']), once);
  assert.equal(redact('postgres://app:dVgpFDLIxFoZxx@db:5432/x'), 'postgres://app:dVg*** (14 chars)@db:5432/x');
  assert.equal(redact('-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----'), '-----BEGIN RSA PRIVATE KEY----- *** -----END RSA PRIVATE KEY-----');
});

test('redactValue masks a value whole when its key makes it a secret; redactExcerpt and redactWords mask random-looking words', () => {
  assert.equal(redactValue('Xq7pLm2Vz9Rt4Kw', 'DB_PASSWORD'), 'Xq7*** (15 chars)');
  assert.equal(redactValue('10.0.0.0/8', 'traffic.sidecar.istio.io/excludeOutboundIPRanges'), '10.0.0.0/8');
  assert.equal(redactExcerpt('*Xq7pLm2Vz9Rt4Kw'), '*Xq7*** (15 chars)');
  assert.equal(redactExcerpt('*defaults'), '*defaults');
  assert.equal(redactWords('Block scalar header includes extra characters: >Jr6yB2nM8wQ4tZ7c'), 'Block scalar header includes extra characters: >Jr6*** (16 chars)');
  assert.equal(redactWords('unknown alias *base_config'), 'unknown alias *base_config');
});

test('an object reference after a check id is not taken for a secret assignment', () => {
  const note = 'automount-service-account-token: Pod/shop/operator left as is';
  assert.equal(redact(note), note);
});
