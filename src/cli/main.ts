import { Command, CommanderError } from 'commander';
import { RequestError } from '../engine/errors.js';
import { packageVersion } from '../engine/version.js';
import { contextFor, processIO, UsageError, type CliIO, type Ctx } from './io.js';
import { addOptions } from './options.js';
import { AGENT_OPTIONS, DEPLOY_OPTIONS, DOCKERFILE_OPTIONS, FIX_OPTIONS, NODE_OPTIONS, PATHS_OPTIONS, SCAN_OPTIONS, SERVE_OPTIONS, SNAPSHOT_OPTIONS, TOKEN_CREATE_OPTIONS } from './option-sets.js';
import { registerImageCommands } from './register-image.js';
import { registerNetpol } from './netpol.js';
import { registerRbac } from './rbac.js';
import { registerAudit } from './audit.js';

// Command implementations are imported when their command runs, so `kubeward --version` and a small scan do
// not pay for loading every analysis.
export function buildProgram(ctx: Ctx, setCode: (c: number) => void): Command {
  const program = new Command('kubeward')
    .description('Kubernetes security posture: scan manifests, Helm charts and Kustomize output for misconfigurations')
    .version(packageVersion())
    .exitOverride()
    .configureOutput({ writeOut: (s) => void ctx.io.stdout.write(s), writeErr: (s) => void ctx.io.stderr.write(s) })
    .showHelpAfterError();

  addOptions(program
    .command('scan')
    .description('scan files, directories (recursive), Helm charts, Kustomize dirs, or - for stdin')
    .argument('[paths...]', 'what to scan')
    .action(async (paths: string[], _opts, cmd: Command) => setCode(await (await import('./scan.js')).runScan(paths, cmd, ctx))), SCAN_OPTIONS)
    .addHelpText('after', `
Examples:
  kubeward scan k8s/ other.yaml -
  kubeward scan ./chart -f values-prod.yaml
  kubeward scan ./overlays/prod -o table -o sarif=results.sarif --fail-on high
  helm template my-release ./chart | kubeward scan -
  kubeward scan --cluster --context prod --exclude-namespaces kube-system -o sarif=live.sarif
  kubeward scan --cluster -n payments,web --fail-on high`);

  addOptions(program
    .command('paths')
    .description('attack paths: entry points (internet, any pod, vulnerable images) → workloads → footholds → cluster-admin, nodes, Secrets, data; ranked, with the fix that breaks each and the fixes that remove the most')
    .argument('[paths...]', 'what to read (as scan)')
    .action(async (paths: string[], _opts, cmd: Command) => ctx.out(await (await import('./paths.js')).runPaths(paths, cmd, ctx))), PATHS_OPTIONS)
    .addHelpText('after', `
Examples:
  kubeward paths k8s/
  kubeward paths k8s/ --from internet --to cluster-admin
  kubeward paths k8s/ -o mermaid --limit 5
  kubeward paths --cluster -o html > paths.html
  kubeward paths k8s/ --images --weight impact.data=8`);

  addOptions(program
    .command('snapshot')
    .description('write what a live cluster (--cluster) holds as one kind: List JSON file, to scan later offline')
    .argument('[paths...]', 'files to add to the snapshot (optional)')
    .action(async (paths: string[], _opts, cmd: Command) => setCode(await (await import('./snapshot.js')).runSnapshot(paths, cmd, ctx))), SNAPSHOT_OPTIONS)
    .addHelpText('after', `
Examples:
  kubeward snapshot --cluster -o cluster.json
  kubeward scan cluster.json`);

  addOptions(program
    .command('node')
    .description("CIS sections 1-4 on this node: the kubelet's and control-plane components' flags and configuration, and the mode and owner of their files")
    .argument('[paths...]', 'more files to read with the node (optional)')
    .action(async (paths: string[], _opts, cmd: Command) => setCode(await (await import('./node.js')).runNode(paths, cmd, ctx))), NODE_OPTIONS)
    .addHelpText('after', `
Examples:
  sudo kubeward node
  kubeward node --root /host -o json --fail-on high      # in the DaemonSet of deploy/node-daemonset.yaml
  kubeward node --root /host --framework cis`);

  addOptions(program
    .command('fix')
    .description('rewrite manifests in place with the fix of every fixable check (comments and formatting kept)')
    .argument('[paths...]', 'files and directories to fix')
    .action(async (paths: string[], _opts, cmd: Command) => setCode(await (await import('./fix.js')).runFix(paths, cmd, ctx))), FIX_OPTIONS)
    .addHelpText('after', `
Examples:
  kubeward fix k8s/ --dry-run
  kubeward fix deploy.yaml --checks run-as-non-root,C-0016
  kubeward fix k8s/ --images      # read the images: no runAsNonRoot where the image runs as root (it would not start)`);

  addOptions(program
    .command('dockerfile')
    .description('build-time checks on Dockerfiles')
    .command('scan')
    .description('scan Dockerfiles (files, directories searched for Dockerfiles, or - for stdin)')
    .argument('[paths...]', 'Dockerfiles or directories')
    .action(async (paths: string[], _opts, cmd: Command) => setCode(await (await import('./dockerfile-scan.js')).runDockerfileScan(paths, cmd, ctx))), DOCKERFILE_OPTIONS)
    .addHelpText('after', `
Examples:
  kubeward dockerfile scan Dockerfile
  kubeward dockerfile scan . -o sarif=dockerfile.sarif --fail-on high
  kubeward dockerfile scan Dockerfile --build-arg BASE=node:20@sha256:...`);

  addOptions(program
    .command('checks')
    .description('list every check with id, severity, category and frameworks')
    .action(async (_opts, cmd: Command) => ctx.out((await import('./checks-command.js')).runChecks(cmd, ctx))), ['textFormat']);

  addOptions(program
    .command('frameworks')
    .description('list the compliance frameworks (CIS, NSA, PSS, MITRE, OWASP), or one framework\'s controls with what each needs and which checks judge it')
    .argument('[framework]', 'cis, nsa, pss-baseline, pss-restricted, mitre or owasp')
    .action(async (id: string | undefined, _opts, cmd: Command) => ctx.out((await import('./frameworks-command.js')).runFrameworks(id, cmd, ctx))), ['textFormat']);

  program
    .command('explain')
    .description("show a check's description, remediation, frameworks and examples (by our id or another tool's id)")
    .argument('<check-id>')
    .action(async (id: string) => {
      const text = (await import('./explain.js')).renderExplain(id);
      if (!text) throw new UsageError(`no check "${id}" (see: kubeward checks)`);
      ctx.out(text);
    });
  addOptions(program
    .command('agent')
    .description('in a cluster: scan the live cluster (service account or kubeconfig) and upload the report to a kubeward server, once or every --interval')
    .action(async (_opts, cmd: Command) => setCode(await (await import('./agent.js')).runAgent(cmd, ctx))), AGENT_OPTIONS)
    .addHelpText('after', `
Examples:
  KUBEWARD_TOKEN=kw_... kubeward agent --server http://kubeward.kubeward.svc:8080 --cluster-name prod-eu --once
  kubeward agent --server https://kubeward.example.com --cluster-name staging --interval 6h --kubeconfig ~/.kube/staging`);

  addOptions(program
    .command('deploy')
    .description('deployment files for the kubeward server and agent')
    .command('manifests')
    .description('print the server Deployment, Service, storage, agent CronJob, least-privilege RBAC and NetworkPolicies, hardened (see docs/deploy.md; Helm chart: deploy/helm/kubeward)')
    .action(async (_opts, cmd: Command) => setCode(await (await import('./deploy.js')).runDeployManifests(cmd, ctx))), DEPLOY_OPTIONS)
    .addHelpText('after', `
Examples:
  kubeward deploy manifests > kubeward.yaml
  kubeward deploy manifests --db postgres --image ghcr.io/kubeward/kubeward@sha256:... --cluster-name prod-eu
  kubeward deploy manifests --server-url https://kubeward.example.com --cluster-name edge-1   # agent only`);

  const serve = addOptions(program
    .command('serve')
    .description('the kubeward server: REST API and dashboard over stored scans (SQLite by default, PostgreSQL for many clusters), see docs/server.md')
    .action(async (_opts, cmd: Command) => setCode(await (await import('./serve.js')).runServe(cmd, ctx))), SERVE_OPTIONS)
    .addHelpText('after', `
Examples:
  kubeward serve                                          # SQLite file ./kubeward.db, http://127.0.0.1:8080
  kubeward serve --db postgres://kubeward:PASSWORD@db:5432/kubeward --listen 0.0.0.0:8080
  kubeward serve --tls-cert tls.crt --tls-key tls.key --listen 0.0.0.0:8443
  kubeward serve token create --scope write:scans --cluster prod-eu`);
  addOptions(serve
    .command('token')
    .description('manage API tokens')
    .command('create')
    .description('create an API token and print it once (only its SHA-256 is stored)')
    .action(async (_opts, cmd: Command) => setCode(await (await import('./serve.js')).runTokenCreate(cmd, ctx))), TOKEN_CREATE_OPTIONS)
    .addHelpText('after', `
Examples:
  kubeward serve token create --scope read
  kubeward serve token create --scope write:scans --cluster prod-eu --db postgres://kubeward@db/kubeward`);
  registerNetpol(program, ctx, setCode);
  registerImageCommands(program, ctx, setCode);
  registerRbac(program, ctx, setCode);
  registerAudit(program, ctx, setCode);
  return program;
}

/** Errors that end a command with exit 2 and one line: usage, request, and I/O on the output streams. */
function describeFailure(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Run the CLI with its streams and environment in `io` (the process's by default); resolves to the exit code
 * (0 clean, 1 findings at/above --fail-on or a "no" answer, 2 usage or runtime error). Never throws.
 * Relative paths are relative to the process's working directory.
 */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  let code = 0;
  const ctx = contextFor(io);
  const program = buildProgram(ctx, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof UsageError || err instanceof RequestError) ctx.note(err.message);
    else if ((err as NodeJS.ErrnoException).code === 'EPIPE') return 2;
    else ctx.note(describeFailure(err));
    return 2;
  }
}
