import type { ClusterRequest } from '../engine/request.js';
import type { ValueSource } from '../engine/options.js';
import { UsageError } from './io.js';

interface ClusterValues {
  cluster: boolean;
  kubeconfig: string | undefined;
  context: string | undefined;
  excludeNamespaces: string[] | undefined;
  includeSecretValues: boolean;
  clusterNamespace?: string[] | undefined;
  clusterAllNamespaces?: boolean;
}

const FLAG: Record<string, string> = {
  kubeconfig: '--kubeconfig', context: '--context', excludeNamespaces: '--exclude-namespaces', includeSecretValues: '--include-secret-values',
  clusterNamespace: '-n/--namespace', clusterAllNamespaces: '-A/--all-namespaces',
};

/** The cluster part of a request from the cluster flags; undefined without --cluster (its other flags then are a usage error). */
export function clusterRequest(o: ClusterValues, sources: Partial<Record<string, ValueSource>>): ClusterRequest | undefined {
  if (!o.cluster) {
    const given = Object.keys(FLAG).filter((k) => sources[k] === 'flag');
    if (given.length) throw new UsageError(`${given.map((k) => FLAG[k]).join(', ')} need${given.length === 1 ? 's' : ''} --cluster`);
    return undefined;
  }
  if (o.clusterNamespace?.length && o.clusterAllNamespaces) throw new UsageError('-n/--namespace and -A/--all-namespaces exclude each other');
  return {
    ...(o.kubeconfig ? { kubeconfig: o.kubeconfig } : {}),
    ...(o.context ? { context: o.context } : {}),
    ...(o.clusterNamespace?.length ? { namespaces: o.clusterNamespace } : {}),
    ...(o.excludeNamespaces?.length ? { excludeNamespaces: o.excludeNamespaces } : {}),
    ...(o.includeSecretValues ? { includeSecretValues: true } : {}),
  };
}
