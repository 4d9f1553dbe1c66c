import type { Command } from 'commander';
import { stringify } from 'yaml';
import { selfSignedCertificate } from '../admission/certificate.js';
import { ADMISSION_NAME, admissionManifests } from '../engine/admission-manifests.js';
import { packageVersion } from '../engine/version.js';
import { UsageError, type Ctx } from './io.js';
import { ADMISSION_MANIFESTS_OPTIONS } from './option-sets.js';
import { optionValues } from './options.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** `kubeward admission manifests`: flags → the objects → YAML documents on stdout. */
export async function runAdmissionManifests(cmd: Command, ctx: Ctx): Promise<number> {
  const { values: o } = optionValues(cmd, ADMISSION_MANIFESTS_OPTIONS, ctx.io.env);
  if (!DNS_LABEL.test(o.admissionNamespace)) throw new UsageError(`--namespace must be a namespace name (a DNS label), got "${o.admissionNamespace}"`);
  if (o.webhookTimeout < 2 || o.webhookTimeout > 30) throw new UsageError(`--timeout-seconds must be 2 to 30 (the API server allows 1-30; the server answers one second earlier), got ${o.webhookTimeout}`);
  const service = `${ADMISSION_NAME}.${o.admissionNamespace}.svc`;
  const certificate = o.certManager ? undefined : await selfSignedCertificate({ dnsNames: [service, `${service}.cluster.local`] });
  const objects = admissionManifests({
    namespace: o.admissionNamespace, image: o.admissionImage ?? `ghcr.io/kubeward/kubeward:${packageVersion()}`,
    timeoutSeconds: o.webhookTimeout, ...(certificate ? { certificate } : {}), ...(o.certManager ? { certManager: true } : {}),
  });
  ctx.out(objects.map((obj) => stringify(obj, { lineWidth: 0 })).join('---\n'));
  return 0;
}
