import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileCel } from '../../../src/policy/cel/environment.js';
import { fromCel, toCel } from '../../../src/policy/cel/values.js';

/** Evaluate and bring the value back to JSON-like form (BigInt → number). */
function ev(expression: string, vars: Record<string, unknown> = {}): unknown {
  const c = compileCel(expression);
  if ('error' in c) throw new Error(`compile: ${c.error}`);
  return fromCel(c.program.evaluate(vars));
}
function evalError(expression: string): string {
  const c = compileCel(expression);
  if ('error' in c) throw new Error(`compile: ${c.error}`);
  try {
    c.program.evaluate({});
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`${expression} did not fail`);
}

// Expected values are those documented for k8s.io/apiserver/pkg/cel/library and cel-go ext (Kubernetes docs,
// "CEL in Kubernetes" → Kubernetes CEL libraries).
const CASES: [string, unknown][] = [
  // strings
  ['"TacoCat".lowerAscii()', 'tacocat'],
  ['"TacoCÆt".upperAscii()', 'TACOCÆT'],
  ['"hello".charAt(4)', 'o'],
  ['"hello".charAt(5)', ''],
  ['"hello hello".replace("he", "we")', 'wello wello'],
  ['"hello hello".replace("he", "we", 1)', 'wello hello'],
  ['"hello hello".replace("he", "we", 0)', 'hello hello'],
  ['"hello mellow".indexOf("ello")', 1],
  ['"hello mellow".lastIndexOf("ello")', 7],
  ['"tacocat".substring(4)', 'cat'],
  ['"tacocat".substring(0, 4)', 'taco'],
  ['"a,b,c".split(",")', ['a', 'b', 'c']],
  ['"a,b,c".split(",", 2)', ['a', 'b,c']],
  ['["a", "b", "c"].join("-")', 'a-b-c'],
  ['"  \\ttrim\\n ".trim()', 'trim'],
  ['"gums".reverse()', 'smug'],
  ['"%s has %d items, %.2f full".format(["cart", 3, 0.5])', 'cart has 3 items, 0.50 full'],
  ['strings.quote("a\\"b")', '"a\\"b"'],
  // lists
  ['[1, 2, 3].isSorted()', true],
  [`["a", "c", "b"].isSorted()`, false],
  ['[1, 2, 3].sum()', 6],
  ['[1.5, 2.5].sum()', 4],
  ['[].sum()', 0],
  ['[2, 1, 3].min()', 1],
  ['["b", "a"].max()', 'b'],
  ['[1, 2, 2, 3].indexOf(2)', 1],
  ['[1, 2, 2, 3].lastIndexOf(2)', 2],
  ['[1, 2].indexOf(9)', -1],
  ['sets.contains([1, 2, 3], [3, 1])', true],
  ['sets.equivalent([1, 2], [2, 1, 1])', true],
  ['sets.intersects([1], [2])', false],
  // regex
  ['"abc 123".find("[0-9]+")', '123'],
  ['"abc".find("[0-9]+")', ''],
  ['"123 abc 456".findAll("[0-9]+")', ['123', '456']],
  ['"123 abc 456".findAll("[0-9]+", 1)', ['123']],
  ['"image:v1".matches("^[a-z]+:v[0-9]+$")', true],
  // quantity
  ['quantity("50M").isLessThan(quantity("100M"))', true],
  ['quantity("1Gi").isGreaterThan(quantity("1000Mi"))', true],
  ['quantity("100m") == quantity("0.1")', true],
  ['quantity("1Gi").compareTo(quantity("1024Mi"))', 0],
  ['quantity("2k").asInteger()', 2000],
  ['quantity("1.5").isInteger()', false],
  ['quantity("50k").isInteger()', true],
  ['quantity("-3").sign()', -1],
  ['quantity("500m").asApproximateFloat()', 0.5],
  ['quantity("50k").add(quantity("20k")) == quantity("70k")', true],
  ['quantity("50k").sub(20000) == quantity("30k")', true],
  ['quantity("1e3").asInteger()', 1000],
  ['isQuantity("1.5Gi")', true],
  ['isQuantity("1.5Gb")', false],
  // url
  ['url("https://example.com:80/path?k=v&k=w").getScheme()', 'https'],
  ['url("https://example.com:80/path").getHost()', 'example.com:80'],
  ['url("https://[::1]:80/").getHostname()', '::1'],
  ['url("https://[::1]:80/").getHost()', '[::1]:80'],
  ['url("https://example.com/").getPort()', ''],
  ['url("https://example.com/a%20b").getEscapedPath()', '/a%20b'],
  ['url("https://example.com/?k=v&k=w&x=1").getQuery()', { k: ['v', 'w'], x: ['1'] }],
  ['isURL("/absolute/path")', true],
  ['isURL("relative/path")', false],
  // ip / cidr
  ['isIP("1.2.3.4")', true],
  ['isIP("01.2.3.4")', false],
  ['isIP("::ffff:1.2.3.4")', false],
  ['isIP("fe80::1%eth0")', false],
  ['ip("2001:db8::1").family()', 6],
  ['ip("127.0.0.1").isLoopback()', true],
  ['ip("::1").isLoopback()', true],
  ['ip("0.0.0.0").isUnspecified()', true],
  ['ip("169.254.1.1").isLinkLocalUnicast()', true],
  ['ip("fe80::1").isLinkLocalUnicast()', true],
  ['ip("224.0.0.1").isLinkLocalMulticast()', true],
  ['ip("10.0.0.1").isGlobalUnicast()', true],
  ['ip("255.255.255.255").isGlobalUnicast()', false],
  ['ip.isCanonical("2001:db8::1")', true],
  ['ip.isCanonical("2001:DB8::1")', false],
  ['ip.isCanonical("2001:db8:0:0:0:0:0:1")', false],
  ['string(ip("2001:db8:0:0:1:0:0:1"))', '2001:db8::1:0:0:1'],
  ['ip("1.2.3.4") == ip("1.2.3.4")', true],
  ['cidr("192.168.0.0/24").containsIP(ip("192.168.0.1"))', true],
  ['cidr("192.168.0.0/24").containsIP("192.168.1.1")', false],
  ['cidr("192.168.0.0/24").containsCIDR("192.168.0.0/25")', true],
  ['cidr("192.168.0.0/24").containsCIDR(cidr("192.168.0.0/23"))', false],
  ['cidr("::1/128").containsIP("127.0.0.1")', false],
  ['string(cidr("192.168.0.5/24").masked())', '192.168.0.0/24'],
  ['string(cidr("192.168.0.5/24").ip())', '192.168.0.5'],
  ['cidr("2001:db8::/32").prefixLength()', 32],
  ['isCIDR("10.0.0.0/33")', false],
  // macros, has(), optionals
  ['[1, 2, 3].all(x, x > 0)', true],
  ['[1, 2, 3].exists(x, x > 2)', true],
  ['[1, 2, 3].exists_one(x, x > 1)', false],
  ['[1, 2, 3].map(x, x * 2)', [2, 4, 6]],
  ['[1, 2, 3].filter(x, x % 2 == 1)', [1, 3]],
  ['{"a": {}}.?a.?b.orValue("none")', 'none'],
];

