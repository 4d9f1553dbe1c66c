import { defineCheck, type Issue } from '../define.js';
import { containersOf } from '../../model/containers.js';
import { asArray, asRecord } from '../../model/object.js';
import type { PodSpecRef } from '../../model/pod-specs.js';
import { credentialPlace, isWithin, runtimeSocketIn } from '../shared/host-paths.js';
import { hostPathVolumes } from '../shared/host-path-volumes.js';

/**
 * Node directories whose contents give an attacker the node: system configuration and binaries,
 * kernel interfaces, devices, credentials of the kubelet and other pods, runtime state, logs.
 * Anything inside them is sensitive too.
 */
const SENSITIVE_TREES = [
  '/etc', '/root', '/home', '/boot', '/dev', '/proc', '/sys', '/bin', '/sbin', '/lib', '/lib64', '/usr',
  '/var/lib/kubelet', '/var/lib/docker', '/var/lib/containerd', '/var/lib/containers', '/var/lib/etcd', '/var/log',
  '/opt/cni/bin', '/run/systemd', '/var/run/systemd', '/run/dbus', '/var/run/dbus',
];
/**
 * Directories sensitive as a whole (they hold runtime and system sockets) whose own subdirectories
 * are mostly one agent's private state (/var/run/calico, /run/xtables.lock): only the directory
 * itself, or a parent of it, is reported.
 */
const SENSITIVE_DIRS = ['/run', '/var/run'];

/**
 * Single files under /etc that only describe the node (its id, time zone, OS release, name): read, they hold
 * no credential and hand over nothing. Log shippers and metrics agents mount them read-only to label what they
 * collect (fluent-bit mounts /etc/machine-id). Written, they still change the node, and stay reported.
 */
const NODE_FACTS = new Set(['/etc/machine-id', '/etc/localtime', '/etc/timezone', '/etc/os-release', '/etc/lsb-release', '/etc/hostname']);

/** The sensitive directory a normalised path is or lies in, or the first one it contains (for "/", "/var", "/var/lib"). */
function sensitiveMatch(path: string): { dir: string; contains: boolean } | undefined {
  let best: string | undefined;
  for (const dir of SENSITIVE_TREES) if (isWithin(path, dir) && (!best || dir.length > best.length)) best = dir;
  if (best) return { dir: best, contains: false };
  if (SENSITIVE_DIRS.includes(path)) return { dir: path, contains: false };
  const inside = [...SENSITIVE_TREES, ...SENSITIVE_DIRS].find((dir) => isWithin(dir, path));
  return inside ? { dir: inside, contains: true } : undefined;
}

/** True when some container of the pod mounts the volume without readOnly: true. */
function mountedWritable(pod: PodSpecRef, volume: string): boolean {
  return containersOf(pod).some((c) => asArray(c.container.volumeMounts).some((m) => asRecord(m)?.name === volume && asRecord(m)?.readOnly !== true));
}

