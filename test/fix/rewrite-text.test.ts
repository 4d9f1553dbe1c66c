import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defineCheck } from '../../src/checks/define.js';
import { CHECKS } from '../../src/checks/index.js';
import { fixFiles } from '../../src/fix/fix-files.js';
import { runChecks } from '../../src/engine/run-checks.js';
import { rewriteText } from '../../src/fix/rewrite-text.js';
import { parseYamlStream } from '../../src/sources/yaml/index.js';

const valueOf = (text: string, doc = 0) => parseYamlStream(text)[doc]!.value;
/** The security-context fixes these tests are about (other fixable checks add resources, pull policy, ...). */
const SECURITY_FIXES = CHECKS.filter((c) => ['privileged-container', 'allow-privilege-escalation', 'read-only-root-filesystem', 'run-as-non-root', 'seccomp-profile-unset'].includes(c.id));
const fix = (text: string, json = false, checks = SECURITY_FIXES) => fixFiles([{ path: json ? 'x.json' : 'x.yaml', text, json }], { checks, runChecks })[0]!;

test('only changed fields are rewritten: comments, quoting, flow maps and blank lines elsewhere stay', () => {
  const text = `# head comment
apiVersion: v1
kind: Pod
metadata:
  name: 'web'   # odd spacing kept
  labels: {app: web,  tier: "front"}

spec:
  containers:
    - name: web
      image: "nginx:1.25"
      securityContext:
        privileged: true   # was needed once
`;
  const r = rewriteText(text, [{ document: 0, pointerPrefix: '', before: valueOf(text), after: { ...(valueOf(text) as object), spec: { containers: [{ name: 'web', image: 'nginx:1.25', securityContext: { privileged: false, runAsNonRoot: true } }] } } }], false);
  assert.deepEqual(r.failed, []);
  assert.equal(r.text, text.replace('privileged: true   # was needed once', 'privileged: false   # was needed once\n        runAsNonRoot: true'));
});

test('a multi-document stream: only the right document changes, by the index the scanner counts', () => {
  const text = `---\n# only a comment\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: c:1\n`;
  const out = fix(text).text;
  assert.ok(out.startsWith(`---\n# only a comment\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n`));
  assert.match(out, /  - name: c\n    image: c:1\n    securityContext:\n      allowPrivilegeEscalation: false\n/);
  assert.match(out, /  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n$/);
});

