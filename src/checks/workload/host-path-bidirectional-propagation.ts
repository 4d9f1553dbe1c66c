import { defineCheck, type Issue } from '../define.js';
import { asArray, asRecord } from '../../model/object.js';
import { hostPathVolumes } from '../shared/host-path-volumes.js';
import { POD, everyContainer, workloadVap } from '../shared/vap.js';

/** CEL: the volumeMount `m` mounts a hostPath volume of the pod. */
const HOST_PATH_MOUNT = `(has(${POD}.volumes) && ${POD}.volumes.exists(v, v.name == m.name && has(v.hostPath)))`;

export default defineCheck({
  id: 'host-path-bidirectional-propagation',
  title: 'Container mounts a hostPath volume with Bidirectional mount propagation',
  severity: 'high',
  category: 'workload',
  description:
    'With `mountPropagation: Bidirectional` a mount the container makes under that path propagates back to the node ' +
    'and to every other pod that mounts the same host path: the container can mount over what the node and its ' +
    'neighbours see (a filesystem of its choosing over /var/lib/kubelet/pods, a device, an overlay over a ' +
    'binary). The API server allows it only in privileged containers; CSI node plugins need it, nothing else does. ' +
    'The finding is on the volumeMount that asks for it.',
  remediation:
    'Remove `mountPropagation: Bidirectional` (use `HostToContainer` to see the node\'s later mounts without ' +
    'sending any back), or keep it only for a CSI node plugin and record an exception for it.',
  frameworks: {
    nsa: ['pod-security/enforcement', 'pod-security/container-environments'],
    mitre: ['T1611'],
    owasp: ['K01'],
  },
  subject: 'container',
  run: ({ container, pod, at }) => {
    const volumes = new Map(hostPathVolumes(pod).map((v) => [v.name, v]));
    if (volumes.size === 0) return [];
    const out: Issue[] = [];
    asArray(container.container.volumeMounts).forEach((m, i) => {
      const mount = asRecord(m);
      const volume = typeof mount?.name === 'string' ? volumes.get(mount.name) : undefined;
      if (!mount || !volume || mount.mountPropagation !== 'Bidirectional') return;
      const where = typeof mount.mountPath === 'string' ? ` at ${mount.mountPath}` : '';
      out.push(at(`volumeMounts/${i}/mountPropagation`, `container "${container.name}" mounts the node path ${volume.written}${where} with Bidirectional propagation: its mounts reach the node and other pods`, {
        found: 'Bidirectional',
        expected: 'None or HostToContainer',
      }));
    });
    return out;
  },
  vap: workloadVap([{ expression: everyContainer(`!has(c.volumeMounts) || c.volumeMounts.all(m, !(has(m.mountPropagation) && m.mountPropagation == 'Bidirectional') || !${HOST_PATH_MOUNT})`), message: 'a container mounts a hostPath volume with Bidirectional propagation' }]),
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: storage-agent
spec:
  selector:
    matchLabels: {app: storage-agent}
  template:
    metadata:
      labels: {app: storage-agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/storage-agent:2.1.0
          securityContext:
            privileged: true
          volumeMounts:
            - name: pods
              mountPath: /var/lib/kubelet/pods
              mountPropagation: Bidirectional
      volumes:
        - name: pods
          hostPath:
            path: /var/lib/kubelet/pods
`,
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
          securityContext:
            privileged: true  # the API server allows Bidirectional only in privileged containers
          volumeMounts:
            - name: varlog
              mountPath: /var/log
              readOnly: true
              mountPropagation: HostToContainer
            - name: scratch
              mountPath: /scratch
              mountPropagation: Bidirectional
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
