import { defineCheck, type Issue } from '../define.js';
import { runtimeSocketIn } from '../shared/host-paths.js';
import { hostPathVolumes } from '../shared/host-path-volumes.js';

export default defineCheck({
  id: 'runtime-socket-mounted',
  title: 'Pod mounts a container runtime socket',
  severity: 'critical',
  category: 'workload',
  description:
    'The API socket of the container runtime (docker.sock, containerd.sock, crio.sock, podman.sock, ' +
    'cri-dockerd.sock) lets whoever can write to it start a privileged container with the node\'s root filesystem ' +
    'mounted: a container with the socket is root on the node. A hostPath of a directory that holds a socket ' +
    '(`/var/run`, `/run/containerd`, `/`) exposes it just the same. Paths are compared after normalisation ' +
    '(`/var/run/../run//docker.sock`), and sockets are recognised by name wherever they are mounted from. ' +
    '`readOnly: true` does not help: connecting to a socket writes nothing to the filesystem.',
  remediation:
    'Remove the volume. Build images with a daemonless builder (BuildKit rootless, kaniko, buildah) and read ' +
    'container metadata from the Kubernetes API or the kubelet instead of the runtime.',
  frameworks: {
    nsa: ['pod-security/container-environments'],
    mitre: ['T1610', 'T1611', 'T1609'],
    owasp: ['K01'],
  },
  aliases: { kubescape: ['C-0074'], trivy: ['KSV006'], kubeLinter: ['docker-sock'], checkov: ['CKV_K8S_27'] },
  implies: ['sensitive-host-path', 'host-path-volume'],
  subject: 'pod',
  run: ({ pod, at }) => {
    const out: Issue[] = [];
    for (const v of hostPathVolumes(pod)) {
      if (v.path === undefined) continue;
      const hit = runtimeSocketIn(v.path);
      if (!hit) continue;
      const message = hit.contains
        ? `volume "${v.name}" mounts the node directory ${v.written}, which contains where runtime sockets live (such as ${hit.socket})`
        : `volume "${v.name}" mounts the container runtime socket ${v.written}`;
      out.push(at(`volumes/${v.index}/hostPath/path`, message, { found: v.written, expected: 'no runtime socket mounted' }));
    }
    return out;
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: builder
spec:
  selector:
    matchLabels: {app: builder}
  template:
    metadata:
      labels: {app: builder}
    spec:
      containers:
        - name: docker
          image: docker:27-cli
          volumeMounts:
            - {name: sock, mountPath: /var/run/docker.sock}
      volumes:
        - name: sock
          hostPath:
            path: /var/run/docker.sock
`,
      {
        yaml: `apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  containers:
    - name: agent
      image: registry.example.com/agent:1.0.0
  volumes:
    - name: run
      hostPath: {path: /run/}
    - name: crio
      hostPath: {path: "/var//run/crio/../crio/crio.sock"}
    - name: custom
      hostPath: {path: /opt/k3s/containerd.sock}
    - name: root
      hostPath: {path: /}
`,
        findings: 4,
      },
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
    - name: logs
      hostPath: {path: /var/log/pods}
    - name: run-app
      hostPath: {path: /var/run/app-metrics}
`,
    ],
  },
});
