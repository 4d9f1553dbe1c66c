import { definePssCheck } from '../shared/pss-check.js';
import type { Issue } from '../define.js';
import { asArray, asRecord } from '../../model/object.js';
import { POD, workloadVap } from '../shared/vap.js';

/**
 * Volume sources the restricted level forbids (every source but configMap, csi, downwardAPI, emptyDir,
 * ephemeral, image, persistentVolumeClaim, projected and secret). A volume naming none of them passes,
 * as in Pod Security Admission (the API server defaults it to emptyDir).
 */
const FORBIDDEN = [
  'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'fc', 'flexVolume', 'flocker',
  'gcePersistentDisk', 'gitRepo', 'glusterfs', 'hostPath', 'iscsi', 'nfs', 'photonPersistentDisk',
  'portworxVolume', 'quobyte', 'rbd', 'scaleIO', 'storageos', 'vsphereVolume',
];

export default definePssCheck({
  id: 'restricted-volume-types',
  title: 'Pod uses a volume type the restricted level forbids',
  severity: 'medium',
  category: 'workload',
  description:
    'The restricted level allows only volume types that do not depend on node or storage-network access the pod ' +
    'should not have: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and ' +
    'secret. In-tree network volumes (nfs, iscsi, rbd, cephfs, ...) let the pod mount storage directly with ' +
    'credentials in its spec, gitRepo runs git on the node, and hostPath mounts the node itself.',
  remediation:
    'Use a PersistentVolumeClaim (with a CSI driver) for storage, and configMap, secret, projected or emptyDir ' +
    'volumes for configuration and scratch space.',
  frameworks: {
    nsa: ['pod-security/enforcement'],
    pss: { level: 'restricted', control: 'restrictedVolumes' },
    mitre: ['T1611'],
    owasp: ['K01'],
  },
  aliases: { trivy: ['KSV028'] },
  subject: 'pod',
  pssVersions: [
    { since: 0, change: 'only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes (image was added to the v1.0 rule in Kubernetes 1.33, so it applies at every version); replaces hostPathVolumes at restricted' },
  ],
  evaluate: ({ pod, at }, { full }) => {
    const out: Issue[] = [];
    asArray(pod.spec.volumes).forEach((v, i) => {
      const volume = asRecord(v);
      if (!volume) return;
      const name = typeof volume.name === 'string' ? volume.name : `#${i}`;
      for (const type of FORBIDDEN) {
        if (volume[type] === undefined || volume[type] === null) continue;
        // When both levels are judged at once, host-path-volume reports hostPath.
        if (type === 'hostPath' && !full) continue;
        out.push(at(`volumes/${i}/${type}`, `volume "${name}" is a ${type} volume`, { found: type, expected: 'configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret' }));
      }
    });
    return out;
  },
  vap: workloadVap([{ expression: `!has(${POD}.volumes) || ${POD}.volumes.all(v, ${FORBIDDEN.filter((t) => t !== 'hostPath').map((t) => `!has(v.${t})`).join(' && ')})`, message: 'the pod has a volume of a type the restricted level forbids' }], 'hostPath volumes are host-path-volume\'s policy'),
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata:
  name: reports
spec:
  containers:
    - name: app
      image: registry.example.com/reports:2.0.0
  volumes:
    - name: share
      nfs:
        server: nfs.example.com
        path: /exports/reports
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: reports
spec:
  containers:
    - name: app
      image: registry.example.com/reports:2.0.0
  volumes:
    - name: data
      persistentVolumeClaim:
        claimName: reports
    - name: config
      configMap:
        name: reports
    - name: scratch
      emptyDir: {}
`,
    ],
  },
});
