import type { AuditOptions } from '../engine/audit.js';

/** The audit rules' settings from the resolved options (unset ones keep the rules' defaults). */
export function auditSettings(o: { allowedSourceCidrs?: string[] | undefined; secretReaders?: string[] | undefined; authFailureThreshold?: number | undefined }): Partial<AuditOptions> {
  return {
    ...(o.allowedSourceCidrs ? { allowedSourceCidrs: o.allowedSourceCidrs } : {}),
    ...(o.secretReaders ? { secretReaders: o.secretReaders } : {}),
    ...(o.authFailureThreshold !== undefined ? { authFailureThreshold: o.authFailureThreshold } : {}),
  };
}
