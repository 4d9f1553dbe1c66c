import { defineCheck, type Issue } from '../define.js';
import { asArray, asRecord } from '../../model/object.js';
import { hostPathVolumes } from '../shared/host-path-volumes.js';
import { POD, everyContainer, workloadVap } from '../shared/vap.js';

/** CEL: the volumeMount `m` mounts a hostPath volume of the pod. */
const HOST_PATH_MOUNT = `(has(${POD}.volumes) && ${POD}.volumes.exists(v, v.name == m.name && has(v.hostPath)))`;

export default defineCheck({
  id: 'writable-host-path',
  title: 'Container mounts a hostPath volume writable',
  severity: 'medium',
  category: 'workload',
  description:
    'A hostPath volume mounted without `readOnly: true` lets the container write to the node\'s filesystem: plant ' +
    'a cron job, a systemd unit, an SSH key or a static pod manifest, replace a binary the node runs, or fill the ' +
    'disk. Each container\'s mount decides (the volume itself has no read-only switch), so the finding is on the ' +
    'volumeMount. Init and ephemeral containers count: one write is enough.',
  remediation: 'Add `readOnly: true` to the volumeMount (and `recursiveReadOnly: Enabled` on Kubernetes 1.31+), or remove the hostPath volume.',
  frameworks: {
    cis: ['5.2.11'],
    nsa: ['pod-security/immutable-filesystem'],
    mitre: ['T1611'],
    owasp: ['K01'],
  },
  aliases: { kubescape: ['C-0045'], kubeLinter: ['writable-host-mount'] },
  subject: 'container',
  run: ({ container, pod, at }) => {
    const volumes = hostPathVolumes(pod);
    if (volumes.length === 0) return [];
    const byName = new Map(volumes.map((v) => [v.name, v]));
    const out: Issue[] = [];
    asArray(container.container.volumeMounts).forEach((m, i) => {
      const mount = asRecord(m);
      const volume = typeof mount?.name === 'string' ? byName.get(mount.name) : undefined;
      if (!mount || !volume || mount.readOnly === true) return;
      const where = typeof mount.mountPath === 'string' ? ` at ${mount.mountPath}` : '';
      out.push(
        at(`volumeMounts/${i}/readOnly`, `container "${container.name}" mounts the node path ${volume.written}${where} writable`, {
          found: mount.readOnly === undefined ? null : String(mount.readOnly),
          expected: 'true',
        }),
      );
    });
    return out;
  },
  vap: workloadVap([{ expression: everyContainer(`!has(c.volumeMounts) || c.volumeMounts.all(m, (has(m.readOnly) && m.readOnly) || !${HOST_PATH_MOUNT})`), message: 'a container mounts a hostPath volume without readOnly: true' }]),
  examples: {
    fail: [
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
            - name: config
              mountPath: /etc/shipper
            - name: varlog
              mountPath: /var/log
      volumes:
        - name: config
          configMap: {name: shipper}
        - name: varlog
          hostPath:
            path: /var/log
`,
      {
        yaml: `apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  initContainers:
    - name: prepare
      image: registry.example.com/prepare:1.0.0
      volumeMounts:
        - {name: data, mountPath: /data, readOnly: false}
  containers:
    - name: reader
      image: registry.example.com/reader:1.0.0
      volumeMounts:
        - {name: data, mountPath: /data, readOnly: true}
    - name: writer
      image: registry.example.com/writer:1.0.0
      volumeMounts:
        - {name: data, mountPath: /data}
  volumes:
    - name: data
      hostPath: {path: /mnt/data}
`,
        findings: 2,
      },
    ],
    pass: [
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
            - name: varlog
              mountPath: /var/log
              readOnly: true
            - name: scratch
              mountPath: /tmp
      volumes:
        - name: varlog
          hostPath:
            path: /var/log
        - name: scratch
          emptyDir: {}
`,
    ],
  },
});
