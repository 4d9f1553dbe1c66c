/**
 * Example manifests for the control-plane checks: a kubeadm-style static pod (as /etc/kubernetes/manifests holds
 * them) running a component with the given flags, and hardened flag sets to start passing examples from.
 */
const quote = (s: string) => (/[:#{}[\],&*!|>'"%@`]|^\s|\s$/.test(s) && !/^--[\w.-]+=[\w./,=-]*$/.test(s) ? JSON.stringify(s) : s);

export function staticPod(component: string, flags: readonly string[], opts: { namespace?: string } = {}): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${component}-cp-1
  namespace: ${opts.namespace ?? 'kube-system'}
  labels:
    component: ${component}
    tier: control-plane
spec:
  hostNetwork: true
  containers:
    - name: ${component}
      image: registry.k8s.io/${component === 'etcd' ? 'etcd:3.5.15-0' : `${component}:v1.31.2`}
      command:
        - ${component}
${flags.map((f) => `        - ${quote(f)}`).join('\n')}
`;
}

/** Flags of a kube-apiserver every API server check passes. */
export const HARDENED_APISERVER: readonly string[] = [
  '--advertise-address=10.0.0.10',
  '--anonymous-auth=false',
  '--authorization-mode=Node,RBAC',
  '--enable-admission-plugins=NodeRestriction',
  '--client-ca-file=/etc/kubernetes/pki/ca.crt',
  '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
  '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
  '--tls-min-version=VersionTLS12',
  '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
  '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
  '--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt',
  '--etcd-servers=https://127.0.0.1:2379',
  '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
  '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
  '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
  '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
  '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key',
  '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
  '--profiling=false',
  '--audit-log-path=/var/log/kubernetes/audit/audit.log',
  '--audit-log-maxage=30',
  '--audit-log-maxbackup=10',
  '--audit-log-maxsize=100',
  '--audit-policy-file=/etc/kubernetes/audit-policy.yaml',
  '--encryption-provider-config=/etc/kubernetes/enc/encryption-config.yaml',
];

export const HARDENED_CONTROLLER_MANAGER: readonly string[] = [
  '--bind-address=127.0.0.1',
  '--kubeconfig=/etc/kubernetes/controller-manager.conf',
  '--profiling=false',
  '--use-service-account-credentials=true',
  '--service-account-private-key-file=/etc/kubernetes/pki/sa.key',
  '--root-ca-file=/etc/kubernetes/pki/ca.crt',
  '--feature-gates=RotateKubeletServerCertificate=true',
];

export const HARDENED_SCHEDULER: readonly string[] = ['--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--profiling=false'];

export const HARDENED_ETCD: readonly string[] = [
  '--data-dir=/var/lib/etcd',
  '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
  '--key-file=/etc/kubernetes/pki/etcd/server.key',
  '--client-cert-auth=true',
  '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
  '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt',
  '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
  '--peer-client-cert-auth=true',
  '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
];

/** `flags` with the flags named by `drop` removed and `add` appended. */
export function withFlags(flags: readonly string[], drop: readonly string[], add: readonly string[] = []): string[] {
  const names = new Set(drop.map((d) => d.replace(/^--/, '').replace(/=.*$/, '')));
  return [...flags.filter((f) => !names.has(f.replace(/^--/, '').replace(/=.*$/, ''))), ...add];
}
