import { mkdir, open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

const EVENTS = /^events-(\d{6})\.jsonl$/;

/**
 * The audit sink's append-only store: JSON lines in `dir/events-NNNNNN.jsonl`, a new file once the current one
 * passes `rotateBytes`, and `dir/alerts.jsonl`. `append` returns once the lines are on disk (fsync), so the sink
 * acknowledges only what a crash cannot take back. Files are never rewritten; a file left with a torn last line by
 * a crash is closed and the next lines go to a new file. `kubeward audit scan DIR` reads the store.
 */
export class AuditStore {
  private current?: { handle: FileHandle; seq: number; size: number };
  private alerts?: FileHandle;
  /** One write at a time, in arrival order. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly dir: string, private readonly rotateBytes: number) {}

  static async open(dir: string, rotateBytes: number): Promise<AuditStore> {
    await mkdir(dir, { recursive: true });
    const store = new AuditStore(dir, rotateBytes);
    const seqs = (await readdir(dir)).map((n) => EVENTS.exec(n)?.[1]).filter((s): s is string => !!s).map(Number).sort((a, b) => a - b);
    const last = seqs.at(-1);
    if (last !== undefined) {
      const file = store.fileOf(last);
      const size = (await stat(file)).size;
      const torn = size > 0 && !(await endsWithNewline(file, size));
      if (!torn && size < rotateBytes) store.current = { handle: await open(file, 'a'), seq: last, size };
      else await store.rotate(last + 1);
    } else await store.rotate(1);
    store.alerts = await open(join(dir, 'alerts.jsonl'), 'a');
    await syncDir(dir);
    return store;
  }

  private fileOf(seq: number): string {
    return join(this.dir, `events-${String(seq).padStart(6, '0')}.jsonl`);
  }

  private async rotate(seq: number): Promise<void> {
    await this.current?.handle.close();
    this.current = { handle: await open(this.fileOf(seq), 'a'), seq, size: 0 };
    await syncDir(this.dir);
  }

  /** Append event lines (each one JSON text without a line break), durably. */
  appendEvents(lines: readonly string[]): Promise<void> {
    return this.serial(async () => {
      if (!lines.length) return;
      if (this.current!.size >= this.rotateBytes) await this.rotate(this.current!.seq + 1);
      const data = Buffer.from(lines.join('\n') + '\n');
      await this.current!.handle.write(data);
      await this.current!.handle.sync();
      this.current!.size += data.length;
    });
  }

  appendAlerts(lines: readonly string[]): Promise<void> {
    return this.serial(async () => {
      if (!lines.length) return;
      await this.alerts!.write(lines.join('\n') + '\n');
      await this.alerts!.sync();
    });
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.current?.handle.close();
    await this.alerts?.close();
  }
}

async function endsWithNewline(file: string, size: number): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const { buffer } = await fh.read(Buffer.alloc(1), 0, 1, size - 1);
    return buffer[0] === 10;
  } finally {
    await fh.close();
  }
}

/** A new file's directory entry is durable only once the directory is synced. */
async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } catch {
    // Some file systems do not sync directories; the file data is synced regardless.
  } finally {
    await fh.close();
  }
}
