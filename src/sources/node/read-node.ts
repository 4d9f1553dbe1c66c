import { readdir, readFile, stat } from 'node:fs/promises';
import { posix } from 'node:path';
import { componentsOf, type Component, type ComponentName } from '../../model/components.js';
import { Inventory } from '../../model/inventory.js';
import { asRecord, asString, type K8sObject } from '../../model/object.js';
import type { LoadProblem } from '../../model/problem.js';
import { describeFsError, fsProblem } from '../fs-error.js';
import { loadText, withIds } from '../manifests.js';
import { HostFs } from './host-path.js';
import { listTree, statNodeFiles, type FileRole } from './node-files.js';
import { readProcesses } from './processes.js';

export interface NodeRead {
  objects: Omit<K8sObject, 'id'>[];
  problems: LoadProblem[];
  warnings: string[];
  /** Configuration files and manifests read. */
  files: number;
  /** Why nothing could be judged: no kubelet or control-plane component was found (undefined when one was). */
  nothingFound?: string;
}

/** Raised when `--root` is not a directory: nothing of the node can be read. */
export class NodeRootError extends Error {}

const MANIFESTS_DIR = '/etc/kubernetes/manifests';
/**
 * Where distributions keep what CIS judges, when no running component names it by a flag (kubeadm first; then
 * the layouts of GKE, EKS, RKE2/k3s, MicroK8s and kubeadm's older releases). Each path that exists is read.
 */
const KUBELET_CONFIGS = [
  '/var/lib/kubelet/config.yaml', '/var/lib/kubelet/config.yml', '/etc/kubernetes/kubelet-config.yaml', '/etc/kubernetes/kubelet/kubelet-config.json',
  '/etc/kubernetes/kubelet/config.json', '/home/kubernetes/kubelet-config.yaml', '/etc/kubernetes/kubelet.yaml', '/var/lib/kubelet/config.json',
];
const KUBELET_SERVICES = [
  '/etc/systemd/system/kubelet.service.d/10-kubeadm.conf', '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf',
  '/etc/systemd/system/kubelet.service', '/lib/systemd/system/kubelet.service', '/usr/lib/systemd/system/kubelet.service',
  '/etc/systemd/system/snap.kubelet.daemon.service', '/etc/systemd/system/snap.microk8s.daemon-kubelet.service',
];
const KUBELET_KUBECONFIGS = [
  '/etc/kubernetes/kubelet.conf', '/var/lib/kubelet/kubeconfig', '/etc/kubernetes/kubelet-kubeconfig', '/etc/kubernetes/kubelet/kubeconfig',
  '/var/lib/rancher/rke2/agent/kubelet.kubeconfig', '/var/lib/rancher/k3s/agent/kubelet.kubeconfig',
];
const PROXY_KUBECONFIGS = [
  '/var/lib/kube-proxy/kubeconfig.conf', '/etc/kubernetes/proxy.conf', '/var/lib/rancher/rke2/agent/kubeproxy.kubeconfig', '/var/lib/rancher/k3s/agent/kubeproxy.kubeconfig',
];
const CLIENT_CAS = ['/etc/kubernetes/pki/ca.crt', '/etc/kubernetes/certs/ca.crt', '/var/lib/rancher/rke2/agent/client-ca.crt', '/var/lib/rancher/k3s/agent/client-ca.crt'];
const ETCD_DATA_DIRS = ['/var/lib/etcd', '/var/lib/etcd/default.etcd', '/var/lib/rancher/k3s/server/db/etcd'];
const MANIFEST_ROLES: [RegExp, string][] = [
  [/kube-apiserver/, 'apiserver-manifest'],
  [/kube-controller-manager/, 'controller-manager-manifest'],
  [/kube-scheduler/, 'scheduler-manifest'],
  [/etcd/, 'etcd-manifest'],
];

/**
 * Read a node through `root` (the host's `/`): the control-plane and kubelet processes' command lines, the static
 * pod manifests of /etc/kubernetes/manifests (kept for components with no running process, so one component is
 * judged once, from what runs when it runs), the kubelet's configuration file, the API server's
 * EncryptionConfiguration, and the mode and owner of the files the CIS Benchmark lists (sections 1.1 and 4.1).
 */
