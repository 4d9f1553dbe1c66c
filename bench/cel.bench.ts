/**
 * CEL benchmark: evaluations per second of typical admission-policy expressions, and the cost of 20
 * ValidatingAdmissionPolicies in a scan of the corpus (scan time with them ÷ without), in one run.
 *
 *   node --import tsx bench/cel.bench.ts
 */
import { CHECKS } from '../src/checks/index.js';
import { isImageRule, type Check } from '../src/checks/define.js';
import { analyseInventory } from '../src/engine/scan.js';
import { inventoryOf } from '../src/engine/load-inventory.js';
import { admissionPolicyChecks } from '../src/policy/admission/policy-checks.js';
import { compileCel } from '../src/policy/cel/environment.js';
import { toCel } from '../src/policy/cel/values.js';
import { loadText } from '../src/sources/manifests.js';
import { readCorpus } from './corpus.js';

const DEPLOYMENT = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop', labels: { app: 'web', team: 'pay' } },
  spec: { replicas: 3, template: { spec: { containers: [
    { name: 'web', image: 'registry.example.com/web:1.2.3', securityContext: { privileged: false, allowPrivilegeEscalation: false }, resources: { limits: { cpu: '500m', memory: '256Mi' } } },
    { name: 'sidecar', image: 'registry.example.com/proxy:2.0', securityContext: { privileged: false }, resources: { limits: { cpu: '100m', memory: '64Mi' } } },
  ] } } },
};

const EXPRESSIONS = [
  "object.spec.template.spec.containers.all(c, !has(c.securityContext) || !has(c.securityContext.privileged) || !c.securityContext.privileged)",
  "object.spec.template.spec.containers.all(c, c.image.startsWith('registry.example.com/'))",
  "object.spec.template.spec.containers.all(c, has(c.resources.limits) && quantity(c.resources.limits.memory).isLessThan(quantity('1Gi')))",
  "has(object.metadata.labels) && 'team' in object.metadata.labels && object.spec.replicas >= 2",
];

function evalsPerSecond(): void {
  const vars = { object: toCel(DEPLOYMENT), oldObject: null, params: null, variables: {} };
  for (const source of EXPRESSIONS) {
    const c = compileCel(source, 'bool');
    if ('error' in c) throw new Error(c.error);
    const n = 100_000;
    for (let i = 0; i < 10_000; i++) c.program.evaluate(vars);
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) c.program.evaluate(vars);
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    console.log(`${Math.round(n / s).toLocaleString('en-US').padStart(10)} evals/s  ${source.slice(0, 90)}`);
  }
}

/** 20 policies of the kinds the Kubescape library has, each bound with Deny, matching pods and pod controllers. */
function policies(): string {
  const rules = `  matchConstraints:
    resourceRules:
      - {apiGroups: [""], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [pods]}
      - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [deployments, daemonsets, statefulsets, replicasets]}
      - {apiGroups: [batch], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [jobs, cronjobs]}
  variables:
    - name: containers
      expression: "object.kind == 'Pod' ? object.spec.containers : object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template.spec.containers : object.spec.template.spec.containers"`;
  const checks = [
    "variables.containers.all(c, !has(c.securityContext) || !has(c.securityContext.privileged) || !c.securityContext.privileged)",
    "variables.containers.all(c, has(c.securityContext) && has(c.securityContext.allowPrivilegeEscalation) && !c.securityContext.allowPrivilegeEscalation)",
    "variables.containers.all(c, has(c.resources) && has(c.resources.limits) && has(c.resources.limits.memory) && quantity(string(c.resources.limits.memory)).isLessThan(quantity('4Gi')))",
    "variables.containers.all(c, !c.image.endsWith(':latest') && c.image.contains(':'))",
    "has(object.metadata.labels) && ['app', 'app.kubernetes.io/name'].exists(l, l in object.metadata.labels)",
  ];
  const out: string[] = [];
  for (let i = 0; i < 20; i++) {
    out.push(`apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: bench-${i}}
spec:
  failurePolicy: ${i % 2 ? 'Fail' : 'Ignore'}
${rules}
  validations:
    - expression: "${checks[i % checks.length]}"
      messageExpression: "object.kind + '/' + object.metadata.name + ' fails bench-${i}'"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: bench-${i}}
spec: {policyName: bench-${i}, validationActions: [Deny]}
`);
  }
  return out.join('---\n');
}

function scanRatio(): void {
  const corpus = readCorpus();
  if (corpus.length === 0) return;
  const objects = corpus.flatMap((f) => loadText(f.text, f.name).objects);
  const vapObjects = loadText(policies(), 'bench-policies.yaml').objects;
  const inventory = inventoryOf([...objects, ...vapObjects]);
  const checks: Check[] = CHECKS.filter((c) => !isImageRule(c) && c.subject !== 'dockerfile');
  // The corpus holds ValidatingAdmissionPolicies of its own: they run on both sides; only the 20 differ.
  const all = admissionPolicyChecks(inventory).checks;
  const bench = all.filter((c) => c.id.startsWith('vap-bench-'));
  const own = all.filter((c) => !c.id.startsWith('vap-bench-'));
  if (bench.length !== 20) throw new Error(`expected 20 policy checks, got ${bench.length}`);
  checks.push(...own);
  const vap = { checks: bench };
  const run = (list: Check[]) => {
    const t0 = process.hrtime.bigint();
    const out = analyseInventory(inventory, { problems: [], checks: list });
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, findings: out.findings.length };
  };
  run(checks); // warm up
  run([...checks, ...vap.checks]);
  const without = run(checks);
  const withVaps = run([...checks, ...vap.checks]);
  const vapFindings = withVaps.findings - without.findings;
  console.log(`corpus: ${corpus.length} files, ${inventory.objects.length} objects`);
  console.log(`checks only:          ${without.ms.toFixed(0)} ms (${without.findings} findings)`);
  console.log(`checks + 20 VAPs:     ${withVaps.ms.toFixed(0)} ms (${vapFindings} more findings)`);
  console.log(`ratio with ÷ without: ${(withVaps.ms / without.ms).toFixed(2)}`);
}

evalsPerSecond();
scanRatio();
