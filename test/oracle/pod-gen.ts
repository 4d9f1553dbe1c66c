/**
 * A seeded generator of random pods that touch every Pod Security control: host namespaces, privileged,
 * capabilities (add and drop), hostPath and other volume types, host ports, AppArmor (field and annotation),
 * SELinux options, /proc mount, seccomp (pod and container), sysctls (safe and unsafe), Windows HostProcess,
 * allowPrivilegeEscalation, runAsNonRoot, runAsUser, probes and lifecycle handlers with a host, and
 * hostUsers: false. Most fields are left unset most of the time, so that many pods pass some levels.
 * The pods aim to be valid for the API server; the few it rejects by validation (422) are counted apart.
 */
import { rng, type Json, type Random } from './rbac-gen.js';

const CAPS_ADD = ['NET_BIND_SERVICE', 'CHOWN', 'KILL', 'SYS_ADMIN', 'NET_RAW', 'AUDIT_WRITE', 'SETUID', 'ALL', 'SYS_TIME'];
const CAPS_DROP = ['ALL', 'NET_RAW', 'CHOWN', 'all'];
const SAFE_SYSCTLS: [string, string][] = [
  ['kernel.shm_rmid_forced', '0'], ['net.ipv4.ip_local_port_range', '1024 65535'], ['net.ipv4.tcp_syncookies', '1'],
  ['net.ipv4.ping_group_range', '0 0'], ['net.ipv4.ip_unprivileged_port_start', '1024'], ['net.ipv4.tcp_keepalive_time', '7200'],
  ['net.ipv4.tcp_fin_timeout', '60'], ['net.ipv4.tcp_keepalive_intvl', '75'], ['net.ipv4.tcp_keepalive_probes', '9'],
  ['net.ipv4.tcp_rmem', '4096 87380 6291456'], ['net.ipv4.tcp_wmem', '4096 16384 4194304'], ['net.ipv4.ip_local_reserved_ports', '30000'],
];
const UNSAFE_SYSCTLS: [string, string][] = [['kernel.msgmax', '65536'], ['net.core.somaxconn', '1024'], ['vm.swappiness', '10']];

function seccomp(r: Random): Json {
  const type = r.pick(['RuntimeDefault', 'Localhost', 'Unconfined', 'RuntimeDefault']);
  return type === 'Localhost' ? { type, localhostProfile: 'profiles/audit.json' } : { type };
}

function appArmor(r: Random): Json {
  const type = r.pick(['RuntimeDefault', 'Localhost', 'Unconfined']);
  return type === 'Localhost' ? { type, localhostProfile: 'k8s-apparmor-example' } : { type };
}

function seLinux(r: Random): Json {
  const o: Json = {};
  if (r.chance(0.7)) o.type = r.pick(['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t', 'spc_t', 'unconfined_t']);
  if (r.chance(0.3)) o.user = 'system_u';
  if (r.chance(0.3)) o.role = 'system_r';
  if (r.chance(0.3)) o.level = 's0:c123,c456';
  return o;
}

function probe(r: Random): Json {
  const host = r.chance(0.5) ? { host: r.pick(['127.0.0.1', 'localhost', 'node.local']) } : {};
  return r.chance(0.5) ? { httpGet: { path: '/healthz', port: 8080, ...host } } : { tcpSocket: { port: 8080, ...host } };
}

