import assert from 'node:assert/strict';
import { test } from 'node:test';
import { atomize, formatIp, parseCidr, parseIp, rangeToCidrs, touchesInternet } from '../../../src/analysis/netpol/ip.js';
import { ALL_PORTS, intersect, isAll, NO_PORTS, portRange, portsJson, subtract, union } from '../../../src/analysis/netpol/ports.js';

test('IPv4 and IPv6 parsing and formatting', () => {
  assert.equal(parseIp('10.1.2.3')!.value, 0x0a010203n);
  assert.equal(parseIp('256.1.1.1'), undefined);
  assert.equal(parseIp('1.2.3'), undefined);
  assert.equal(parseIp('2001:db8::1')!.value, 0x20010db8000000000000000000000001n);
  assert.equal(parseIp('::ffff:1.2.3.4')!.value, 0xffff01020304n);
  assert.equal(parseIp('::')!.value, 0n);
  assert.equal(parseIp('1::2::3'), undefined);
  assert.equal(parseIp('1:2:3:4:5:6:7:8:9'), undefined);
  assert.equal(formatIp(6, parseIp('2001:db8:0:0:1:0:0:1')!.value), '2001:db8::1:0:0:1');
  assert.equal(formatIp(6, 0n), '::');
  assert.equal(formatIp(4, parseIp('192.168.0.1')!.value), '192.168.0.1');
});

test('CIDR ranges, host bits, covering CIDRs, atoms', () => {
  assert.deepEqual(parseCidr('10.1.2.3/16'), { family: 4, lo: 0x0a010000n, hi: 0x0a01ffffn });
  assert.equal(parseCidr('10.0.0.0/33'), undefined);
  assert.equal(parseCidr('::/129'), undefined);
  assert.deepEqual(rangeToCidrs({ family: 4, lo: parseIp('10.0.0.0')!.value, hi: parseIp('10.0.0.6')!.value }), ['10.0.0.0/30', '10.0.0.4/31', '10.0.0.6/32']);
  assert.deepEqual(rangeToCidrs(parseCidr('::/0')!), ['::/0']);
  const atoms = atomize([parseCidr('10.0.0.0/8')!, parseCidr('10.1.0.0/16')!]);
  assert.deepEqual(atoms.filter((a) => a.family === 4).flatMap(rangeToCidrs).slice(0, 4), ['0.0.0.0/5', '8.0.0.0/7', '10.0.0.0/16', '10.1.0.0/16']);
  assert.equal(atoms.filter((a) => a.family === 6).length, 1);
  assert.equal(touchesInternet(parseCidr('10.0.0.0/8')!), false);
  assert.equal(touchesInternet(parseCidr('0.0.0.0/0')!), true);
  assert.equal(touchesInternet(parseCidr('fd00::/8')!), false);
});

test('port-set algebra', () => {
  const a = union(portRange('TCP', 80), portRange('TCP', 81, 90));
  assert.deepEqual(portsJson(a), { TCP: '80-90' });
  assert.deepEqual(portsJson(subtract(a, portRange('TCP', 85))), { TCP: '80-84,86-90' });
  assert.deepEqual(portsJson(intersect(a, union(portRange('TCP', 1, 80), portRange('UDP', 53)))), { TCP: '80' });
  assert.equal(intersect(a, portRange('UDP', 80)), NO_PORTS);
  assert.ok(isAll(union(subtract(ALL_PORTS, portRange('SCTP', 9)), portRange('SCTP', 9))));
  assert.equal(portsJson(ALL_PORTS), 'all');
  assert.equal(portRange('TCP', 70000), NO_PORTS);
});
