/**
 * Where the cluster is and who we are: a kubeconfig (`--kubeconfig`, else `KUBECONFIG` — a list of files merged
 * as kubectl merges them, the first file setting a name wins — else ~/.kube/config), one of its contexts
 * (`--context`, else current-context), or, when no kubeconfig exists and the process runs in a pod, the pod's
 * service account (in-cluster config).
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';

/** Everything needed to talk to one API server. */
export interface ClusterConnection {
  /** The context's name ("in-cluster" for the pod's service account): names the objects' locations. */
  context: string;
  /** https://host:port (no trailing slash). */
  server: string;
  /** PEM CA bundle; undefined: the system's roots. */
  ca?: string;
  insecureSkipTlsVerify?: boolean;
  /** PEM client certificate and key. */
  cert?: string;
  key?: string;
  token?: string;
  basic?: { username: string; password: string };
  /** The context's default namespace. */
  namespace?: string;
  /** Where the configuration came from (a file path, or "in-cluster"). */
  origin: string;
}

export class KubeconfigError extends Error {}

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface KubeconfigOptions {
  /** --kubeconfig: one file. */
  kubeconfig?: string;
  /** --context. */
  context?: string;
  env?: NodeJS.ProcessEnv;
  /** The service-account directory of in-cluster config (default the standard one; tests point it elsewhere). */
  serviceAccountDir?: string;
  /** The home directory (default os.homedir()). */
  home?: string;
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

interface Named { name: string; value: Rec; dir: string }
interface Merged { clusters: Map<string, Named>; users: Map<string, Named>; contexts: Map<string, Named>; current?: string; files: string[] }

function readKubeconfigFile(file: string, merged: Merged): void {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new KubeconfigError(`cannot read kubeconfig ${file}: ${(e as Error).message}`);
  }
  const d = rec(doc);
  const dir = dirname(resolve(file));
  const add = (map: Map<string, Named>, list: unknown, field: string) => {
    for (const entry of Array.isArray(list) ? list : []) {
      const name = str(rec(entry).name);
      if (name && !map.has(name)) map.set(name, { name, value: rec(rec(entry)[field]), dir });
    }
  };
  add(merged.clusters, d.clusters, 'cluster');
  add(merged.users, d.users, 'user');
  add(merged.contexts, d.contexts, 'context');
  if (!merged.current) merged.current = str(d['current-context']);
  merged.files.push(file);
}

/** A `*-data` field (base64) or a file field (relative to the kubeconfig that named it). */
function material(v: Rec, field: string, dir: string): string | undefined {
  const data = str(v[`${field}-data`]);
  if (data) return Buffer.from(data, 'base64').toString('utf8');
  const file = str(v[field]);
  if (!file) return undefined;
  const p = isAbsolute(file) ? file : join(dir, file);
  try {
    return readFileSync(p, 'utf8');
  } catch (e) {
    throw new KubeconfigError(`cannot read ${field} ${p}: ${(e as Error).message}`);
  }
}

/** The pod's own service account, when running in a pod (KUBERNETES_SERVICE_HOST and the token file exist). */
export function inClusterConnection(env: NodeJS.ProcessEnv, dir = SERVICE_ACCOUNT_DIR): ClusterConnection | undefined {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT || '443';
  const tokenFile = join(dir, 'token');
  if (!host || !existsSync(tokenFile)) return undefined;
  const caFile = join(dir, 'ca.crt');
  const nsFile = join(dir, 'namespace');
  const h = host.includes(':') ? `[${host}]` : host;
  return {
    context: 'in-cluster',
    server: `https://${h}:${port}`,
    token: readFileSync(tokenFile, 'utf8').trim(),
    ...(existsSync(caFile) ? { ca: readFileSync(caFile, 'utf8') } : {}),
    ...(existsSync(nsFile) ? { namespace: readFileSync(nsFile, 'utf8').trim() } : {}),
    origin: 'in-cluster',
  };
}