describe('Kubernetes CEL libraries', () => {
  for (const [expression, expected] of CASES) {
    it(expression, () => assert.deepEqual(ev(expression), expected));
  }

  it('errors as Kubernetes raises them, at evaluation', () => {
    assert.match(evalError('quantity("1x")'), /quantities must match/);
    assert.match(evalError('quantity("1.5").asInteger()'), /cannot convert value to integer/);
    assert.match(evalError('[].min()'), /min called on empty list/);
    assert.match(evalError('ip("::ffff:1.2.3.4")'), /IP Address "::ffff:1.2.3.4" parse error/);
    assert.match(evalError('url("relative")'), /URL parse error/);
    assert.match(evalError('"abc".charAt(9)'), /index out of range/);
  });

  it('what is not available is a compile error that names it, never a silent pass', () => {
    const cases: [string, RegExp][] = [
      ['authorizer.group("apps").resource("deployments").check("create").allowed()', /authorizer/],
      ['object.name.notAFunction()', /notAFunction/],
      ['noSuchFunction(1)', /noSuchFunction/],
      ['1 + "a"', /int \+ string/],
      ['object.spec.replicas >', /./],
    ];
    for (const [expression, re] of cases) {
      const c = compileCel(expression);
      assert.ok('error' in c, `${expression} compiled`);
      assert.match(c.error, re);
    }
    const notBool = compileCel('"a" + "b"', 'bool');
    assert.ok('error' in notBool && /must return bool, but returns string/.test(notBool.error));
  });

  it('JSON integers are CEL ints and other numbers doubles', () => {
    const object = toCel({ spec: { replicas: 3, ratio: 0.5 } });
    assert.equal(ev('type(object.spec.replicas) == int && type(object.spec.ratio) == double', { object }), true);
    assert.equal(ev('object.spec.replicas + 1', { object }), 4);
    assert.equal(ev('has(object.spec.replicas) && !has(object.spec.paused)', { object }), true);
  });
});