export async function readNode(root: string): Promise<NodeRead> {
  try {
    if (!(await stat(root)).isDirectory()) throw new NodeRootError(`--root ${root} is not a directory`);
  } catch (e) {
    if (e instanceof NodeRootError) throw e;
    throw new NodeRootError(`--root ${root}: ${describeFsError(e)}`);
  }
  const fs = new HostFs(root);
  const warnings: string[] = [];
  const problems: LoadProblem[] = [];
  let files = 0;
  const readObjects = async (hostPath: string, what: string): Promise<Omit<K8sObject, 'id'>[]> => {
    let text: string;
    try {
      text = await readFile(fs.local(hostPath), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') warnings.push(`${what} ${hostPath} not found under ${root}`);
      else problems.push(fsProblem(hostPath, e, `cannot read ${what}: `));
      return [];
    }
    files++;
    const loaded = loadText(text, hostPath, hostPath.endsWith('.json') ? { json: true } : {});
    problems.push(...loaded.problems);
    return loaded.objects;
  };

  const processes = await readProcesses(fs, warnings);
  const running = componentsOf(new Inventory(withIds(processes)));

  // The kubelet's configuration first: it names the static pod directory.
  const extra: Omit<K8sObject, 'id'>[] = [];
  const kubeletProcess = running.find((c) => c.name === 'kubelet');
  let kubeletConfigPath = kubeletProcess?.flags.last('config')?.value;
  if (!kubeletProcess) {
    for (const p of KUBELET_CONFIGS) if (await fs.stat(p)) { kubeletConfigPath = p; break; }
  }
  let kubeletConfig: Omit<K8sObject, 'id'> | undefined;
  if (kubeletConfigPath) {
    const got = await readObjects(kubeletConfigPath, 'kubelet configuration');
    kubeletConfig = got.find((o) => o.kind === 'KubeletConfiguration');
    extra.push(...got);
  }
  const manifestsDir = kubeletProcess?.flags.last('pod-manifest-path')?.value ?? asString(kubeletConfig?.raw.staticPodPath) ?? MANIFESTS_DIR;

  let manifestNames: string[] = [];
  try {
    manifestNames = (await readdir(fs.local(manifestsDir))).filter((n) => /\.(ya?ml|json)$/.test(n)).sort();
  } catch {
    // Not a control-plane node (or no static pods).
  }
  const manifests: Omit<K8sObject, 'id'>[] = [];
  for (const n of manifestNames) manifests.push(...(await readObjects(posix.join(manifestsDir, n), 'static pod manifest')));
  const manifestInv = new Inventory(withIds(manifests));
  const runningNames = new Set(running.map((c) => c.name));
  const shadowed = new Set(componentsOf(manifestInv).filter((c) => runningNames.has(c.name)).map((c) => manifestInv.objects.indexOf(c.object)));
  const kept = manifests.filter((_, i) => !shadowed.has(i));

  // Each component's flags: from its process when it runs, else from its static pod.
  const all = componentsOf(new Inventory(withIds([...processes, ...kept])));
  const comp = (name: ComponentName): Component | undefined => all.find((c) => c.name === name);
  const flag = (name: ComponentName, f: string) => comp(name)?.flags.last(f)?.value;

  const encryption = flag('kube-apiserver', 'encryption-provider-config');
  if (encryption) extra.push(...(await readObjects(encryption, 'encryption provider configuration')));

  // The files CIS 1.1 and 4.1 judge by mode and owner.
  const wanted: FileRole[] = [];
  for (const n of manifestNames) {
    const role = MANIFEST_ROLES.find(([re]) => re.test(n))?.[1];
    if (role) wanted.push({ path: posix.join(manifestsDir, n), roles: [role] });
  }
  const dataDir = flag('etcd', 'data-dir');
  for (const p of dataDir ? [dataDir] : ETCD_DATA_DIRS) wanted.push({ path: p, roles: ['etcd-data-dir'] });
  wanted.push({ path: '/etc/kubernetes/admin.conf', roles: ['admin-kubeconfig'] }, { path: '/etc/kubernetes/super-admin.conf', roles: ['admin-kubeconfig'] });
  wanted.push({ path: flag('kube-scheduler', 'kubeconfig') ?? '/etc/kubernetes/scheduler.conf', roles: ['scheduler-kubeconfig'] });
  wanted.push({ path: flag('kube-controller-manager', 'kubeconfig') ?? '/etc/kubernetes/controller-manager.conf', roles: ['controller-manager-kubeconfig'] });
  // The PKI directory is judged as the control plane's (a worker keeps only the cluster CA there, judged as the kubelet's).
  if (all.some((c) => c.name !== 'kubelet') || manifestNames.length > 0) {
    wanted.push({ path: '/etc/kubernetes/pki', roles: ['pki'] });
    for (const p of await listTree(fs, '/etc/kubernetes/pki')) {
      wanted.push({ path: p, roles: p.endsWith('.crt') ? ['pki', 'pki-cert'] : p.endsWith('.key') ? ['pki', 'pki-key'] : ['pki'] });
    }
  }
  for (const p of KUBELET_SERVICES) wanted.push({ path: p, roles: ['kubelet-service'] });
  for (const p of PROXY_KUBECONFIGS) wanted.push({ path: p, roles: ['proxy-kubeconfig'] });
  const kubeconfig = flag('kubelet', 'kubeconfig');
  for (const p of kubeconfig ? [kubeconfig] : KUBELET_KUBECONFIGS) wanted.push({ path: p, roles: ['kubelet-kubeconfig'] });
  const x509 = asRecord(asRecord(asRecord(kubeletConfig?.raw)?.authentication)?.x509);
  const ca = flag('kubelet', 'client-ca-file') ?? asString(x509?.clientCAFile);
  for (const p of ca ? [ca] : CLIENT_CAS) wanted.push({ path: p, roles: ['kubelet-ca'] });
  if (kubeletConfigPath) wanted.push({ path: kubeletConfigPath, roles: ['kubelet-config'] });
  const nodeFiles = await statNodeFiles(fs, wanted, warnings);

  const nothingFound = processes.length === 0 && kept.length === 0 && !kubeletConfig
    ? `no kubelet or control-plane component found under ${root} (no process in ${fs.local('/proc')}, no static pod in ${fs.local(manifestsDir)}, no kubelet configuration file)`
    : undefined;
  if (nothingFound) warnings.push(nothingFound);
  return { objects: [...processes, ...kept, ...extra, ...nodeFiles], problems, warnings, files, ...(nothingFound ? { nothingFound } : {}) };
}
