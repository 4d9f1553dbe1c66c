export { resolveConnection, inClusterConnection, KubeconfigError, SERVICE_ACCOUNT_DIR, type ClusterConnection, type KubeconfigOptions } from './kubeconfig.js';
export { collectCluster, clusterLocation, ClusterError, type Collected, type CollectOptions, type NotCollected } from './collect.js';
export { ApiClient, ApiRequestError, type ClientOptions } from './client.js';
