import type { PackageDraft } from './analyzers/types.js';

/** One path of the merged image filesystem (the file index): metadata, plus content only for kept files. */
export interface FileNode {
  path: string;
  type: 'file' | 'directory' | 'symlink' | 'link' | 'other';
  mode: number;
  size: number;
  uid: number;
  gid: number;
  linkname?: string;
  /** Index of the layer that last wrote this path. */
  layer: number;
  /** Kept only for the few small files later stages read (os-release, shadow, passwd). */
  content?: Buffer;
  /** What the analyzers found in this file (dropped with the file when a later layer deletes it). */
  packages?: PackageDraft[];
}

/**
 * Normalise a tar member name to a path relative to the image root, or `null` when it escapes the root
 * (`../` above `/`): such members are refused. A leading `/` or `./` is dropped, as tar does.
 */
export function normalizePath(name: string): string | null {
  const out: string[] = [];
  for (const p of name.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(p);
  }
  return out.join('/');
}

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE = '.wh..wh..opq';

function parentOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i === -1 ? '' : p.slice(0, i);
}

export class SymlinkLoopError extends Error {}

/**
 * The merged view of an image's layers. Layers are applied in order: a layer's whiteouts (`.wh.NAME`) and opaque
 * markers (`.wh..wh..opq`) hide paths of the layers below it, never its own; a non-directory replacing a directory
 * hides the directory's old children.
 */
export class ImageFs {
  readonly nodes = new Map<string, FileNode>();
  /** Every directory that has had something under it (tars need not list parent directories). */
  private readonly dirs = new Set<string>();
  private pending = new Map<string, FileNode>();
  private whiteouts: string[] = [];
  private opaque: string[] = [];
  layer = -1;

  beginLayer(index: number): void {
    this.layer = index;
    this.pending = new Map();
    this.whiteouts = [];
    this.opaque = [];
  }

  /** Record a tar entry (already normalised). Returns true when it was a whiteout marker. */
  add(node: FileNode): boolean {
    const slash = node.path.lastIndexOf('/');
    const base = node.path.slice(slash + 1);
    if (base.startsWith(WHITEOUT_PREFIX)) {
      const dir = parentOf(node.path);
      if (base === OPAQUE) this.opaque.push(dir);
      else this.whiteouts.push(dir ? `${dir}/${base.slice(WHITEOUT_PREFIX.length)}` : base.slice(WHITEOUT_PREFIX.length));
      return true;
    }
    this.pending.set(node.path, node);
    return false;
  }

  /** Number of whiteout markers in the current layer. */
  get layerWhiteouts(): number {
    return this.whiteouts.length + this.opaque.length;
  }

  /** The layer was read fully: apply its whiteouts to the layers below, then its entries. */
  commitLayer(): void {
    // Paths deleted with everything under them; opaque dirs keep themselves but lose their children.
    const gone = new Set(this.whiteouts);
    const emptied = new Set(this.opaque);
    for (const [p, n] of this.pending) if (n.type !== 'directory' && this.dirs.has(p)) emptied.add(p);
    if (gone.size || emptied.size) {
      for (const key of [...this.nodes.keys()]) {
        if (gone.has(key)) {
          this.nodes.delete(key);
          continue;
        }
        for (let a = parentOf(key); ; a = parentOf(a)) {
          if (emptied.has(a) || (a !== '' && gone.has(a))) {
            this.nodes.delete(key);
            break;
          }
          if (a === '') break;
        }
      }
    }
    for (const [p, n] of this.pending) {
      const lower = this.nodes.get(p);
      // A directory entry over a directory keeps the lower one's analyzer-free metadata fresh.
      if (n.type === 'directory' && lower?.type === 'directory') lower.mode = n.mode;
      else this.nodes.set(p, n);
      for (let a = parentOf(p); a !== '' && !this.dirs.has(a); a = parentOf(a)) this.dirs.add(a);
    }
    this.pending = new Map();
  }

  /** The layer failed: drop what it had staged. */
  abortLayer(): void {
    this.pending = new Map();
    this.whiteouts = [];
    this.opaque = [];
  }

  /** The node at `path`, following symlinks (absolute ones stay inside the image root) and hard links. */
  resolve(path: string): FileNode | undefined {
    let parts = path.split('/');
    let done: string[] = [];
    let hops = 0;
    while (parts.length) {
      const p = parts.shift()!;
      if (p === '' || p === '.') continue;
      if (p === '..') {
        done.pop();
        continue;
      }
      done.push(p);
      const n = this.nodes.get(done.join('/'));
      if (!n) {
        // A directory the tar never listed (only files under it): go on; a missing last part is not there.
        if (parts.length === 0) return undefined;
        continue;
      }
      if (n.type === 'symlink' || (n.type === 'link' && parts.length === 0)) {
        if (++hops > 40) throw new SymlinkLoopError(`too many levels of symbolic links resolving /${path}`);
        const target = n.linkname ?? '';
        if (n.type === 'link' || target.startsWith('/')) done = [];
        else done.pop();
        parts = [...target.split('/'), ...parts];
      }
    }
    return this.nodes.get(done.join('/'));
  }
}
