import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cloudCredentialKey, decodeData, formatHits, isPlaceholder, isSecretKeyName, looksLikeSecretValue, maskSecret, parseEmbeddedJson, RULE_IDS,
  scanArgv, scanJson, scanValue, secretObjectHits, shannonEntropy,
} from '../../../src/model/secrets/index.js';

const rules = (v: string, key?: string) => scanValue(v, key).map((h) => h.rule);
const b64 = (s: string) => Buffer.from(s).toString('base64');

test('known formats are found under any key, with their public prefix only in the hint', () => {
  const cases: [string, string][] = [
    ['ghp_MV3qPXi6Tv11fAe1XSC3krBmzXuLJNAcIUcN', 'github-token'],
    ['gho_Dgcx2RIQdIRDBBftiAT12X1sno0w3rDAGPbp', 'github-token'],
    ['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', 'github-token'],
    ['glpat-Ihib53iqsdRNhkkGGwaI', 'gitlab-token'],
    ['AKIAZKMHYSS5GQPM7QOX', 'aws-access-key-id'],
    ['aws_secret_access_key = 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', 'aws-secret-access-key'],
    ['xoxb-317974545479-6152615448009-XdvlZ0Og7OoqXpIBnFhH7eq1', 'slack-token'],
    ['https://hooks.slack.com/services/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', 'slack-webhook'],
    ['sk_live_DYhK26tP5a2t5kgYqbidVx6t', 'stripe-key'],
    ['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', 'sendgrid-key'],
    ['SK557f7208b8c6de0bc33f950645d9f214', 'twilio-key'],
    ['npm_p8KqrYmli5ugpYLl4bCOv5rsvaaQxyrwHw6U', 'npm-token'],
    ['//registry.npmjs.org/:_authToken=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5', 'npm-token'],
    ['DefaultEndpointsProtocol=https;AccountName=a;AccountKey=aXYs2iu+7gfrOAa3O6yGeKCt7XLDxVLDJudid4uwnYh6manHC0TIFyTpvR1VzUqp2kD3eEtssBng31HbVWfpQ3==', 'azure-storage-key'],
    ['Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=s;SharedAccessKey=5dUg3x6Blrj9wIeq4Qgog/Yo5/Ogpxjmbjad1Rd/cV0=', 'azure-sas-key'],
    ['mongodb+srv://app:Tq8mW3zLp2Vx@cluster0.mongodb.net/shop', 'database-url-password'],
    ['redis://:Tq8mW3zLp2Vx@cache:6379/0', 'database-url-password'],
    ['https://deploy:Tq8mW3zLp2Vx@git.internal/repo.git', 'url-basic-auth'],
  ];
  for (const [v, rule] of cases) {
    const hits = scanValue(v);
    assert.deepEqual(hits.map((h) => h.rule), [rule], v.slice(0, 12));
    assert.ok(!hits[0]!.hint.includes(v.slice(-8)), `hint of ${rule} shows the tail`);
  }
  assert.equal(scanValue('ghp_MV3qPXi6Tv11fAe1XSC3krBmzXuLJNAcIUcN')[0]!.hint, 'ghp_*** (40 chars)');
});

