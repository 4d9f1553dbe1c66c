import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Flags } from '../../src/model/flags.js';

test('flags read as pflag reads them: =value, separate value, bare booleans, repeats, comma lists, feature gates', () => {
  const f = new Flags(['kube-apiserver', '--profiling', '--audit-log-maxage', '30', '--anonymous-auth=false', '--authorization-mode=Node',
    '--authorization-mode', 'RBAC,Webhook', '--enable-admission-plugins=', '--feature-gates=A=true,RotateKubeletServerCertificate=False', '-v=2', '--', '--ignored=1']);
  assert.equal(f.bool('profiling'), true);
  assert.deepEqual(f.last('audit-log-maxage'), { value: '30', index: 3 });
  assert.equal(f.bool('anonymous-auth'), false);
  assert.deepEqual(f.list('authorization-mode').map((m) => m.item), ['Node', 'RBAC', 'Webhook']);
  assert.equal(f.last('authorization-mode')!.index, 7);
  assert.deepEqual(f.list('enable-admission-plugins'), []);
  assert.ok(f.has('enable-admission-plugins'));
  assert.deepEqual(f.featureGate('RotateKubeletServerCertificate'), { value: false, index: 9 });
  assert.equal(f.featureGate('B'), undefined);
  assert.equal(f.last('v')!.value, '2');
  assert.equal(f.has('ignored'), false);
  assert.equal(new Flags(['etcd', '--client-cert-auth=yes']).bool('client-cert-auth'), undefined);
});
