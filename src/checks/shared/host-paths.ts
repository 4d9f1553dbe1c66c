/**
 * Node paths as the kubelet sees them: absolute, "." and ".." resolved, repeated and trailing
 * slashes removed. A path that is not absolute (the API server rejects those) is returned
 * undefined, so callers never guess at it.
 */
export function normaliseHostPath(path: string): string | undefined {
  const p = path.trim();
  if (!p.startsWith('/')) return undefined;
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

/** True when `path` is `dir` or inside it, by whole segments ("/etcd" is not inside "/etc"). */
export function isWithin(path: string, dir: string): boolean {
  if (dir === '/') return true;
  return path === dir || path.startsWith(dir + '/');
}

/** True when one of the two (normalised) paths contains the other. */
export function overlaps(a: string, b: string): boolean {
  return isWithin(a, b) || isWithin(b, a);
}

/**
 * Container runtime API sockets, by where the runtimes and distributions put them. "/var/run" is a
 * symlink to "/run" on every current distribution, so both spellings are listed.
 */
const RUNTIME_SOCKET_DIRS = ['/run', '/var/run'];
const RUNTIME_SOCKET_FILES = [
  'containerd/containerd.sock',
  'docker.sock',
  'dockershim.sock',
  'cri-dockerd.sock',
  'crio/crio.sock',
  'podman/podman.sock',
  'k3s/containerd/containerd.sock',
  'cri-containerd.sock',
  'frakti.sock',
];
export const RUNTIME_SOCKETS: readonly string[] = RUNTIME_SOCKET_DIRS.flatMap((d) => RUNTIME_SOCKET_FILES.map((f) => `${d}/${f}`));

/** File names that are a runtime socket wherever they are mounted from. */
const SOCKET_NAMES = new Set(['docker.sock', 'dockershim.sock', 'cri-dockerd.sock', 'containerd.sock', 'crio.sock', 'podman.sock', 'cri-containerd.sock']);

/**
 * The runtime socket a hostPath exposes: the path itself when it is a socket (by known location or
 * file name), else the first known socket inside the mounted directory ("/var/run", "/run/containerd", "/").
 */
export function runtimeSocketIn(path: string): { socket: string; contains: boolean } | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (SOCKET_NAMES.has(name) || RUNTIME_SOCKETS.includes(path)) return { socket: path, contains: false };
  const inside = RUNTIME_SOCKETS.find((s) => isWithin(s, path));
  return inside ? { socket: inside, contains: true } : undefined;
}

/**
 * Where credentials live on a node, and what they give: cloud CLIs' credential directories under any home
 * (`/root/.aws`, `/home/ci/.config/gcloud`, `/.azure`), and the cluster's own keys and kubeconfigs. A path
 * inside one of them, or equal to it, holds them; `credentials` entries stay high when mounted read-only
 * (reading is the whole attack).
 */
export interface CredentialPlace {
  /** Path components, matched anywhere in the path (`anywhere`) or from the root. */
  components: readonly string[];
  anywhere: boolean;
  /** Only the place itself, not what is inside it (/var/lib/kubelet holds keys; /var/lib/kubelet/plugins does not). */
  whole?: boolean;
  holds: string;
}
export const CREDENTIAL_PLACES: readonly CredentialPlace[] = [
  { components: ['.aws'], anywhere: true, holds: 'AWS credentials (the AWS CLI\'s credentials and config)' },
  { components: ['.config', 'gcloud'], anywhere: true, holds: 'Google Cloud credentials (the gcloud SDK\'s tokens and keys)' },
  { components: ['.azure'], anywhere: true, holds: 'Azure credentials (the Azure CLI\'s tokens)' },
  { components: ['.oci'], anywhere: true, holds: 'Oracle Cloud credentials (the OCI CLI\'s API keys)' },
  { components: ['.kube'], anywhere: true, holds: 'kubeconfigs (cluster credentials)' },
  { components: ['.docker'], anywhere: true, holds: 'registry credentials (Docker\'s config.json)' },
  { components: ['.ssh'], anywhere: true, holds: 'SSH keys' },
  { components: ['etc', 'kubernetes', 'pki'], anywhere: false, holds: 'the cluster CA and control-plane keys' },
  { components: ['etc', 'kubernetes', 'azure.json'], anywhere: false, holds: 'the cluster\'s Azure service principal (cloud-provider config)' },
  { components: ['etc', 'kubernetes', 'admin.conf'], anywhere: false, holds: 'the cluster-admin kubeconfig' },
  { components: ['etc', 'kubernetes', 'super-admin.conf'], anywhere: false, holds: 'the cluster-admin kubeconfig' },
  { components: ['etc', 'kubernetes', 'kubelet.conf'], anywhere: false, holds: 'the kubelet\'s kubeconfig' },
  { components: ['etc', 'kubernetes'], anywhere: false, whole: true, holds: 'the kubelet\'s and control plane\'s kubeconfigs and keys (admin.conf, pki/)' },
  { components: ['var', 'lib', 'kubelet'], anywhere: false, whole: true, holds: 'the kubelet\'s credentials (kubeconfig, pki/) and every pod\'s volumes, Secrets and service account tokens included' },
  { components: ['var', 'lib', 'kubelet', 'pods'], anywhere: false, holds: 'every pod\'s volumes, Secrets and service account tokens included' },
  { components: ['var', 'lib', 'kubelet', 'pki'], anywhere: false, holds: 'the kubelet\'s client and serving keys' },
  { components: ['var', 'lib', 'kubelet', 'kubeconfig'], anywhere: false, holds: 'the kubelet\'s kubeconfig' },
];

/** The most specific credential place a normalised path is or lies in, or undefined. */
export function credentialPlace(path: string): CredentialPlace | undefined {
  const segs = path.split('/').filter((s) => s !== '');
  let best: CredentialPlace | undefined;
  for (const place of CREDENTIAL_PLACES) {
    const c = place.components;
    const starts = place.anywhere ? segs.map((_, i) => i) : [0];
    const hit = starts.some((i) => i + c.length <= segs.length && (!place.whole || i + c.length === segs.length) && c.every((x, j) => segs[i + j] === x));
    if (hit && (!best || c.length > best.components.length || (best.anywhere && !place.anywhere))) best = place;
  }
  return best;
}
