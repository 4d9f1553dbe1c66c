// Package-manager commands in RUN instructions: which packages are installed, pinned or not, and
// whether the same RUN cleans the package cache.
import type { Instruction } from '../../model/dockerfile.js';
import type { Position } from '../../model/position.js';
import { runCommands, type ShellWord } from './dockerfile-shell.js';

export type Manager = 'apt' | 'apk' | 'yum' | 'dnf' | 'microdnf' | 'zypper';

export interface PackageInstall {
  manager: Manager;
  /** The command as the user would recognise it: "apt-get install". */
  command: string;
  packages: ShellWord[];
  /** Options given to the command (`-y`, `--no-cache`, ...). */
  options: string[];
  position: Position;
  /** Position of each package word. */
  positionOf(word: ShellWord): Position;
}

const MANAGERS: Record<string, { manager: Manager; install: RegExp }> = {
  'apt-get': { manager: 'apt', install: /^install$/ },
  apt: { manager: 'apt', install: /^install$/ },
  apk: { manager: 'apk', install: /^add$/ },
  yum: { manager: 'yum', install: /^install$/ },
  dnf: { manager: 'dnf', install: /^install$/ },
  microdnf: { manager: 'microdnf', install: /^install$/ },
  zypper: { manager: 'zypper', install: /^(install|in)$/ },
};

/** Options that take the next word as their value. */
const VALUE_OPTIONS: Record<Manager, Set<string>> = {
  apt: new Set(['-o', '-c', '-t', '--target-release', '--option', '--config-file']),
  apk: new Set(['-t', '--virtual', '-X', '--repository', '--root', '-p', '--arch', '--keys-dir']),
  yum: new Set(['-c', '--config', '--installroot', '--releasever', '--enablerepo', '--disablerepo', '-x', '--exclude', '--setopt']),
  dnf: new Set(['-c', '--config', '--installroot', '--releasever', '--enablerepo', '--disablerepo', '-x', '--exclude', '--setopt', '--repo']),
  microdnf: new Set(['--enablerepo', '--disablerepo', '--releasever', '--installroot', '--setopt']),
  zypper: new Set(['-r', '--repo', '--from']),
};

/** Every package install in a RUN. */
export function packageInstalls(ins: Instruction): PackageInstall[] {
  const out: PackageInstall[] = [];
  for (const { command, position, script } of runCommands(ins)) {
    const m = MANAGERS[command.name];
    if (!m) continue;
    const options: string[] = [];
    const rest: ShellWord[] = [];
    const args = command.args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!.value;
      if (a.startsWith('-')) {
        options.push(a);
        if (VALUE_OPTIONS[m.manager].has(a)) i++;
      } else rest.push(args[i]!);
    }
    if (!rest[0] || !m.install.test(rest[0].value)) continue;
    out.push({
      manager: m.manager,
      command: `${command.name} ${rest[0].value}`,
      packages: rest.slice(1),
      options,
      position,
      positionOf: (w) => script.source.positionAt(w.start),
    });
  }
  return out;
}

/** Every command in a RUN, flattened to `name arg arg…` strings (for cleanup detection). */
export function commandLines(ins: Instruction): string[] {
  return runCommands(ins).map(({ command }) => [command.name, ...command.args.map((a) => a.value)].join(' '));
}

/** `/var/lib/{apt,dpkg}/` → `/var/lib/apt/`, `/var/lib/dpkg/` (shell brace expansion, one level per pass). */
export function expandBraces(word: string): string[] {
  const m = /\{([^{}]*,[^{}]*)\}/.exec(word);
  if (!m) return [word];
  return m[1]!.split(',').flatMap((alt) => expandBraces(word.slice(0, m.index) + alt + word.slice(m.index + m[0].length)));
}

/** Does a RUN remove `dir` (or a directory above it, or everything in one of them)? */
export function removesDirectory(ins: Instruction, dir: string): boolean {
  for (const { command } of runCommands(ins)) {
    if (command.name !== 'rm') continue;
    for (const arg of command.args) {
      if (arg.value.startsWith('-')) continue;
      for (const path of expandBraces(arg.value)) {
        const p = path.replace(/\/\*$/, '').replace(/\/+$/, '');
        if (p !== '' && (p === dir || dir.startsWith(p + '/'))) return true;
      }
    }
  }
  return false;
}

/** RUN --mount=type=cache,target=… directories. */
export function cacheMounts(ins: Instruction): string[] {
  const out: string[] = [];
  for (const f of ins.flags) {
    if (f.name !== 'mount' || !f.value) continue;
    const parts = new Map(f.value.split(',').map((kv) => {
      const eq = kv.indexOf('=');
      return eq < 0 ? [kv, ''] as const : [kv.slice(0, eq), kv.slice(eq + 1)] as const;
    }));
    if (parts.get('type') === 'cache') {
      const target = parts.get('target') ?? parts.get('dst') ?? parts.get('destination');
      if (target) out.push(target.replace(/\/+$/, ''));
    }
  }
  return out;
}
