import { Command, CommanderError } from 'commander';
import { addOption } from './add-option.js';
import { renderChecks } from './checks-command.js';
import { registerDb } from './db.js';
import { renderExplain } from './explain.js';
import { registerNetpol } from './netpol.js';
import { renderFrameworks } from './frameworks-command.js';
import { registerImage } from './image.js';
import { registerImageScanCommands } from './image-commands.js';
import { registerImageVerifyCommand } from './image-verify.js';
import { DOCKERFILE_OPTIONS, runDockerfileScan } from './dockerfile-scan.js';
import { FIX_OPTIONS, runFix } from './fix.js';
import { SCAN_OPTIONS } from './options.js';
import { registerRbac } from './rbac.js';
import { registerSbom } from './sbom.js';
import { runScan, UsageError } from './scan.js';
import { packageVersion } from './version.js';

export function buildProgram(out: (s: string) => void, setCode: (c: number) => void): Command {
  const program = new Command('kubeward')
    .description('Kubernetes security posture: scan manifests, Helm charts and Kustomize output for misconfigurations')
    .version(packageVersion())
    .exitOverride()
    .showHelpAfterError();

  const scan = program
    .command('scan')
    .description('scan files, directories (recursive), Helm charts, Kustomize dirs, or - for stdin')
    .argument('[paths...]', 'what to scan')
    .action(async (paths: string[], _opts, cmd: Command) => setCode(await runScan(paths, cmd)));
  for (const o of SCAN_OPTIONS) addOption(scan, o);
  scan.addHelpText('after', `
Examples:
  kubeward scan k8s/ other.yaml -
  kubeward scan ./chart -f values-prod.yaml
  kubeward scan ./overlays/prod -o table -o sarif=results.sarif --fail-on high
  helm template my-release ./chart | kubeward scan -`);

  const fix = program
    .command('fix')
    .description('rewrite manifests in place with the fix of every fixable check (comments and formatting kept)')
    .argument('[paths...]', 'files and directories to fix')
    .option('--dry-run', 'print a unified diff instead of writing the files')
    .action(async (paths: string[], _opts, cmd: Command) => setCode(await runFix(paths, cmd)));
  for (const o of FIX_OPTIONS) addOption(fix, o);
  fix.addHelpText('after', `
Examples:
  kubeward fix k8s/ --dry-run
  kubeward fix deploy.yaml --checks run-as-non-root,C-0016`);

  const dockerfileScan = program
    .command('dockerfile')
    .description('build-time checks on Dockerfiles')
    .command('scan')
    .description('scan Dockerfiles (files, directories searched for Dockerfiles, or - for stdin)')
    .argument('[paths...]', 'Dockerfiles or directories')
    .option('--build-arg <NAME=value>', 'a value for an ARG, as docker build --build-arg (repeatable)', (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .action(async (paths: string[], _opts, cmd: Command) => setCode(await runDockerfileScan(paths, cmd)));
  for (const o of DOCKERFILE_OPTIONS) addOption(dockerfileScan, o);
  dockerfileScan.addHelpText('after', `
Examples:
  kubeward dockerfile scan Dockerfile
  kubeward dockerfile scan . -o sarif=dockerfile.sarif --fail-on high
  kubeward dockerfile scan Dockerfile --build-arg BASE=node:20@sha256:...`);

  program
    .command('checks')
    .description('list every check with id, severity, category and frameworks')
    .option('-o, --format <format>', 'table or json', 'table')
    .action((opts: { format: string }) => out(renderChecks(opts.format)));

  program
    .command('frameworks')
    .description('list the compliance frameworks (CIS, NSA, PSS, MITRE, OWASP), or one framework\'s controls with what each needs and which checks judge it')
    .argument('[framework]', 'cis, nsa, pss-baseline, pss-restricted, mitre or owasp')
    .option('-o, --format <format>', 'table or json', 'table')
    .action((id: string | undefined, opts: { format: string }) => {
      const text = renderFrameworks(id, opts.format);
      if (text === undefined) throw new UsageError(`no framework "${id}" (see: kubeward frameworks)`);
      out(text);
    });

  program
    .command('explain')
    .description("show a check's description, remediation, frameworks and examples (by our id or another tool's id)")
    .argument('<check-id>')
    .action((id: string) => {
      const text = renderExplain(id);
      if (!text) throw new UsageError(`no check "${id}" (see: kubeward checks)`);
      out(text);
    });
  registerNetpol(program, setCode);
  registerImage(program, out, setCode);
  registerDb(program, out, setCode);
  registerImageScanCommands(program, setCode);
  registerImageVerifyCommand(program, setCode);

  registerRbac(program, out, setCode);
  registerSbom(program, setCode);
  return program;
}

/** Run the CLI; resolves to the exit code (0 clean, 1 findings at/above --fail-on, 2 usage or runtime error). */
export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((s) => process.stdout.write(s.endsWith('\n') ? s : s + '\n'), (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof UsageError) {
      process.stderr.write(`kubeward: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`kubeward: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
}
