/** The answer to "is this connection allowed?" (analysis/netpol/explain.ts decides it; reports render it). */
import type { Protocol } from './ports.js';

export interface RuleRef {
  /** `Kind namespace/name` (cluster-scoped kinds: `Kind name`). */
  policy: string;
  /** JSON pointer of the rule inside the policy. */
  rule: string;
  /** The rule's name (AdminNetworkPolicy rules have one). */
  name?: string;
  action?: 'Allow' | 'Deny' | 'Pass';
}

export interface DirectionVerdict {
  allowed: boolean;
  /** The tier that decided: not-applicable (the peer is external), host-network, admin, networkpolicy, baseline, or default (nothing selects the pod). */
  decidedBy: 'not-applicable' | 'host-network' | 'admin' | 'networkpolicy' | 'baseline' | 'default';
  /** Policies that select the pod in this direction, in the deciding tier (NetworkPolicies: every one that isolates it). */
  policies: string[];
  /** The rules that decide: the first matching admin rule, or every NetworkPolicy rule that allows. */
  rules: RuleRef[];
  reason: string;
  /** Parts of the selecting policies kubeward does not model (Cilium L7, FQDN, ...), as `policy path: what`; absent when none. */
  unmodelled?: string[];
}

export interface Verdict {
  allowed: boolean;
  protocol: Protocol;
  port: number;
  egress: DirectionVerdict;
  ingress: DirectionVerdict;
}