function container(r: Random, name: string, podLevel: { hostNetwork: boolean; hostUsers: boolean }, init: boolean): Json {
  const c: Json = { name, image: 'registry.example/app:1.0' };
  const sc: Json = {};
  const privileged = r.chance(0.08);
  if (privileged) sc.privileged = true;
  else if (r.chance(0.1)) sc.privileged = false;
  if (r.chance(0.6)) sc.allowPrivilegeEscalation = privileged ? true : r.chance(0.75) ? false : true;
  if (r.chance(0.6)) {
    const caps: Json = {};
    if (r.chance(0.8)) caps.drop = r.some(CAPS_DROP, 1, 2);
    if (r.chance(0.35)) caps.add = r.some(CAPS_ADD, 1, 2);
    sc.capabilities = caps;
  }
  if (r.chance(0.35)) sc.runAsNonRoot = r.chance(0.75);
  if (r.chance(0.3)) sc.runAsUser = r.pick([0, 1000, 65534]);
  if (r.chance(0.3)) sc.seccompProfile = seccomp(r);
  if (r.chance(0.12)) sc.appArmorProfile = appArmor(r);
  if (r.chance(0.1)) sc.seLinuxOptions = seLinux(r);
  // Unmasked /proc is valid only in a pod with its own user namespace.
  if (r.chance(0.1)) sc.procMount = !podLevel.hostUsers && r.chance(0.6) ? 'Unmasked' : 'Default';
  if (Object.keys(sc).length) c.securityContext = sc;
  if (r.chance(0.15)) {
    const port: Json = { containerPort: 8080 + r.int(10) };
    if (r.chance(0.6)) port.hostPort = podLevel.hostNetwork ? port.containerPort : r.pick([0, 80, 9090]);
    c.ports = [port];
  }
  if (!init && r.chance(0.12)) c.livenessProbe = probe(r);
  if (!init && r.chance(0.08)) c.readinessProbe = probe(r);
  if (!init && r.chance(0.08)) c.lifecycle = { postStart: r.chance(0.5) ? { httpGet: { path: '/start', port: 8080, ...(r.chance(0.6) ? { host: '10.1.2.3' } : {}) } } : { tcpSocket: { port: 8080, ...(r.chance(0.6) ? { host: 'localhost' } : {}) } } };
  if (r.chance(0.3)) c.volumeMounts = [{ name: 'v0', mountPath: '/data' }];
  return c;
}

function volume(r: Random, i: number): Json {
  const name = `v${i}`;
  switch (r.int(11)) {
    case 0: case 1: return { name, hostPath: { path: r.pick(['/var/log', '/etc', '/']), ...(r.chance(0.5) ? { type: 'Directory' } : {}) } };
    case 2: return { name, configMap: { name: 'cm' } };
    case 3: return { name, secret: { secretName: 's' } };
    case 4: return { name, persistentVolumeClaim: { claimName: 'data' } };
    case 5: return { name, projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } };
    case 6: return { name, downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } };
    case 7: return { name, nfs: { server: 'nfs.example', path: '/exports' } };
    case 8: return { name, iscsi: { targetPortal: '10.0.0.1:3260', iqn: 'iqn.2001-04.com.example:storage', lun: 0 } };
    case 9: return { name, csi: { driver: 'csi.example.com' } };
    default: return { name, emptyDir: {} };
  }
}

/**
 * A random pod (no namespace: the test puts it in each labelled namespace). Half the pods start from a base
 * that the restricted level admits and deviate from it rarely, so that every level admits a fair share.
 */
