import { execFile } from 'node:child_process';

export interface ToolRun {
  ok: boolean;
  stdout: Buffer;
  stderr: string;
  /** Why it failed, in one line: exit code, signal, timeout, output too large, cannot start. */
  failure?: string;
}

export interface RunToolOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
  maxBuffer?: number;
}

/** Run a renderer (helm, kustomize, kubectl) without a shell. Never throws: failures are in the result. */
export function runTool(command: string, args: string[], opts: RunToolOptions): Promise<ToolRun> {
  const timeout = opts.timeoutMs ?? 120_000;
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { env: opts.env, cwd: opts.cwd, timeout, maxBuffer: opts.maxBuffer ?? 512 * 1024 * 1024, encoding: 'buffer', windowsHide: true },
      (err, stdout, stderr) => {
        const errText = Buffer.isBuffer(stderr) ? stderr.toString('utf8') : String(stderr ?? '');
        const out = Buffer.isBuffer(stdout) ? stdout : Buffer.alloc(0);
        if (!err) return resolve({ ok: true, stdout: out, stderr: errText });
        const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: string | number | null };
        let failure: string;
        if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') failure = 'output too large';
        else if (e.killed && e.signal) failure = `timed out after ${Math.round(timeout / 1000)} s`;
        else if (typeof e.code === 'number') failure = `exit code ${e.code}`;
        else if (e.signal) failure = `killed by ${e.signal}`;
        else failure = e.message.split('\n')[0] ?? 'failed';
        resolve({ ok: false, stdout: out, stderr: errText, failure });
      },
    );
  });
}

/** The first few non-empty lines of a tool's stderr, joined for a one-line message. */
export function firstLines(stderr: string, max = 5): string {
  return stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .slice(0, max)
    .join(' | ');
}
