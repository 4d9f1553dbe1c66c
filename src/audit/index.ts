// The audit rules: one file each in ./rules (id = file name). `kubeward audit scan` and the audit sink run them
// all, in this order; test/audit/rule-examples.test.ts runs every rule's examples.
import type { AuditRule } from './define.js';
import admissionWebhookChanged from './rules/admission-webhook-changed.js';
import anonymousRequestAllowed from './rules/anonymous-request-allowed.js';
import auditConfigChanged from './rules/audit-config-changed.js';
import authFailureBurst from './rules/auth-failure-burst.js';
import clusterAdminBinding from './rules/cluster-admin-binding.js';
import configmapWithCredentials from './rules/configmap-with-credentials.js';
import csrApproved from './rules/csr-approved.js';
import ephemeralContainerAdded from './rules/ephemeral-container-added.js';
import eventsDeleted from './rules/events-deleted.js';
import impersonation from './rules/impersonation.js';
import kubeSystemPodByUser from './rules/kube-system-pod-by-user.js';
import nodeProxy from './rules/node-proxy.js';
import podExec from './rules/pod-exec.js';
import privilegedPodCreated from './rules/privileged-pod-created.js';
import rbacEscalationVerbs from './rules/rbac-escalation-verbs.js';
import secretBulkRead from './rules/secret-bulk-read.js';
import secretReadUnusualSubject from './rules/secret-read-unusual-subject.js';
import serviceAccountTokenForOther from './rules/service-account-token-for-other.js';
import unexpectedSourceIp from './rules/unexpected-source-ip.js';

export const AUDIT_RULES: readonly AuditRule<any>[] = [ // eslint-disable-line @typescript-eslint/no-explicit-any -- each rule has its own state type
  podExec,
  ephemeralContainerAdded,
  nodeProxy,
  secretReadUnusualSubject,
  secretBulkRead,
  anonymousRequestAllowed,
  privilegedPodCreated,
  kubeSystemPodByUser,
  clusterAdminBinding,
  rbacEscalationVerbs,
  serviceAccountTokenForOther,
  impersonation,
  csrApproved,
  configmapWithCredentials,
  eventsDeleted,
  admissionWebhookChanged,
  auditConfigChanged,
  authFailureBurst,
  unexpectedSourceIp,
];

export { defineAuditRule, type AuditRule, type AuditRuleMeta, type AuditExample, type AuditRuleContext, type RuleHit, type PodFacts, type ObjectFinding, exampleSequence, type ExampleSequence } from './define.js';
export { DEFAULT_AUDIT_OPTIONS, type AuditOptions } from './options.js';
export { BoundedMap } from './bounded.js';
