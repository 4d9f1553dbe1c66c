import { lstat, readlink } from 'node:fs/promises';
import { posix } from 'node:path';
import type { Stats } from 'node:fs';

/**
 * Paths of the node read through `--root` (the host's `/` mounted at `/host` in the DaemonSet): a host path
 * such as `/etc/kubernetes/admin.conf` is read at `<root>/etc/kubernetes/admin.conf`, and a symbolic link is
 * followed inside the root (an absolute target is the host's path, not the scanner's).
 */
export class HostFs {
  constructor(readonly root: string) {}

  /** Where a host path is on this machine. */
  local(hostPath: string): string {
    const clean = posix.normalize('/' + hostPath);
    return this.root === '/' ? clean : posix.join(this.root, clean);
  }

  /**
   * `lstat` of a host path, following symbolic links inside the root (at most 8). Undefined when nothing is
   * there; throws for other errors (permission denied).
   */
  async stat(hostPath: string): Promise<{ stats: Stats; hostPath: string } | undefined> {
    let current = posix.normalize('/' + hostPath);
    for (let hops = 0; hops < 8; hops++) {
      let stats: Stats;
      try {
        stats = await lstat(this.local(current));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
        throw e;
      }
      if (!stats.isSymbolicLink()) return { stats, hostPath: current };
      const target = await readlink(this.local(current));
      current = posix.normalize(target.startsWith('/') ? target : posix.join(posix.dirname(current), target));
    }
    return undefined;
  }
}