export default defineCheck({
  id: 'sensitive-host-path',
  title: 'Pod mounts a sensitive node path',
  severity: 'high',
  category: 'workload',
  description:
    'Some node directories hand over the node when mounted: `/etc` (users, kubelet and system configuration), ' +
    '`/root` and `/home` (keys), `/proc`, `/sys`, `/dev` (kernel and devices), `/var/lib/kubelet` (every pod\'s ' +
    'secrets and service account tokens), `/var/lib/docker` and `/var/lib/containerd` (all images and container ' +
    'filesystems), `/var/run` (runtime sockets), `/var/log` (other pods\' logs), `/boot`, the system binaries. ' +
    'Matching is by whole path components after normalisation, so `/etc/../var/lib/kubelet/` counts and `/etcd` ' +
    'does not; a parent such as `/`, `/var` or `/var/lib` counts because it contains them. `/run` and `/var/run` ' +
    'count as a whole (their subdirectories are mostly one agent\'s own state, such as /var/run/calico), runtime ' +
    'sockets themselves are reported by runtime-socket-mounted. Places that hold credentials are named in the ' +
    'message: cloud CLI credential directories under any path (`/.aws`, `/root/.aws`, `/.config/gcloud`, ' +
    '`/.azure`, `/.oci`, `.kube`, `.docker`, `.ssh`), `/etc/kubernetes` (kubeconfigs, `pki/` with the cluster ' +
    'CA), `/var/lib/kubelet`. A path mounted read-only by every container that mounts it is medium instead of ' +
    'high, except a credential place other than /var/lib/kubelet, where reading is the whole attack. A read-only file that only describes the node (`/etc/machine-id`, ' +
    '`/etc/localtime`, `/etc/timezone`, `/etc/os-release`, `/etc/hostname`) is not reported.',
  remediation:
    'Mount only the narrowest path needed, `readOnly`, or replace the hostPath with a ConfigMap, Secret, ' +
    'projected volume or CSI driver. Node agents that truly need host paths belong in a dedicated, tightly ' +
    'controlled namespace.',
  frameworks: {
    cis: ['5.2.11'],
    nsa: ['pod-security/container-environments'],
    mitre: ['T1611', 'T1552.001'],
    owasp: ['K01'],
  },
  aliases: { kubescape: ['C-0020'], trivy: ['KSV121'], kubeLinter: ['sensitive-host-mounts'] },
  implies: ['host-path-volume'],
  subject: 'pod',
  run: ({ pod, at }) => {
    const out: Issue[] = [];
    for (const v of hostPathVolumes(pod)) {
      if (v.path === undefined) continue;
      const socket = runtimeSocketIn(v.path);
      if (socket && !socket.contains) continue;
      const place = credentialPlace(v.path);
      const hit = sensitiveMatch(v.path);
      if (!hit && !place) continue;
      const writable = mountedWritable(pod, v.name);
      if (NODE_FACTS.has(v.path) && !writable) continue;
      const message = place
        ? `volume "${v.name}" mounts the node path ${v.written}, which holds ${place.holds}`
        : hit!.contains
          ? `volume "${v.name}" mounts the node path ${v.written}, which contains ${hit!.dir}`
          : `volume "${v.name}" mounts the sensitive node path ${v.written}${v.path === hit!.dir ? '' : ` (inside ${hit!.dir})`}`;
      const issue = at(`volumes/${v.index}/hostPath/path`, message, { found: v.written, expected: place ? 'no node credentials in the pod' : 'no sensitive node path' });
      // Read-only everywhere it is mounted: still a leak (secrets, logs), no longer a write to the node. For
      // credentials, reading them is the attack: they stay high (the kubelet's directory keeps the old rule).
      const keepsSeverity = place !== undefined && place.components[0] !== 'var';
      out.push(writable ? issue : keepsSeverity ? { ...issue, message: `${message}, read-only` } : { ...issue, message: `${message}, read-only`, severity: 'medium' });
    }
    return out;
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels: {app: node-agent}
  template:
    metadata:
      labels: {app: node-agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.0.0
      volumes:
        - name: kubelet
          hostPath:
            path: /var/lib/kubelet/pods
`,
      {
        yaml: `apiVersion: v1
kind: Pod
metadata:
  name: escape
spec:
  containers:
    - name: shell
      image: registry.example.com/shell:1.0.0
  volumes:
    - name: host
      hostPath: {path: /}
    - name: var
      hostPath: {path: /var/}
    - name: sneaky
      hostPath: {path: /tmp/../etc//kubernetes}
`,
        findings: 3,
      },
      {
        yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: deployer
spec:
  selector:
    matchLabels: {app: deployer}
  template:
    metadata:
      labels: {app: deployer}
    spec:
      containers:
        - name: deployer
          image: registry.example.com/deployer:2.0.0
          volumeMounts:
            - {name: aws, mountPath: /root/.aws, readOnly: true}
            - {name: gcloud, mountPath: /root/.config/gcloud, readOnly: true}
            - {name: azure, mountPath: /root/.azure, readOnly: true}
            - {name: pki, mountPath: /pki, readOnly: true}
            - {name: ci-aws, mountPath: /ci/.aws, readOnly: true}
      volumes:
        - name: aws
          hostPath: {path: /.aws}
        - name: gcloud
          hostPath: {path: /.config/gcloud}
        - name: azure
          hostPath: {path: /.azure}
        - name: pki
          hostPath: {path: /etc/kubernetes/pki}
        - name: ci-aws
          hostPath: {path: /var/lib/jenkins/.aws/}
`,
        findings: 5,
        path: '/spec/template/spec/volumes/0/hostPath/path',
      },
      `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-shipper
spec:
  selector:
    matchLabels: {app: log-shipper}
  template:
    metadata:
      labels: {app: log-shipper}
    spec:
      containers:
        - name: shipper
          image: registry.example.com/shipper:1.9.0
          volumeMounts:
            - {name: varlog, mountPath: /var/log, readOnly: true}
      volumes:
        - name: varlog
          hostPath: {path: /var/log}
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  containers:
    - name: agent
      image: registry.example.com/agent:1.0.0
  volumes:
    - name: data
      hostPath: {path: /mnt/data}
    - name: etcd-like
      hostPath: {path: /etcd-backup}
    - name: sock
      hostPath: {path: /run/containerd/containerd.sock}
    - name: calico
      hostPath: {path: /var/run/calico}
    - name: not-aws
      hostPath: {path: /data/.aws-cache}
`,
      // A log shipper labels records with the node's id and time zone: read-only node facts, no secret in them.
      `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluent-bit
spec:
  selector:
    matchLabels: {app: fluent-bit}
  template:
    metadata:
      labels: {app: fluent-bit}
    spec:
      containers:
        - name: fluent-bit
          image: cr.fluentbit.io/fluent/fluent-bit:3.1.0
          volumeMounts:
            - {name: etcmachineid, mountPath: /etc/machine-id, readOnly: true}
            - {name: localtime, mountPath: /etc/localtime, readOnly: true}
      volumes:
        - name: etcmachineid
          hostPath: {path: /etc/machine-id, type: File}
        - name: localtime
          hostPath: {path: /etc/localtime}
`,
    ],
  },
});
