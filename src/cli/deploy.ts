import type { Command } from 'commander';
import { stringify } from 'yaml';
import { defaultImage, deployManifests } from '../engine/deploy-manifests.js';
import type { Ctx } from './io.js';
import { DEPLOY_OPTIONS } from './option-sets.js';
import { optionValues } from './options.js';
import { checkOutputFile, writeOut } from './write-outputs.js';

const HEADER = `# kubeward server and agent (kubeward deploy manifests). Before applying:
#   kubectl create namespace NAMESPACE   (or apply this file twice: the Namespace comes first)
#   kubectl -n NAMESPACE create secret generic kubeward-agent-token --from-literal=token=kw_...   # a write:scans token
#   (--db postgres) kubectl -n NAMESPACE create secret generic kubeward-db --from-literal=url=postgres://...
# The server prints its first admin token once in its log: kubectl -n NAMESPACE logs deploy/kubeward
`;

/** `kubeward deploy manifests`: flags → the objects → one multi-document YAML on stdout or --output. */
export async function runDeployManifests(cmd: Command, ctx: Ctx): Promise<number> {
  const { values: o } = optionValues(cmd, DEPLOY_OPTIONS, ctx.io.env);
  checkOutputFile(o.outputFile, []);
  const objects = deployManifests({
    namespace: o.deployNamespace,
    image: o.deployImage ?? defaultImage(),
    db: o.deployDb as 'sqlite' | 'postgres',
    schedule: o.deploySchedule,
    clusterName: o.clusterName ?? 'default',
    ...(o.serverUrl ? { serverUrl: o.serverUrl } : {}),
  });
  const text = HEADER.replaceAll('NAMESPACE', o.deployNamespace) + objects.map((x) => '---\n' + stringify(x, { lineWidth: 0 })).join('');
  await writeOut(text, o.outputFile, ctx.io.stdout);
  return 0;
}
