import { asArray, asRecord } from '../../model/object.js';
import type { PodSpecRef } from '../../model/pod-specs.js';

/** Controllers whose pods run until replaced (not run-to-completion). */
const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Rollout']);

/**
 * True for pod specs of long-running workloads: Deployments, StatefulSets, DaemonSets,
 * ReplicaSets, ReplicationControllers, Argo Rollouts, and bare Pods whose restartPolicy is Always
 * (the default) and that no Job owns. Jobs, CronJobs, other custom resources and PodTemplates are
 * not, since whether they run to completion is not known.
 */
export function isLongRunning(pod: PodSpecRef): boolean {
  const o = pod.object;
  if (o.kind === 'Pod') {
    const policy = pod.spec.restartPolicy;
    if (policy !== undefined && policy !== 'Always') return false;
    const owners = asArray(asRecord(o.raw.metadata)?.ownerReferences);
    return !owners.some((r) => asRecord(r)?.kind === 'Job');
  }
  if (o.kind === 'Rollout') return o.apiVersion.startsWith('argoproj.io/');
  return LONG_RUNNING.has(o.kind) && pod.path === '/spec/template/spec';
}
