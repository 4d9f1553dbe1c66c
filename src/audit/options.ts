/** Settings of the audit rules (`.kubeward.yaml` `audit.*`, flags of `kubeward audit scan|serve`). */
export interface AuditOptions {
  /** Source addresses requests are expected from (CIDRs); empty: the unexpected-source-ip rule is off. */
  allowedSourceCidrs: string[];
  /** Failed authentications or authorizations (401/403) from one source address in the window that make a burst. */
  authFailureThreshold: number;
  authFailureWindowSeconds: number;
  /** Users who usually read Secrets besides the control plane's own ("name", or a prefix ending in "*"). */
  secretReaders: string[];
  /** Distinct Secrets one subject reads one by one in the window that count as bulk reading. */
  secretBulkThreshold: number;
  secretBulkWindowSeconds: number;
  /** How many pods, sources and subjects the stateful rules remember (each; least recently seen forgotten first). */
  stateCapacity: number;
}

export const DEFAULT_AUDIT_OPTIONS: Readonly<AuditOptions> = {
  allowedSourceCidrs: [],
  authFailureThreshold: 10,
  authFailureWindowSeconds: 60,
  secretReaders: [],
  secretBulkThreshold: 20,
  secretBulkWindowSeconds: 300,
  stateCapacity: 10_000,
};
