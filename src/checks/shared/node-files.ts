import type { Issue, ObjectContext } from '../define.js';
import { asArray, asRecord, asString, type K8sObject } from '../../model/object.js';

/**
 * What the CIS Benchmark asks of each file role `kubeward node` reads (src/sources/node/node-files.ts): the most
 * permissive mode (bits outside it must be clear) and the owner, with the control ids.
 */
export interface FileRule {
  /** 0o600 means "600 or more restrictive". */
  maxMode: number;
  owner: 'root' | 'etcd';
  label: string;
  modeControl?: string;
  ownerControl: string;
}

export const CONTROL_PLANE_FILES: Readonly<Record<string, FileRule>> = {
  'apiserver-manifest': { maxMode: 0o600, owner: 'root', label: 'API server pod specification', modeControl: '1.1.1', ownerControl: '1.1.2' },
  'controller-manager-manifest': { maxMode: 0o600, owner: 'root', label: 'controller manager pod specification', modeControl: '1.1.3', ownerControl: '1.1.4' },
  'scheduler-manifest': { maxMode: 0o600, owner: 'root', label: 'scheduler pod specification', modeControl: '1.1.5', ownerControl: '1.1.6' },
  'etcd-manifest': { maxMode: 0o600, owner: 'root', label: 'etcd pod specification', modeControl: '1.1.7', ownerControl: '1.1.8' },
  'etcd-data-dir': { maxMode: 0o700, owner: 'etcd', label: 'etcd data directory', modeControl: '1.1.11', ownerControl: '1.1.12' },
  'admin-kubeconfig': { maxMode: 0o600, owner: 'root', label: 'administrative kubeconfig', modeControl: '1.1.13', ownerControl: '1.1.14' },
  'scheduler-kubeconfig': { maxMode: 0o600, owner: 'root', label: 'scheduler kubeconfig', modeControl: '1.1.15', ownerControl: '1.1.16' },
  'controller-manager-kubeconfig': { maxMode: 0o600, owner: 'root', label: 'controller manager kubeconfig', modeControl: '1.1.17', ownerControl: '1.1.18' },
  pki: { maxMode: 0o7777, owner: 'root', label: 'PKI directory entry', ownerControl: '1.1.19' },
  'pki-cert': { maxMode: 0o600, owner: 'root', label: 'PKI certificate', modeControl: '1.1.20', ownerControl: '1.1.19' },
  'pki-key': { maxMode: 0o600, owner: 'root', label: 'PKI private key', modeControl: '1.1.21', ownerControl: '1.1.19' },
};

export const KUBELET_FILES: Readonly<Record<string, FileRule>> = {
  'kubelet-service': { maxMode: 0o600, owner: 'root', label: 'kubelet service file', modeControl: '4.1.1', ownerControl: '4.1.2' },
  'proxy-kubeconfig': { maxMode: 0o600, owner: 'root', label: 'kube-proxy kubeconfig', modeControl: '4.1.3', ownerControl: '4.1.4' },
  'kubelet-kubeconfig': { maxMode: 0o600, owner: 'root', label: 'kubelet kubeconfig', modeControl: '4.1.5', ownerControl: '4.1.6' },
  'kubelet-ca': { maxMode: 0o600, owner: 'root', label: 'kubelet client CA file', modeControl: '4.1.7', ownerControl: '4.1.8' },
  'kubelet-config': { maxMode: 0o600, owner: 'root', label: 'kubelet configuration file', modeControl: '4.1.9', ownerControl: '4.1.10' },
};

const spec = (ctx: { object: K8sObject }) => asRecord(ctx.object.raw.spec) ?? {};
const rulesOf = (ctx: { object: K8sObject }, table: Readonly<Record<string, FileRule>>) =>
  asArray(spec(ctx).roles).map((r) => String(r)).filter((r) => r in table).map((r) => table[r]!);

/** The CIS controls that judge a file: its roles' mode controls (`mode`) or owner controls. */
export function fileControls(object: K8sObject, table: Readonly<Record<string, FileRule>>, what: 'mode' | 'owner'): string[] {
  return [...new Set(rulesOf({ object }, table).flatMap((r) => (what === 'mode' ? (r.modeControl ? [r.modeControl] : []) : [r.ownerControl])))];
}
const octal = (n: number) => n.toString(8).padStart(3, '0');

/** The file's mode has bits its strictest role does not allow. */
export function modeIssues(ctx: ObjectContext, table: Readonly<Record<string, FileRule>>): Issue[] {
  const rules = rulesOf(ctx, table).filter((r) => r.modeControl);
  const text = asString(spec(ctx).mode);
  if (rules.length === 0 || !text || !/^[0-7]+$/.test(text)) return [];
  const mode = parseInt(text, 8);
  const strictest = rules.reduce((a, b) => (a.maxMode <= b.maxMode ? a : b));
  const extra = mode & ~strictest.maxMode & 0o7777;
  if (extra === 0) return [];
  const cis = rules.filter((r) => (mode & ~r.maxMode & 0o7777) !== 0).map((r) => r.modeControl!);
  return [{ ...ctx.at('spec/mode', `${strictest.label} ${asString(spec(ctx).path)} has mode ${octal(mode & 0o7777)}: more than ${octal(strictest.maxMode)} allows`, { found: octal(mode & 0o7777), expected: `${octal(strictest.maxMode)} or more restrictive` }), cis }];
}

/** The file is not owned by the user and group its roles need (uid/gid 0 for root; the `etcd` user and group by name). */
export function ownerIssues(ctx: ObjectContext, table: Readonly<Record<string, FileRule>>): Issue[] {
  const rules = rulesOf(ctx, table);
  if (rules.length === 0) return [];
  const s = spec(ctx);
  const uid = typeof s.uid === 'number' ? s.uid : undefined;
  const gid = typeof s.gid === 'number' ? s.gid : undefined;
  const owner = rules.some((r) => r.owner === 'etcd') ? 'etcd' : 'root';
  const found = `${asString(s.user) ?? uid}:${asString(s.group) ?? gid} (uid ${uid}, gid ${gid})`;
  const ok = owner === 'root' ? uid === 0 && gid === 0 : asString(s.user) === 'etcd' && asString(s.group) === 'etcd';
  if (ok) return [];
  const label = rules[0]!.label;
  return [{ ...ctx.at(uid !== 0 || owner === 'etcd' ? 'spec/uid' : 'spec/gid', `${label} ${asString(s.path)} is owned by ${found}, not ${owner}:${owner}`, { found, expected: `${owner}:${owner}` }), cis: [...new Set(rules.map((r) => r.ownerControl))] }];
}

/** Example NodeFile objects, as `kubeward node` reads them. */
export function nodeFile(path: string, roles: readonly string[], mode: string, uid = 0, gid = 0, names?: { user: string; group: string }): string {
  return `apiVersion: node.kubeward.io/v1
kind: NodeFile
metadata:
  name: ${path}
spec:
  path: ${path}
  roles: [${roles.join(', ')}]
  type: file
  mode: "${mode}"
  uid: ${uid}
  gid: ${gid}
${names ? `  user: ${names.user}\n  group: ${names.group}\n` : ''}`;
}
