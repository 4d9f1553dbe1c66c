import { spawn } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { main as Main } from '../../src/cli/main.js';

/**
 * The CLI's `main`: from the bundle `npm test` builds (scripts/run-tests.mjs sets KUBEWARD_TEST_CLI; the same
 * code, loaded as a few files instead of hundreds of TypeScript modules), else from src/ through tsx.
 */
const { main } = (process.env.KUBEWARD_TEST_CLI ? await import(process.env.KUBEWARD_TEST_CLI) : await import('../../src/cli/main.js')) as { main: typeof Main };

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENTRY = fileURLToPath(new URL('../../src/cli/entry.ts', import.meta.url));
/** Absolute, so the CLI can run with any working directory. */
const TSX = import.meta.resolve('tsx');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  input?: string;
  env?: NodeJS.ProcessEnv;
  /** runCli: stops a long-running command (`serve`) as SIGTERM would. */
  signal?: AbortSignal;
  /** runCli: sees stderr as it is written (e.g. to wait for a server's "listening" line). */
  onStderr?: (chunk: string) => void;
}

let running = false;

/**
 * Run the CLI in this process: `main(argv, io)` with buffers for stdout/stderr, the input as stdin and the
 * environment (the process's, NO_COLOR set, plus `env`). Relative paths are relative to `cwd` (the process
 * changes directory for the call, so calls run one at a time).
 */
export async function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  if (running) throw new Error('runCli: one in-process CLI call at a time (use runCliProcess for parallel runs)');
  running = true;
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  stderr.setEncoding('utf8').on('data', (d: string) => {
    err += d;
    opts.onStderr?.(d);
  });
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...opts.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const before = process.cwd();
  // Code below the CLI that reads the environment itself (SOURCE_DATE_EPOCH, XDG_CACHE_HOME, DOCKER_CONFIG) sees it too.
  const saved = process.env;
  process.env = env;
  try {
    if (opts.cwd) process.chdir(opts.cwd);
    else process.chdir(REPO_ROOT);
    const code = await main(args, { stdout, stderr, stdin: Readable.from([opts.input ?? '']), env, ...(opts.signal ? { signal: opts.signal } : {}) });
    stdout.end();
    stderr.end();
    await new Promise((r) => setImmediate(r));
    return { code, stdout: out, stderr: err };
  } finally {
    process.chdir(before);
    process.env = saved;
    running = false;
  }
}

/** Run the CLI from source (tsx) as a real subprocess: for the few tests of the process itself (signals, pipes, bin). */
export function runCliProcess(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, ENTRY, ...args], {
      cwd: opts.cwd ?? REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

/** A long-running CLI subprocess (a server): its output so far, a wait for a line, its exit. */
export interface CliProcess {
  child: import('node:child_process').ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when stderr matches `pattern`; rejects when the process exits first or after `timeoutMs`. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after 10 s; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Start the CLI from source as a subprocess that keeps running (e.g. `audit serve`). */
export function startCliProcess(args: string[], opts: CliOptions = {}): CliProcess {
  const child = spawn(process.execPath, ['--import', TSX, ENTRY, ...args], {
    cwd: opts.cwd ?? REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  let done = false;
  void exited.then(() => (done = true));
  process.on('exit', () => done || child.kill('SIGKILL'));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForStderr: async (pattern, timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(err)) {
        if (done) throw new Error(`the process exited before printing ${pattern}:\n${err}`);
        if (Date.now() > deadline) throw new Error(`no ${pattern} on stderr after ${timeoutMs} ms:\n${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: async () => {
      if (!done) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(t);
      }
      return exited;
    },
  };
}
