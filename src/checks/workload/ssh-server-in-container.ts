import { asArray, asRecord, asString } from '../../model/object.js';
import { splitImageName } from '../../model/image-name.js';
import { defineCheck, type Issue } from '../define.js';

/** Image names (last path component, by whole words) of SSH servers. */
const SSH_IMAGE = /(?:^|[-_.])(?:sshd|openssh|openssh-server|ssh-server|dropbear)(?:$|[-_.])/;

/** Why a container serves SSH: the field (relative to the container) and what was seen there. */
function sshEvidence(container: Record<string, unknown>): { rel: string; why: string } | undefined {
  const ports = asArray(container.ports);
  for (let i = 0; i < ports.length; i++) {
    const p = asRecord(ports[i]);
    if (!p) continue;
    const protocol = asString(p.protocol) ?? 'TCP';
    if (protocol.toUpperCase() !== 'TCP') continue;
    if (p.containerPort === 22 || p.containerPort === '22') return { rel: `ports/${i}/containerPort`, why: 'declares containerPort 22 (SSH)' };
    if (asString(p.name)?.toLowerCase() === 'ssh') return { rel: `ports/${i}/name`, why: `declares a port named ssh (${String(p.containerPort)})` };
  }
  const image = asString(container.image)?.trim();
  if (image) {
    const repository = splitImageName(image).repository.toLowerCase();
    const last = repository.slice(repository.lastIndexOf('/') + 1);
    if (SSH_IMAGE.test(last)) return { rel: 'image', why: `runs the SSH server image ${image}` };
  }
  const command = asArray(container.command);
  const first = asString(command[0]);
  if (first !== undefined && /(?:^|\/)(?:sshd|dropbear)$/.test(first.trim())) return { rel: 'command/0', why: `starts ${first.trim()}` };
  return undefined;
}

export default defineCheck({
  id: 'ssh-server-in-container',
  title: 'Container serves SSH',
  severity: 'medium',
  category: 'workload',
  description:
    'An SSH server in a container is a remote login outside Kubernetes: its own passwords and keys (often baked ' +
    'into the image or shared), no RBAC, no API audit log, and a well-known port that attackers scan and brute-force. ' +
    'Reported when a container declares TCP `containerPort: 22` or a port named `ssh`, runs an SSH server image ' +
    '(`sshd`, `openssh-server`, `dropbear` as the image name), or starts `sshd` as its command. Git servers that ' +
    'serve git over SSH are reported too: their SSH endpoint deserves the same review.',
  remediation:
    'Remove the SSH server; use `kubectl exec` or `kubectl debug` (authorised by RBAC, recorded in the audit log). ' +
    'When SSH is the product (a Git server, an SFTP drop), restrict who reaches the port with a NetworkPolicy and ' +
    'allow key authentication only.',
  frameworks: { nsa: ['pod-security/container-environments'], mitre: ['T1133', 'T1110'], owasp: ['K07'] },
  aliases: { kubescape: ['C-0042'], kubeLinter: ['ssh-port'] },
  subject: 'container',
  run: ({ container, at }) => {
    const hit = sshEvidence(container.container);
    if (!hit) return [];
    const issue: Issue = at(hit.rel, `container "${container.name}" serves SSH: it ${hit.why}`, { found: hit.why, expected: 'no SSH server in the container' });
    return [issue];
  },
  examples: {
    fail: [
      {
        yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: bastion
spec:
  selector:
    matchLabels: {app: bastion}
  template:
    metadata:
      labels: {app: bastion}
    spec:
      containers:
        - name: bastion
          image: registry.example.com/bastion:2.1
          ports:
            - containerPort: 8080
            - containerPort: 22
`,
        path: '/spec/template/spec/containers/0/ports/1/containerPort',
        line: 17,
      },
      `apiVersion: v1
kind: Pod
metadata:
  name: shell
spec:
  containers:
    - name: sshd
      image: lscr.io/linuxserver/openssh-server:9.7_p1-r4-ls166
`,
      `apiVersion: v1
kind: Pod
metadata:
  name: legacy
spec:
  containers:
    - name: app
      image: registry.example.com/legacy:1.0
      command: ["/usr/sbin/sshd", "-D"]
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: registry.example.com/web:1.0
      ports:
        - containerPort: 8022
        - {containerPort: 22, protocol: UDP}
    - name: client
      image: registry.example.com/ssh-keyscan:1.0
      command: ["ssh", "-V"]
`,
    ],
  },
});
