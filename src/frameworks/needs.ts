/**
 * What input a framework control needs before kubeward can judge it. `manifests`: the objects a scan
 * reads (its checks decide); `cluster`: the live cluster's configuration or state (admission plugins,
 * CNI, audit logs); `node`: node files (kubelet, control-plane component flags); `image`: the
 * container images' contents. A control whose input was not given is reported "not evaluated",
 * never "passed".
 */
export const NEEDS = ['manifests', 'cluster', 'node', 'image'] as const;
export type Need = (typeof NEEDS)[number];