test('kind: List items are fixed at their place in the list', () => {
  const text = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n  spec:\n    containers:\n    - {name: c, image: c:1, securityContext: {privileged: true}}\n`;
  const r = fix(text);
  assert.match(r.text, /- \{name: c, image: c:1, securityContext: \{privileged: false, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true\}\}\n/);
  assert.ok(r.fixed.every((f) => f.after === 0), JSON.stringify(r.fixed));
});

test('JSON files stay JSON, with their indentation', () => {
  const obj = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'j' }, spec: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [{ name: 'c', image: 'c:1', securityContext: {} }] } };
  const text = JSON.stringify(obj, null, 4) + '\n';
  const r = fix(text, true);
  const expected = structuredClone(obj);
  expected.spec.containers[0]!.securityContext = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true } as never;
  assert.equal(r.text, JSON.stringify(expected, null, 4) + '\n');
});

test('CRLF line endings, an empty value and flush sequences are kept in the file\'s style', () => {
  const text = 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  securityContext:\r\n  containers:\r\n  - name: c\r\n    image: c:1\r\n';
  const r = fix(text);
  assert.ok(!/[^\r]\n/.test(r.text), 'every new line ends in CRLF');
  assert.match(r.text, /  securityContext:\r\n    seccompProfile:\r\n      type: RuntimeDefault\r\n  containers:\r\n  - name: c\r\n/);
  assert.ok(r.fixed.every((f) => f.after === 0));
});

test('duplicate keys are fixed where the scanner reads them (the last one wins)', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: c:1\n    securityContext:\n      privileged: true\n    securityContext:\n      privileged: true\n';
  const r = fix(text, false, CHECKS.filter((c) => c.id === 'privileged-container'));
  assert.equal(r.text, text.replace(/privileged: true\n$/, 'privileged: false\n'));
});

test('a document the editor cannot rewrite safely (a change through an alias) is left as it was and reported', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - &c\n    name: c\n    image: c:1\n    securityContext: {privileged: true}\n  - *c\n';
  const r = fix(text, false, CHECKS.filter((c) => c.id === 'privileged-container'));
  assert.equal(r.text, text);
  assert.match(r.skipped.join('\n'), /^document 1: not fixed: /);
});

test('documents with parse errors are skipped and reported; the others are fixed', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: bad\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec:\n  containers:\n  - name: c\n    image: c:1\n    securityContext: {privileged: true}\n';
  const r = fix(text, false, CHECKS.filter((c) => c.id === 'privileged-container'));
  assert.ok(r.text.startsWith('apiVersion: v1\nkind: Pod\nmetadata: {name: bad\n---\n'));
  assert.match(r.text, /securityContext: \{privileged: false\}\n$/);
  assert.match(r.skipped.join('\n'), /^\d+:\d+: not fixed: /);
});

test('helm template output is never rewritten', () => {
  const text = '---\n# Source: web/templates/pod.yaml\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: c, image: c:1, securityContext: {privileged: true}}\n';
  const r = fix(text);
  assert.equal(r.changed, false);
  assert.match(r.skipped.join('\n'), /helm template/);
});

test('accepted risks (the kubeward.io/ignore annotation) are not fixed', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    kubeward.io/ignore: "privileged-container: needs the GPU driver"\nspec:\n  containers:\n  - {name: c, image: c:1, securityContext: {privileged: true}}\n';
  const r = fix(text, false, CHECKS.filter((c) => c.id === 'privileged-container'));
  assert.equal(r.changed, false);
});

test("a fix gets its check's options from .kubeward.yaml checkOptions (e.g. default resources)", () => {
  const check = defineCheck({
    id: 'test-default-limits', title: 't', severity: 'low', category: 'workload', description: 'd', remediation: 'r', frameworks: {},
    subject: 'container',
    run: ({ container, at }) => ((container.container.resources as { limits?: unknown } | undefined)?.limits ? [] : [at('resources/limits', 'no limits')]),
    fix: ({ container, options }) => [{ op: 'add', path: `${container.path}/resources`, value: { limits: options.defaultLimits } }],
    examples: { fail: [], pass: [] },
  });
  const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: c:1\n';
  const [r] = fixFiles([{ path: 'x.yaml', text, json: false }], { checks: [check], runChecks, checkOptions: { 'test-default-limits': { defaultLimits: { cpu: '500m', memory: '256Mi' } } } });
  assert.equal(r!.text, text + '    resources:\n      limits:\n        cpu: 500m\n        memory: 256Mi\n');
  assert.deepEqual(r!.fixed, [{ checkId: 'test-default-limits', before: 1, after: 0 }]);
});

test('sequences: items appended in block, flow and JSON style; items removed; a scalar replaced by a block', () => {
  const cases: { text: string; json?: boolean; after: (v: any) => void; expected: string }[] = [
    {
      text: 'caps:\n  drop:\n    - NET_RAW # raw sockets\n  add: [CHOWN]\nother: 1\n',
      after: (v) => { v.caps.drop.push('ALL'); v.caps.add.push('SETUID'); },
      expected: 'caps:\n  drop:\n    - NET_RAW # raw sockets\n    - ALL\n  add: [CHOWN, SETUID]\nother: 1\n',
    },
    {
      text: 'list:\n- a\n- b\n- c\nx: 1\n',
      after: (v) => { v.list.pop(); },
      expected: 'list:\n- a\n- b\nx: 1\n',
    },
    {
      text: '{\n  "drop": [\n    "NET_RAW"\n  ]\n}\n',
      json: true,
      after: (v) => { v.drop.push('ALL'); },
      expected: '{\n  "drop": [\n    "NET_RAW",\n    "ALL"\n  ]\n}\n',
    },
    {
      text: 'spec:\n  securityContext: null # none yet\n  x: 1\n',
      after: (v) => { v.spec.securityContext = { runAsNonRoot: true }; },
      expected: 'spec:\n  securityContext:\n    runAsNonRoot: true # none yet\n  x: 1\n',
    },
    {
      text: 'a:\n  keep: 1\n  drop: 2\n',
      after: (v) => { delete v.a.drop; },
      expected: 'a:\n  keep: 1\n',
    },
  ];
  for (const c of cases) {
    const before = (c.json ? JSON.parse(c.text) : valueOf(c.text)) as Record<string, unknown>;
    const after = structuredClone(before);
    c.after(after);
    const r = rewriteText(c.text, [{ document: 0, pointerPrefix: '', before, after }], c.json ?? false);
    assert.deepEqual(r.failed, [], c.text);
    assert.equal(r.text, c.expected);
  }
});
