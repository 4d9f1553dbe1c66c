import { openDockerArchive } from './docker-archive-source.js';
import { openOciArchive, openOciLayoutDir } from './layout-source.js';
import { detectLocalImage } from './local-image.js';
import { formatImageRef, parseImageRef } from './reference.js';
import { openRegistryImage } from './registry-source.js';
import { TarIndexError } from './tar-index.js';
import { ImageError, type ImageOpenOptions, type ResolvedImage } from './types.js';

/** Resolve an image reference (any source kind) to one manifest with its config and layers. */
export async function openImage(input: string, opts: ImageOpenOptions = {}): Promise<ResolvedImage> {
  // A transport prefix names the kind; a bare local path (`./app.tar`, `layout/`) is recognised by its content.
  const ref = (/^(?:oci-layout|oci|oci-archive|docker-archive|docker):/.test(input) ? undefined : detectLocalImage(input)) ?? parseImageRef(input);
  const name = formatImageRef(ref);
  try {
    switch (ref.kind) {
      case 'oci-layout':
        return await openOciLayoutDir(ref.path, ref.tag, name, opts);
      case 'oci-archive':
        return await openOciArchive(ref.path, ref.tag, name, opts);
      case 'docker-archive':
        return await openDockerArchive(ref.path, ref.tag, name, opts);
      case 'registry':
        return await openRegistryImage(ref, name, opts);
    }
  } catch (err) {
    if (err instanceof TarIndexError) throw new ImageError(`${ref.kind === 'registry' ? name : ref.path}: ${err.message}`);
    if (err instanceof ImageError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT' || e.code === 'EISDIR' || e.code === 'ENOTDIR' || e.code === 'EACCES') throw new ImageError(`${input}: ${e.message}`);
    throw err;
  }
}
