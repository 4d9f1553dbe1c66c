import { definePssCheck } from '../shared/pss-check.js';
import type { Issue } from '../define.js';
import { asArray, asRecord, isRecord } from '../../model/object.js';
import { POD, workloadVap } from '../shared/vap.js';

export default definePssCheck({
  id: 'host-path-volume',
  title: 'Pod mounts a hostPath volume',
  severity: 'high',
  category: 'workload',
  description:
    'A hostPath volume mounts a file or directory of the node into the pod. Depending on the path, an attacker in ' +
    'the container can read other pods\' secrets and logs (/var/lib/kubelet, /var/log), talk to the container ' +
    'runtime (/var/run/containerd, docker.sock) to start privileged containers, or write to the host and escape.',
  remediation:
    'Replace the hostPath volume with an emptyDir, ConfigMap, Secret, projected or persistent volume. If the node ' +
    'path is truly needed, mount it readOnly, as narrowly as possible, in a dedicated namespace.',
  frameworks: {
    cis: ['5.2.11'],
    nsa: ['pod-security/enforcement'],
    pss: { level: 'baseline', control: 'hostPathVolumes' },
    mitre: ['T1611'],
    owasp: ['K01'],
  },
  aliases: { kubescape: ['C-0048'], trivy: ['KSV023'] },
  subject: 'pod',
  pssVersions: [{ since: 0, change: 'no hostPath volume (at the restricted level the restrictedVolumes control replaces this one)' }],
  evaluate: ({ pod, at }) => {
    const out: Issue[] = [];
    asArray(pod.spec.volumes).forEach((v, i) => {
      const volume = asRecord(v);
      if (!volume || volume.hostPath === undefined || volume.hostPath === null) return;
      const name = typeof volume.name === 'string' ? volume.name : `#${i}`;
      const hostPath = isRecord(volume.hostPath) && typeof volume.hostPath.path === 'string' ? volume.hostPath.path : undefined;
      out.push(
        hostPath !== undefined
          ? at(`volumes/${i}/hostPath/path`, `volume "${name}" mounts the node path ${hostPath}`, { found: hostPath, expected: 'no hostPath volume' })
          : at(`volumes/${i}/hostPath`, `volume "${name}" is a hostPath volume`, { expected: 'no hostPath volume' }),
      );
    });
    return out;
  },
  vap: workloadVap([{ expression: `!has(${POD}.volumes) || ${POD}.volumes.all(v, !has(v.hostPath))`, message: 'the pod mounts a hostPath volume' }]),
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
            - name: varlog
              mountPath: /var/log
              readOnly: true
      volumes:
        - name: varlog
          hostPath:
            path: /var/log
`,
      {
        yaml: `apiVersion: v1
kind: Pod
metadata:
  name: runtime-client
spec:
  containers:
    - name: client
      image: registry.example.com/client:0.3.0
  volumes:
    - name: config
      configMap:
        name: client-config
    - name: sock
      hostPath:
        path: /run/containerd/containerd.sock
        type: Socket
    - name: root
      hostPath:
        path: /
`,
        findings: 2,
      },
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: cache
spec:
  containers:
    - name: app
      image: registry.example.com/app:2.0.0
      volumeMounts:
        - name: scratch
          mountPath: /tmp
  volumes:
    - name: scratch
      emptyDir: {}
`,
    ],
  },
});
