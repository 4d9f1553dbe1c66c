// Agreement of kubeward's offline ValidatingAdmissionPolicy evaluation with the expected verdicts of
// kubescape/cel-admission-library's own test cases (controls/*/tests.json: a template from test-resources/,
// field changes, pass|fail). Usage: node --import tsx bench/cel-kubescape-agreement.ts <checkout of the repo>
// (a `fetch`ed mirror: git show is used, so a bare repository works).
import { execFileSync } from 'node:child_process';
import { parse, parseAllDocuments } from 'yaml';
import { Inventory } from '../src/model/inventory.js';
import { evaluatePolicy } from '../src/policy/admission/evaluate-policy.js';
import { compilePolicy, parseBinding } from '../src/policy/admission/parse-policy.js';
import { loadText, withIds } from '../src/sources/manifests.js';

const repo = process.argv[2];
if (!repo) {
  console.error('usage: node --import tsx bench/cel-kubescape-agreement.ts <git checkout or bare mirror of kubescape/cel-admission-library>');
  process.exit(2);
}
const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
const show = (path: string) => git('show', `HEAD:${path}`);
const files = git('ls-tree', '-r', '--name-only', 'HEAD').split('\n');
// The test harness binds the policies to test-resources/default-control-configuration.yaml (cloudProvider aks, ...).
const params = show('test-resources/default-control-configuration.yaml');

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.').map((k) => (/^\[\d+\]$/.test(k) ? Number(k.slice(1, -1)) : k));
  let cur: any = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i]!;
    if (cur[k] === undefined || cur[k] === null) cur[k] = typeof keys[i + 1] === 'number' ? [] : {};
    cur = cur[k];
  }
  cur[keys[keys.length - 1]!] = value;
}

let agree = 0;
let disagree = 0;
const mismatches: string[] = [];
for (const dir of files.filter((f) => /^controls\/[^/]+\/tests\.json$/.test(f)).map((f) => f.split('/')[1]!)) {
  const policyText = show(`controls/${dir}/policy.yaml`);
  const tests = JSON.parse(show(`controls/${dir}/tests.json`)) as { name: string; template: string; expected: string; field_change_list?: string[] }[];
  for (const t of tests) {
    const template = parseAllDocuments(show(`test-resources/${t.template}`)).map((d) => d.toJS() as Record<string, unknown>).filter(Boolean);
    const object = template[0]!;
    for (const change of t.field_change_list ?? []) {
      const at = change.indexOf('=');
      setPath(object, change.slice(0, at), parse(change.slice(at + 1)));
    }
    const meta = (object.metadata ??= {}) as Record<string, unknown>;
    meta.namespace ??= 'default';
    // As the library's harness does: "Cloud Provider is not configured" cases run with an empty cloudProvider, and
    // an expected "warn" is a Warn binding's verdict.
    const testParams = /Cloud Provider is not configured/.test(t.name) ? params.replace(/cloudProvider: .*/, 'cloudProvider: ""') : params;
    const action = t.expected === 'warn' ? 'Warn' : 'Deny';
    const text = [policyText, testParams, JSON.stringify(object), `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: b}
spec:
  policyName: ${(parse(policyText) as { metadata: { name: string } }).metadata.name}
  validationActions: [${action}]
  paramRef: {name: ${(parse(params) as { metadata: { name: string } }).metadata.name}, parameterNotFoundAction: Deny}
`].join('\n---\n');
    const inventory = new Inventory(withIds(loadText(text, `${dir}.yaml`).objects));
    const [vap, , target, binding] = inventory.objects;
    const policy = compilePolicy(vap!);
    const outcome = evaluatePolicy(policy, parseBinding(binding!), target!, inventory);
    const paramless = !policy.paramKind;
    const failed = outcome.kind === 'violations' || (outcome.kind === 'error' && policy.failurePolicy === 'Fail');
    const verdict = failed ? (action === 'Warn' ? 'warn' : 'fail') : 'pass';
    if (verdict === t.expected) agree++;
    else {
      disagree++;
      mismatches.push(`${dir} ${t.name}: expected ${t.expected}, got ${verdict}${outcome.kind === 'error' ? ` (${outcome.message})` : ''}${paramless ? '' : ''}`);
    }
  }
}
console.log(`kubescape/cel-admission-library test cases: ${agree} agree, ${disagree} disagree (${((100 * agree) / (agree + disagree)).toFixed(1)}%)`);
for (const m of mismatches) console.log(`  ${m}`);
