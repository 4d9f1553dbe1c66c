import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { makeTar, writeLayout } from '../sources/image/build-layout.js';
import { startFakeRegistry, type FakeRegistry } from '../sources/image/fake-registry.js';

let dir: string;
let rootReg: FakeRegistry;
let appReg: FakeRegistry;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubeward-fix-images-'));
  // The umoci-built fixture image: its config sets no User (root). And an image whose config says User 1000.
  rootReg = await startFakeRegistry({ layout: 'test/fixtures/oci/layout', repo: 'team/base' });
  writeLayout(join(dir, 'app-layout'), [{ tar: await makeTar([{ name: 'app/run', content: 'x' }]) }], { config: { User: '1000' } });
  appReg = await startFakeRegistry({ layout: join(dir, 'app-layout'), repo: 'team/app' });
});
after(async () => {
  await rootReg.close();
  await appReg.close();
  await rm(dir, { recursive: true, force: true });
});

const deployment = (name: string, image: string, podSecurity = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:${podSecurity}
      containers:
        - name: main
          image: ${image}
`;

type Doc = { metadata: { name: string }; spec: { template: { spec: { containers: { securityContext?: { runAsNonRoot?: boolean } }[] } } } };
const nonRoot = async (file: string) =>
  Object.fromEntries(parseAllDocuments(await readFile(file, 'utf8')).map((d) => d.toJS() as Doc).map((d) => [d.metadata.name, d.spec.template.spec.containers[0]!.securityContext?.runAsNonRoot ?? null]));

test('fix --images adds no runAsNonRoot to a container whose image runs as root, and says why; with a non-root image or a runAsUser it does', async () => {
  const root = `${rootReg.host}/team/base:v1`;
  const text = [
    deployment('root-image', root),
    deployment('non-root-image', `${appReg.host}/team/app:t`),
    deployment('root-image-uid-set', root, '\n      securityContext: {runAsUser: 1000}'),
  ].join('---\n');
  const file = join(dir, 'apps.yaml');
  await writeFile(file, text);
  const insecure = ['--insecure-registry', rootReg.host, '--insecure-registry', appReg.host];
  const r = await runCli(['fix', file, '--checks', 'run-as-non-root', '--images', ...insecure], { env: { KUBEWARD_DB: join(dir, 'no-db.sqlite') } });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await nonRoot(file), { 'root-image': null, 'non-root-image': true, 'root-image-uid-set': true });
  assert.match(r.stderr, new RegExp(`run-as-non-root: Deployment/?\\S*root-image left as is: container "main" runs image ${root.replace(/[.]/g, '\\.')}, which runs as root \\(the image sets no USER, so it runs as root\\): with runAsNonRoot: true the kubelet would refuse to start it`));

  // Without --images nothing is known of the image: every container gets runAsNonRoot.
  await writeFile(file, text);
  const blind = await runCli(['fix', file, '--checks', 'run-as-non-root']);
  assert.equal(blind.code, 0, blind.stderr);
  assert.deepEqual(await nonRoot(file), { 'root-image': true, 'non-root-image': true, 'root-image-uid-set': true });
});
