import type { Profile } from '../engine/request.js';
import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import { startAdmissionServer } from '../admission/server.js';
import { createAdmissionReviewer, type AdmissionSettings } from '../engine/admission-review.js';
import { readRequestFile } from '../engine/config.js';
import { UsageError, type Ctx } from './io.js';
import { parseListen } from './listen.js';
import { ADMISSION_SERVE_OPTIONS } from './option-sets.js';
import { optionValues } from './options.js';
import { commandConfig, pathResolver } from './scan.js';

/**
 * `kubeward admission serve`: the policy (the config file's checks, severity, exceptions, pss, checkOptions and
 * admission keys) → one reviewer → the HTTPS server, until SIGINT or SIGTERM.
 */
export async function runAdmissionServe(cmd: Command, ctx: Ctx): Promise<number> {
  const { config, dir, file } = await commandConfig(cmd, ctx, undefined);
  const { values: o, sources } = optionValues(cmd, ADMISSION_SERVE_OPTIONS, ctx.io.env, config);
  if (!o.admissionTlsCert || !o.admissionTlsKey) throw new UsageError('admission serve needs --tls-cert and --tls-key (the API server calls webhooks over HTTPS only)');
  if (o.admissionDeadline < 100) throw new UsageError(`--deadline must be at least 100 ms, got ${o.admissionDeadline}`);
  const { host, port } = parseListen(o.admissionListen);
  const at = pathResolver(sources, dir);
  const settings: AdmissionSettings = {
    pss: o.pss,
    profile: o.profile as Profile,
    ...(o.checks ? { checks: o.checks } : {}),
    ...(o.skipChecks ? { skipChecks: o.skipChecks } : {}),
    ...(config?.severity ? { severity: config.severity } : {}),
    ...(config?.checkOptions ? { checkOptions: config.checkOptions } : {}),
    ...(o.deniedRegistries ? { deniedRegistries: o.deniedRegistries } : {}),
    ...(sources.floatingTags !== 'default' ? { floatingTags: o.floatingTags } : {}),
    ...(o.exceptionsFile ? { exceptions: await readRequestFile(at('exceptionsFile', o.exceptionsFile), 'exceptions file') } : {}),
    ...(config?.admission ? { admission: config.admission } : {}),
  };
  const reviewer = createAdmissionReviewer(settings);
  const auditFile = o.admissionAuditLog ? createWriteStream(o.admissionAuditLog, { flags: 'a' }) : undefined;
  const server = await startAdmissionServer({
    host, port, certFile: o.admissionTlsCert, keyFile: o.admissionTlsKey, reviewer, deadlineMs: o.admissionDeadline,
    onAudit: auditFile ? (line) => void auditFile.write(line + '\n') : (line) => ctx.out(line),
    log: (m) => ctx.note(m),
  });
  ctx.note(`admission webhook listening on ${server.url} (/validate, /mutate; ${reviewer.checks.length} checks${reviewer.mutating.length ? `, fixes of ${reviewer.mutating.map((c) => c.id).join(', ')}` : ''}; policy ${file ?? 'defaults'})`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  if (auditFile) await new Promise<void>((resolve) => auditFile.end(() => resolve()));
  ctx.note('admission webhook stopped');
  return 0;
}