test('a JWT must have a JSON header with alg; the jwt.io sample is documentation', () => {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const jwt = `${enc({ alg: 'RS256', kid: 'k1' })}.${enc({ iss: 'kubernetes/serviceaccount', sub: 'system:serviceaccount:prod:ci' })}.Z3p4cVd2Uk1zN0xrOW5UeVoyYkhq`;
  assert.deepEqual(rules(jwt), ['jwt']);
  const sample = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ sub: '1234567890', name: 'John Doe', iat: 1516239022 })}.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`;
  assert.deepEqual(rules(sample), []);
  assert.deepEqual(rules(`eyJub3QiOiJqd3QifQ.${enc({ a: 1 })}.Z3p4cVd2Uk1zN0xrOW5UeVoyYkhq`), []);
});

test('a PEM private key needs its body; certificates and truncated keys are not secrets', () => {
  const body = 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo9z+40RQzuVaE8AkAFmxZzow3x+VJYKdjykkJ0iT9wCS0DRTXu269V264Vf/3jvredZiKRkgwlL9xNAwxXFg0x/XFw005UWVRIkdgcKWTjpBP2dPwVZ4WWC+9aGVd+Gyn1o0CLelf4rEjGoXbAAEgAqeGUxrcIlbjXfbcmwIDAQAB';
  assert.deepEqual(rules(`-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\n`), ['private-key']);
  assert.deepEqual(rules(`"private_key": "-----BEGIN PRIVATE KEY-----\\n${body}\\n-----END PRIVATE KEY-----\\n"`), ['private-key']);
  assert.deepEqual(rules('-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----'), []);
  assert.deepEqual(rules(`-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`), []);
});

test('placeholders, templates and documentation values are never secrets', () => {
  for (const v of ['${DB_PASSWORD}', '$(DB_PASSWORD)', '$DB_PASSWORD', '{{ .Values.password }}', '<changeme>', '<your-token>', 'xxxxxxxxxxxx', '********',
    'changeme', 'password', 'example-token-123', 'REPLACE_ME', '__TOKEN__', '((db_password))', 'my-password', 'SECRET_PASSWORD', '`cat /run/pw`'])
    assert.ok(isPlaceholder(v), v);
  for (const v of ['cRJM5JVVE0Bu27F5', 'Wq7#xP2v!mL9']) assert.equal(isPlaceholder(v), false, v);
  assert.deepEqual(rules('AKIAIOSFODNN7EXAMPLE'), [], 'the AWS documentation key');
  assert.deepEqual(rules('ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'), []);
  assert.deepEqual(rules('postgres://app:${DB_PASSWORD}@db/app'), []);
  assert.deepEqual(rules('https://user:password@example.com'), []);
  assert.deepEqual(rules('amqp://guest:guest@rabbitmq:5672/'), []);
});

test('secret-named keys: words, camelCase, run-together, and keys about a secret rather than holding it', () => {
  for (const k of ['password', 'DB_PASSWORD', 'dbPassword', 'db.password', '--db-password', 'AWS_SECRET_ACCESS_KEY', 'SECRET_KEY', 'clientSecret', 'api_key', 'apiKey', 'GITHUB_TOKEN', 'basic-auth', 'k8svaultapikey', 'azurestorageaccountkey'])
    assert.ok(isSecretKeyName(k), k);
  for (const k of ['secretName', 'PASSWORD_FILE', 'tokenPath', 'token_ttl', 'secretRef', 'checksum/secret', 'passwordMinLength', 'TOKEN_URL', 'LOG_LEVEL', 'bypass', 'publicKey', 'username'])
    assert.equal(isSecretKeyName(k), false, k);
});

test('cloud SDK credential variables: AZURE_<SERVICE>_KEY, AZURE_*_SECRET, OCI_CLI_KEY_CONTENT; their ids, URLs and files are not', () => {
  for (const k of ['AZURE_STORAGE_KEY', 'AZURE_BATCH_KEY', 'AZURE_BATCHAI_STORAGE_KEY', 'AZURE_CLIENT_SECRET', 'azureStorageAccountKey', 'OCI_CLI_KEY_CONTENT', 'OCI_CLI_PASSPHRASE'])
    assert.ok(cloudCredentialKey(k) !== undefined && isSecretKeyName(k), k);
  for (const k of ['AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_KEY_VAULT_URL', 'AZURE_STORAGE_ACCOUNT', 'AZURE_STORAGE_KEY_FILE', 'OCI_CLI_KEY_FILE', 'OCI_CLI_FINGERPRINT', 'AZURE_KEY'])
    assert.equal(cloudCredentialKey(k), undefined, k);
  assert.equal(cloudCredentialKey('OCI_CLI_KEY_CONTENT'), 'an Oracle Cloud (OCI) credential');
  assert.equal(cloudCredentialKey('AZURE_STORAGE_KEY'), 'an Azure credential');
});

test('entropy decides for generic values under secret-named keys', () => {
  assert.equal(shannonEntropy(''), 0);
  assert.equal(shannonEntropy('aaaa'), 0);
  assert.equal(shannonEntropy('abcd'), 2);
  assert.ok(looksLikeSecretValue('cRJM5JVVE0Bu27F5'));
  for (const v of ['short1', '/etc/secret/token', 'my-db-secret', 'DB_PASSWORD', '3600', '30s', 'https://vault:8200', 'database/creds/web', 'spring.datasource', 'Abcdefghij', 'aaaaaaaaaaaaaaaa1'])
    assert.equal(looksLikeSecretValue(v), false, v);
  assert.deepEqual(rules('cRJM5JVVE0Bu27F5', 'DB_PASSWORD'), ['secret-key-value']);
  assert.deepEqual(rules('cRJM5JVVE0Bu27F5', 'LOG_LEVEL'), []);
});

test('assignments inside config files and command lines are keyed by their own names', () => {
  const props = 'server.port=8080\nspring.datasource.password=dVgpFDLIxFoZxx\nauth.token.ttl=3600\n';
  const hits = scanValue(props, 'application.properties');
  assert.deepEqual(hits.map((h) => [h.rule, h.key]), [['secret-key-value', 'spring.datasource.password']]);
  assert.deepEqual(scanValue('{"password": "Zx9kLm2Qp4rT"}').map((h) => h.key), ['password']);
  assert.deepEqual(scanArgv(['app', '--api-key', 'cRJM5JVVE0Bu27F5', '--verbose']).map((x) => x.index), [2]);
  assert.deepEqual(scanArgv(['sh', '-c', 'export API_KEY=Zk3mP9qL2xR7 && run']).map((x) => x.index), [2]);
  assert.deepEqual(scanArgv(['app', '--api-key-file', '/run/key', '--password=$(PW)']), []);
});

test('committed Secret values: decoded, placeholders and public keys skipped, config files judged by content', () => {
  const hits = secretObjectHits({
    data: { password: b64('dVgpFDLIxFoZxx'), username: b64('shop'), 'ca.crt': b64('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'), tpl: '{{ .Values.x | b64enc }}', empty: '' },
    stringData: { token: 'changeme', 'tls.key': 'tls-key', 'config.yaml': 'log: debug\nport: 80\n', 'app.env': 'API_TOKEN=Zk3mP9qL2xR7q\n', color: 'blue' },
  });
  assert.deepEqual(hits.map((h) => `${h.pointer} ${h.hit.rule}`), ['/data/password committed-secret-value', '/stringData/app.env secret-key-value']);
  assert.deepEqual(decodeData('not base64!'), undefined);
  assert.equal(decodeData(b64('hi'))?.text, 'hi');
});

test('embedded JSON: env pairs keyed by name, embedded Secrets judged, pointers into the JSON', () => {
  const lac = JSON.stringify({ kind: 'Deployment', spec: { containers: [{ env: [{ name: 'DB_PASSWORD', value: 'cRJM5JVVE0Bu27F5' }, { name: 'MODE', value: 'cRJM5JVVE0Bu27F5' }] }] } });
  const located = scanJson(parseEmbeddedJson(lac));
  assert.deepEqual(located.map((l) => l.pointer), ['/spec/containers/0/env/0/value']);
  const sec = scanJson({ kind: 'Secret', stringData: { password: 'Wq7#xP2v!mL9' } });
  assert.deepEqual(sec.map((l) => `${l.pointer} ${l.hit.rule}`), ['/stringData/password committed-secret-value']);
  assert.equal(parseEmbeddedJson('not json'), undefined);
});

test('masking shows at most a quarter of a generic value and the length', () => {
  assert.equal(maskSecret('abcdefgh'), 'ab*** (8 chars)');
  assert.equal(maskSecret('abc'), '*** (3 chars)');
  assert.equal(maskSecret('abcdefghijklmnopqrstuvwxyz'), 'abcd*** (26 chars)');
  assert.equal(maskSecret('ghp_abcdefghijklmnopqrstuvwxyz0123456789', 4), 'ghp_*** (40 chars)');
  assert.ok(RULE_IDS.includes('private-key') && RULE_IDS.includes('committed-secret-value'));
  assert.deepEqual(formatHits(''), []);
});

test('hostile texts stay linear: many BEGIN lines without END, colon runs, repeated assignments', () => {
  const texts = [
    '-----BEGIN PRIVATE KEY-----\n'.repeat(20000) + '-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----',
    'a:'.repeat(200000),
    'password=abc '.repeat(50000),
    'postgres://u:p'.repeat(30000),
    'eyJ'.repeat(100000),
  ];
  // The quadratic version of the PEM search took ~60 s on the first text alone (bench/ measures the time).
  for (const t of texts) assert.deepEqual(scanValue(t, 'data'), []);
});
