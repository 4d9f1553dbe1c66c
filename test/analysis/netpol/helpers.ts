import { buildCluster, type Cluster } from '../../../src/analysis/netpol/cluster.js';
import { computeMatrix, connections } from '../../../src/analysis/netpol/matrix.js';
import { portsText } from '../../../src/analysis/netpol/ports.js';
import { Inventory } from '../../../src/model/inventory.js';
import { loadText, withIds } from '../../../src/sources/manifests.js';

export function clusterOf(yaml: string): Cluster {
  const { objects } = loadText(yaml, 'scenario.yaml');
  return buildCluster(new Inventory(withIds(objects)));
}

/** The matrix as { "src -> dst": "TCP 80; UDP 53" | "all" }, every listed pair. */
export function matrixOf(yaml: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of connections(computeMatrix(clusterOf(yaml)))) out[`${c.src} -> ${c.dst}`] = portsText(c.allowed);
  return out;
}

/** A Pod manifest: name, namespace, labels, named container ports ("http:8080/TCP"). */
export function pod(name: string, ns: string, labels: Record<string, string>, ports: string[] = [], extra = ''): string {
  const lbl = Object.entries(labels).map(([k, v]) => `${k}: "${v}"`).join(', ');
  const p = ports.map((s) => {
    const [n, rest] = s.split(':');
    const [num, proto] = rest!.split('/');
    return `{name: ${n}, containerPort: ${num}, protocol: ${proto ?? 'TCP'}}`;
  });
  return `apiVersion: v1
kind: Pod
metadata: {name: "${name}", namespace: "${ns}", labels: {${lbl}}}
spec:
${extra}  containers:
    - name: c
      image: registry.example.com/app:1.0
      ports: [${p.join(', ')}]
---
`;
}

export function ns(name: string, labels: Record<string, string> = {}): string {
  const lbl = Object.entries(labels).map(([k, v]) => `${k}: "${v}"`).join(', ');
  return `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}, labels: {${lbl}}}\n---\n`;
}
