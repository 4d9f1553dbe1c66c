import { scanArgv } from '../../model/secrets/index.js';
import { asArray } from '../../model/object.js';
import { defineCheck, type Issue } from '../define.js';
import { secretIssue } from '../shared/secret-issue.js';

export default defineCheck({
  id: 'secret-in-command',
  title: 'Secret in a container command or arguments',
  severity: 'high',
  category: 'secrets',
  description:
    'A credential passed on the command line (`--password=...`, `-token x`, a URL with a password, a token inside ' +
    '`sh -c` script) is stored in the manifest and the API object, and on the node it is visible to every process in ' +
    '`/proc/<pid>/cmdline` and in `ps` output. `command` and `args` are scanned together, so a flag in `command` and ' +
    'its value in `args` are paired. The value is never reported, only its location and a masked hint.',
  remediation:
    'Pass the credential through a mounted Secret file (or an environment variable from `secretKeyRef` if the program ' +
    'cannot read files) and have the program read it there. Rotate the exposed credential.',
  frameworks: { nsa: ['network/secrets'], mitre: ['T1552.001', 'T1552.007'], owasp: ['K08'] },
  subject: 'container',
  run: ({ container, path }) => {
    const command = asArray(container.container.command);
    const args = asArray(container.container.args);
    const argv = [...command, ...args].map((a) => (typeof a === 'string' ? a : String(a)));
    const out: Issue[] = [];
    for (const { index, hits } of scanArgv(argv)) {
      const rel = index < command.length ? `command/${index}` : `args/${index - command.length}`;
      const where = `${rel.replace('/', '[')}] of ${container.role === 'app' ? '' : container.role + ' '}container "${container.name}"`;
      out.push(secretIssue(path(rel), where, hits, 'a credential read from a mounted Secret file', { known: 'high', generic: 'medium' }));
    }
    return out;
  },
  vap: { unsupported: 'secret detection (known token formats, entropy, key names) has no exact CEL equivalent, and the message would repeat the value' },
  examples: {
    fail: [
      `apiVersion: batch/v1
kind: Job
metadata:
  name: backup
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: dump
          image: postgres:16
          command: [sh, -c]
          args:
            - pg_dump postgres://backup:dVgpFDLIxFoZxx@db.internal:5432/shop > /out/shop.sql
`,
      `apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  containers:
    - name: agent
      image: registry.internal/agent:3.1
      command: [agent, --api-key]
      args: [cRJM5JVVE0Bu27F5, --verbose]
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
      image: registry.internal/agent:3.1
      command: [agent, --api-key-file, /var/run/secrets/agent/key, --password=$(AGENT_PASSWORD)]
      args: [--token, "{{ .Values.token }}"]
`,
    ],
  },
});