export function randomPod(base: Random, i: number): Json {
  const strict = base.chance(0.5);
  // In a strict pod every chance of a deviation is scaled down.
  const r: Random = strict ? { ...base, chance: (p) => base.chance(p * 0.12) } : base;
  const spec: Json = { automountServiceAccountToken: false };
  const hostNetwork = r.chance(0.08);
  if (hostNetwork) spec.hostNetwork = true;
  if (r.chance(0.06)) spec.hostPID = true;
  if (r.chance(0.06)) spec.hostIPC = true;
  // Own user namespace: not with host namespaces (validation).
  const hostUsers = !(r.chance(0.15) && !hostNetwork && !spec.hostPID && !spec.hostIPC);
  if (!hostUsers) spec.hostUsers = false;
  const psc: Json = {};
  if (r.chance(0.35)) psc.runAsNonRoot = r.chance(0.8);
  if (r.chance(0.25)) psc.runAsUser = r.pick([0, 1000]);
  if (r.chance(0.45)) psc.seccompProfile = seccomp(r);
  if (r.chance(0.08)) psc.appArmorProfile = appArmor(r);
  if (r.chance(0.08)) psc.seLinuxOptions = seLinux(r);
  if (r.chance(0.15)) {
    const pool = r.chance(0.7) ? SAFE_SYSCTLS : UNSAFE_SYSCTLS;
    psc.sysctls = r.some(pool, 1, 2).map(([name, value]) => ({ name, value }));
  }
  // Windows HostProcess pods must use the host network (validation).
  if (hostNetwork && r.chance(0.2)) psc.windowsOptions = { hostProcess: true };
  if (Object.keys(psc).length) spec.securityContext = psc;
  const level = { hostNetwork, hostUsers };
  spec.containers = Array.from({ length: 1 + r.int(2) }, (_, k) => container(r, `c${k}`, level, false));
  if (r.chance(0.2)) spec.initContainers = [container(r, 'init', level, true)];
  const volumes = Array.from({ length: r.int(3) }, (_, k) => volume(r, k));
  if (volumes.length) spec.volumes = volumes;
  else for (const c of [...(spec.containers as Json[]), ...((spec.initContainers as Json[] | undefined) ?? [])]) delete c.volumeMounts;
  if (psc.windowsOptions) {
    // Every container of a HostProcess pod must be HostProcess too.
    for (const c of [...(spec.containers as Json[]), ...((spec.initContainers as Json[] | undefined) ?? [])]) {
      c.securityContext = { ...((c.securityContext as Json | undefined) ?? {}), windowsOptions: { hostProcess: true } };
    }
  }
  if (strict) {
    const sc = (spec.securityContext ??= {}) as Json;
    sc.runAsNonRoot ??= true;
    sc.seccompProfile ??= { type: 'RuntimeDefault' };
    for (const c of [...(spec.containers as Json[]), ...((spec.initContainers as Json[] | undefined) ?? [])]) {
      const csc = (c.securityContext ??= {}) as Json;
      csc.allowPrivilegeEscalation ??= csc.privileged === true;
      csc.capabilities ??= { drop: ['ALL'] };
    }
  }
  const metadata: Json = { name: `pod-${i}` };
  if (r.chance(0.05)) metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/c0': r.pick(['runtime/default', 'unconfined', 'localhost/prof']) };
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

export function randomPods(seed: number, n: number): Json[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => randomPod(r, i));
}

/** The kinds that hold a pod spec, for wrapping a random pod (Pod itself first). */
export const POD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'ReplicationController'] as const;
export type PodKind = (typeof POD_KINDS)[number];

const API_VERSION: Record<PodKind, string> = {
  Pod: 'v1', ReplicationController: 'v1', Deployment: 'apps/v1', StatefulSet: 'apps/v1', DaemonSet: 'apps/v1', ReplicaSet: 'apps/v1', Job: 'batch/v1', CronJob: 'batch/v1',
};

/** The pod as the template of a `kind` workload, valid for the API server (selector, labels, restart policy). */
export function wrapPod(pod: Json, kind: PodKind): Json {
  if (kind === 'Pod') return pod;
  const meta = pod.metadata as Json;
  const labels = { app: meta.name as string };
  const spec = { ...(pod.spec as Json) };
  if (kind === 'Job' || kind === 'CronJob') spec.restartPolicy = 'Never';
  else spec.restartPolicy = 'Always';
  const template: Json = { metadata: { ...(meta.annotations ? { annotations: meta.annotations } : {}), labels }, spec };
  const body: Json =
    kind === 'CronJob' ? { schedule: '0 3 * * *', jobTemplate: { spec: { template } } }
    : kind === 'Job' ? { template }
    : kind === 'ReplicationController' ? { selector: labels, template }
    : { selector: { matchLabels: labels }, template, ...(kind === 'StatefulSet' ? { serviceName: meta.name } : {}) };
  return { apiVersion: API_VERSION[kind], kind, metadata: { name: meta.name }, spec: body };
}

/** The REST collection of a kind in a namespace. */
export function collectionPath(kind: string, namespace: string): string {
  const plural = `${kind.toLowerCase()}s`;
  const group = kind === 'Pod' || kind === 'ReplicationController' ? '/api/v1' : kind === 'Job' || kind === 'CronJob' ? '/apis/batch/v1' : '/apis/apps/v1';
  return `${group}/namespaces/${namespace}/${plural}`;
}
