// kubeward as a library: the engine every face (CLI, and the admission webhook, server and agent to come) calls.
//
// Public API (semver: breaking changes only in a major version): everything exported from this file, and the
// shape of the `Report` it returns (versioned by `schemaVersion`, documented in docs/findings-json.md and
// docs/findings.schema.json). Anything imported from a deeper path (kubeward/dist/...) is internal and may change
// in any release.

// Requests → results.
export { scan, analyse, analyseInventory } from './engine/scan.js';
export { exportCheckPolicies, exportVap, parseLabelSelector, type VapExportRequest, type VapExportResult } from './engine/vap-export.js';
export { loadInventory, inventoryOf } from './engine/load-inventory.js';
export type { LoadedInventory } from './engine/load-inventory.js';
export { loadRbac, loadNetwork } from './engine/analyses.js';
export { scanDockerfiles } from './engine/dockerfiles.js';
export type { DockerfileRequest } from './engine/dockerfiles.js';
export { scanImageRequest as scanImage } from './engine/image-scan.js';
export type { ImageRequest, ImageScanOutcome } from './engine/image-scan.js';
export { applicationSbom } from './engine/application-sbom.js';
export type { SbomRequest } from './engine/application-sbom.js';
export { snapshot } from './engine/snapshot.js';
export type { Snapshot } from './engine/snapshot.js';
export { findAttackPaths, pathsOf, DEFAULT_WEIGHTS } from './engine/paths.js';
export type { PathsRequest } from './engine/paths.js';
export type { AttackPath, AttackPathsResult, PathHop, PathFix, EntryKind, JewelKind } from './model/attack-path.js';
export { gate } from './engine/gate.js';
export { RequestError } from './engine/errors.js';
export type { InputRequest, ClusterRequest, PolicyRequest, ScanRequest, ImagesRequest } from './engine/request.js';
export { OPTIONS, resolveOptions, envName, configKey } from './engine/options.js';
export type { OptionDecl, OptionName, Resolved } from './engine/options.js';
export { packageVersion } from './engine/version.js';

// The rule registry.
export { CHECKS as checks, CHECKS, findCheck } from './checks/index.js';
export { defineCheck, isFixable } from './checks/define.js';
export type { Check, CheckMeta, Issue, PatchOp, Example, Category } from './checks/define.js';

// The model.
export { Inventory, matchesSelector } from './model/inventory.js';
export type { LabelSelector } from './model/inventory.js';
export { podSpecsOf } from './model/pod-specs.js';
export { containersOf } from './model/containers.js';
export type { Finding, FindingPriority, Severity, FrameworkRefs, ObjectRef, Location, Evidence } from './model/finding.js';
export type { K8sObject, SourceRef } from './model/object.js';
export type { LoadProblem } from './model/problem.js';

// Reports: every format is a pure function of a Report.
export { FORMATS, FORMAT_NAMES } from './report/index.js';
export type { FormatName } from './report/index.js';
export type { CheckSummary, Report } from './report/report.js';
export { REPORT_SCHEMA_VERSION } from './report/report.js';
export { renderPaths, PATHS_FORMATS } from './report/attack-paths.js';
export { verifyImageSignature, requireSignedPolicy, evaluateSignatures, loadPublicKey, SignatureKeyError } from './sources/image/signature/index.js';
export type { ImageSignatureResult, SignatureCheck, SignatureVerification, SignedVerdict, RequireSignedHook, VerifyImageOptions } from './sources/image/signature/index.js';

// Audit-log threat detection: the rules over audit.k8s.io/v1 events (a stream, no I/O), log files, the audit policy.
export { createAuditEngine, HOST_ACCESS_CHECKS } from './engine/audit.js';
export type { AuditEngine, AuditOptions } from './engine/audit.js';
export { scanAuditLogs, auditRuleInfos, auditGate } from './engine/audit-scan.js';
export type { AuditScanRequest, AuditScanResult } from './engine/audit-scan.js';
export { auditPolicyYaml } from './engine/audit-policy.js';
export { AUDIT_RULES, defineAuditRule, DEFAULT_AUDIT_OPTIONS } from './audit/index.js';
export type { AuditRule, AuditRuleMeta, AuditExample } from './audit/index.js';
export type { AuditEvent, AuditAlert, AuditObjectRef, AuditUser, AuditReadStats, AuditRuleInfo } from './model/audit.js';
