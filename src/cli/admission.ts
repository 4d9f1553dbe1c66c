import type { Command } from 'commander';
import type { Ctx } from './io.js';
import { addOptions } from './options.js';
import { ADMISSION_MANIFESTS_OPTIONS, ADMISSION_SERVE_OPTIONS } from './option-sets.js';

/** `kubeward admission serve | manifests`: the same checks as scan, at the gate (docs/admission.md). */
export function registerAdmission(program: Command, ctx: Ctx, setCode: (c: number) => void): void {
  const admission = program.command('admission').description('the admission webhook: the same checks, exceptions and annotations as scan, enforced, warned or recorded when objects are created or updated');

  addOptions(admission.command('serve')
    .description('serve AdmissionReview v1 over HTTPS: POST /validate (enforce, warn, audit), POST /mutate (opted-in fixes as a JSONPatch); GET /healthz, /readyz, /metrics'), ADMISSION_SERVE_OPTIONS)
    .addHelpText('after', '\nExamples:\n  kubeward admission serve --tls-cert /tls/tls.crt --tls-key /tls/tls.key --config /policy/policy.yaml\n  kubeward admission serve --tls-cert tls.crt --tls-key tls.key --listen 127.0.0.1:8443 --audit-log audit.jsonl')
    .action(async (_f, cmd: Command) => setCode(await (await import('./admission-serve.js')).runAdmissionServe(cmd, ctx)));

  addOptions(admission.command('manifests')
    .description('print the webhook\'s Kubernetes objects: Namespace, ServiceAccount, policy ConfigMap, TLS Secret (a generated self-signed certificate) or cert-manager Certificate, Deployment, PDB, Service, NetworkPolicy, Mutating- and ValidatingWebhookConfiguration'), ADMISSION_MANIFESTS_OPTIONS)
    .addHelpText('after', '\nExamples:\n  kubeward admission manifests > deploy.yaml && kubectl apply -f deploy.yaml\n  kubeward admission manifests --namespace security --image registry.example.com/kubeward:0.1.0 --cert-manager')
    .action(async (_f, cmd: Command) => setCode(await (await import('./admission-manifests.js')).runAdmissionManifests(cmd, ctx)));
}
