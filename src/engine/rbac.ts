// The RBAC face of the engine: the model over a request's inputs (analyses.ts) and the questions the commands,
// the webhook and the server ask of it, with the authorizer's own vocabulary for describing the answers.
export { loadRbac } from './analyses.js';
export type { RbacModel } from '../analysis/rbac/model.js';
export { buildRequest, describeRequest } from '../analysis/rbac/request.js';
export { parseSubject, subjectApplies, describeSubject, parseServiceAccountUser } from '../analysis/rbac/subjects.js';
export type { BindingSubject } from '../analysis/rbac/subjects.js';
export { displayBinding } from '../analysis/rbac/bindings.js';
export type { BindingInfo } from '../analysis/rbac/bindings.js';
export type { Grant } from '../analysis/rbac/grants.js';
export type { RoleInfo, RuleRef } from '../analysis/rbac/roles.js';
export { describeRule } from '../analysis/rbac/rule.js';
export { whoCan } from '../analysis/rbac/who-can.js';
export type { WhoCanRow } from '../analysis/rbac/who-can.js';
export { flattenPermissions } from '../analysis/rbac/permissions.js';
export { escalationPaths } from '../analysis/rbac/paths.js';
export type { EscalationPath } from '../analysis/rbac/paths.js';
export { ALL_PODS, CLUSTER_ADMIN, NODE, nodeLabel } from '../analysis/rbac/escalation-graph.js';
export type { Edge } from '../analysis/rbac/escalation-graph.js';
export { locate } from '../model/object.js';
