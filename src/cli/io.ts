import { redact } from '../engine/redact.js';

/** Where a command reads and writes: the process's streams in production, buffers in tests (main(argv, io)). */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  /** Stops a long-running command (`serve`) as SIGINT or SIGTERM would: for tests running the CLI in-process. */
  signal?: AbortSignal;
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

/** A command line that cannot be carried out as written (exit 2, one line on stderr). */
export class UsageError extends Error {}

/** What every command gets: its streams and the ways to say things. */
export interface Ctx {
  io: CliIO;
  /** A line (or block) of the command's answer on stdout. */
  out(text: string): void;
  /** `kubeward: warning: …` on stderr. */
  warn(text: string): void;
  /** `kubeward: …` on stderr. */
  note(text: string): void;
}

export function contextFor(io: CliIO): Ctx {
  return {
    io,
    out: (s) => void io.stdout.write(s.endsWith('\n') ? s : s + '\n'),
    // Every message on stderr goes through the one redaction: no credential reaches a terminal or a CI log.
    warn: (s) => void io.stderr.write(`kubeward: warning: ${redact(s)}\n`),
    note: (s) => void io.stderr.write(`kubeward: ${redact(s)}\n`),
  };
}

/** Colour on stdout: off with --no-color or NO_COLOR, forced by FORCE_COLOR, else only on a terminal. */
export function useColor(flag: boolean | undefined, io: CliIO): boolean {
  if (flag === false || io.env.NO_COLOR !== undefined) return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true;
}
