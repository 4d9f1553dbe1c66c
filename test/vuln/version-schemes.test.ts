import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareGo, goSemver } from '../../src/vuln/version/go.js';
import { compareMaven } from '../../src/vuln/version/maven.js';
import { compareRpm } from '../../src/vuln/version/rpm.js';

test('rpm EVR: epoch first, then version, then release (only when both have one)', () => {
  assert.equal(compareRpm('1:1.0-1', '2.0-1'), 1);
  assert.equal(compareRpm('0:1.0-1', '1.0-1'), 0);
  assert.equal(compareRpm('1.0-1.el8', '1.0-2.el8'), -1);
  assert.equal(compareRpm('1.0', '1.0-5'), 0);
  assert.equal(compareRpm('1.0~rc1-1', '1.0-1'), -1);
  assert.equal(compareRpm('1.0^git1-1', '1.0-1'), 1);
});

test('Go: v prefix, pseudo-versions, +incompatible, toolchain versions', () => {
  assert.equal(compareGo('v1.2.3', '1.2.3'), 0);
  assert.equal(compareGo('v0.0.0-20191109021931-daa7c04131f5', 'v0.0.0-20200101000000-aaaaaaaaaaaa'), -1);
  assert.equal(compareGo('v0.0.0-20191109021931-daa7c04131f5', 'v0.1.0'), -1);
  assert.equal(compareGo('v2.0.0+incompatible', '2.0.0'), 0);
  assert.equal(compareGo('v17.12.0+incompatible', 'v20.10.0+incompatible'), -1);
  assert.equal(goSemver('go1.21'), '1.21.0');
  assert.equal(goSemver('go1.21rc2'), '1.21.0-rc.2');
  assert.equal(compareGo('go1.20.3', '1.20.10'), -1);
  assert.equal(goSemver('not-a-version'), undefined);
});

test('Maven: ComparableVersion ordering', () => {
  const order = ['1-alpha-1', '1-alpha-2', '1-beta-1', '1-milestone-1', '1-rc-1', '1-SNAPSHOT', '1', '1-sp', '1-abc', '1-xyz', '1-1', '1.1', '1.2-alpha', '1.2', '1.10'];
  for (let i = 0; i < order.length; i++)
    for (let j = 0; j < order.length; j++) assert.equal(compareMaven(order[i]!, order[j]!), Math.sign(i - j), `${order[i]} vs ${order[j]}`);
  for (const [a, b] of [['1', '1.0.0'], ['1-ga', '1'], ['1.0alpha1', '1.0-alpha-1'], ['1.0.0.Final', '1'], ['1cr1', '1rc1'], ['1a1', '1-alpha-1']]) assert.equal(compareMaven(a!, b!), 0, `${a} = ${b}`);
  assert.equal(compareMaven('2.9.10.4', '2.9.10'), 1);
});
