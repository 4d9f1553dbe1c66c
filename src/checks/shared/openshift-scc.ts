import type { K8sObject } from '../../model/object.js';

/** The SecurityContextConstraints OpenShift itself ships, each permissive on purpose (its name says for what). */
const BUILT_IN = new Set(['privileged', 'hostaccess', 'hostmount-anyuid', 'hostmount-anyuid-v2', 'hostnetwork', 'hostnetwork-v2', 'node-exporter', 'anyuid', 'nonroot', 'nonroot-v2', 'restricted', 'restricted-v2', 'restricted-v3', 'nested-container', 'machine-api-termination-handler']);

/**
 * The SCC objects the SCC checks judge: security.openshift.io/v1 SecurityContextConstraints, less the platform's
 * own built-in ones as a cluster returns them (a built-in name with a release.openshift.io annotation), which
 * exist in every OpenShift cluster and are reviewed through who may use them, not their settings.
 */
export function judgedScc(object: K8sObject): boolean {
  if (object.kind !== 'SecurityContextConstraints' || !object.apiVersion.startsWith('security.openshift.io/')) return false;
  const platform = BUILT_IN.has(object.name) && Object.keys(object.annotations).some((k) => k.includes('release.openshift.io'));
  return !platform;
}

/** How a message names the SCC and who may use it (its `users` and `groups`, when listed). */
export function sccLabel(object: K8sObject): string {
  const who = [...asStrings(object.raw.users), ...asStrings(object.raw.groups)];
  return `SecurityContextConstraints ${object.name}${who.length ? ` (usable by ${who.slice(0, 3).join(', ')}${who.length > 3 ? ', …' : ''})` : ''}`;
}

function asStrings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}
