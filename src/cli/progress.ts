import cliProgress from 'cli-progress';

/**
 * A progress bar on stderr that appears only on a TTY and only once the work has taken over a
 * second, so quick scans and piped output stay clean.
 */
export function delayedProgress(enabled: boolean, stream: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr, delayMs = 1000) {
  const started = Date.now();
  let bar: cliProgress.SingleBar | undefined;
  const active = enabled && stream.isTTY === true;
  return {
    update(done: number, total: number): void {
      if (!active) return;
      if (!bar) {
        if (Date.now() - started < delayMs || done >= total) return;
        bar = new cliProgress.SingleBar(
          { stream, format: 'scanning {bar} {value}/{total} files | {eta_formatted} left', hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done);
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop(): void {
      bar?.stop();
    },
  };
}
