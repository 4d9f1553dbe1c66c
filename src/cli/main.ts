import { Command, CommanderError } from 'commander';
import { addOption } from './add-option.js';
import { renderChecks } from './checks-command.js';
import { renderExplain } from './explain.js';
import { SCAN_OPTIONS } from './options.js';
import { registerRbac } from './rbac.js';
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

  program
    .command('checks')
    .description('list every check with id, severity, category and frameworks')
    .option('-o, --format <format>', 'table or json', 'table')
    .action((opts: { format: string }) => out(renderChecks(opts.format)));

  program
    .command('explain')
    .description("show a check's description, remediation, frameworks and examples (by our id or another tool's id)")
    .argument('<check-id>')
    .action((id: string) => {
      const text = renderExplain(id);
      if (!text) throw new UsageError(`no check "${id}" (see: kubeward checks)`);
      out(text);
    });

  registerRbac(program, out, setCode);
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