/** Resolve the connection; throws KubeconfigError with what is missing. */
export function resolveConnection(opts: KubeconfigOptions = {}): ClusterConnection {
  const env = opts.env ?? process.env;
  let files: string[];
  if (opts.kubeconfig) files = [opts.kubeconfig];
  else if (env.KUBECONFIG) files = env.KUBECONFIG.split(delimiter).filter(Boolean);
  else {
    const home = join(opts.home ?? env.HOME ?? homedir(), '.kube', 'config');
    if (existsSync(home)) files = [home];
    else {
      const inCluster = inClusterConnection(env, opts.serviceAccountDir);
      if (inCluster) {
        if (opts.context) throw new KubeconfigError(`--context ${opts.context}: no kubeconfig (running with the in-cluster service account)`);
        return inCluster;
      }
      throw new KubeconfigError('no kubeconfig: give --kubeconfig, set KUBECONFIG, create ~/.kube/config, or run in a pod');
    }
  }
  if (opts.kubeconfig && !existsSync(opts.kubeconfig)) throw new KubeconfigError(`kubeconfig ${opts.kubeconfig} does not exist`);
  const merged: Merged = { clusters: new Map(), users: new Map(), contexts: new Map(), files: [] };
  for (const f of files) if (existsSync(f)) readKubeconfigFile(f, merged);
  if (!merged.files.length) throw new KubeconfigError(`no kubeconfig file exists of KUBECONFIG=${env.KUBECONFIG}`);
  const contextName = opts.context ?? merged.current;
  if (!contextName) throw new KubeconfigError(`${merged.files.join(', ')}: no current-context (give --context)`);
  const ctx = merged.contexts.get(contextName);
  if (!ctx) throw new KubeconfigError(`context "${contextName}" not found in ${merged.files.join(', ')} (contexts: ${[...merged.contexts.keys()].join(', ') || 'none'})`);
  const clusterName = str(ctx.value.cluster);
  const cluster = clusterName ? merged.clusters.get(clusterName) : undefined;
  if (!cluster) throw new KubeconfigError(`context "${contextName}": cluster "${clusterName ?? ''}" not found`);
  const server = str(cluster.value.server);
  if (!server) throw new KubeconfigError(`cluster "${cluster.name}" has no server`);
  if (!/^https?:\/\//.test(server)) throw new KubeconfigError(`cluster "${cluster.name}": server ${server} is not an http(s) URL`);
  const userName = str(ctx.value.user);
  const user = userName ? merged.users.get(userName) : undefined;
  if (userName && !user) throw new KubeconfigError(`context "${contextName}": user "${userName}" not found`);
  const u = user?.value ?? {};
  if (u.exec || u['auth-provider']) throw new KubeconfigError(`user "${userName}": exec and auth-provider credentials are not supported (use a token or a client certificate)`);
  let token = str(u.token);
  const tokenFile = str(u.tokenFile);
  if (!token && tokenFile) token = readFileSync(isAbsolute(tokenFile) ? tokenFile : join(user!.dir, tokenFile), 'utf8').trim();
  const ca = material(cluster.value, 'certificate-authority', cluster.dir);
  const cert = user ? material(u, 'client-certificate', user.dir) : undefined;
  const key = user ? material(u, 'client-key', user.dir) : undefined;
  if (!!cert !== !!key) throw new KubeconfigError(`user "${userName}": a client certificate needs both the certificate and the key`);
  const username = str(u.username);
  const password = str(u.password);
  const namespace = str(ctx.value.namespace);
  return {
    context: contextName,
    server: server.replace(/\/+$/, ''),
    ...(ca ? { ca } : {}),
    ...(cluster.value['insecure-skip-tls-verify'] === true ? { insecureSkipTlsVerify: true } : {}),
    ...(cert && key ? { cert, key } : {}),
    ...(token ? { token } : {}),
    ...(username && password ? { basic: { username, password } } : {}),
    ...(namespace ? { namespace } : {}),
    origin: merged.files.join(delimiter),
  };
}
