import { registryOf, splitImageName } from '../../model/image-name.js';

/** The registry host and full repository ("docker.io/library/nginx") an image reference names, as runtimes resolve it. */
export function imageRegistry(image: string): { registry: string; repository: string } {
  const { registry, path } = registryOf(splitImageName(image.trim()).repository);
  return { registry, repository: `${registry}/${path}` };
}

/**
 * True when an allow-list entry admits the image: an entry without "/" is a registry host
 * ("ghcr.io", "registry.example.com:5000"), an entry with "/" a repository prefix by whole path
 * components ("ghcr.io/acme" admits ghcr.io/acme/app, not ghcr.io/acme-evil/app). Case-insensitive.
 */
export function allowedBy(entry: string, image: { registry: string; repository: string }): boolean {
  const e = entry.trim().toLowerCase().replace(/\/+$/, '');
  if (e === '') return false;
  if (!e.includes('/')) return image.registry === (e === 'index.docker.io' ? 'docker.io' : e);
  const repo = image.repository.toLowerCase();
  return repo === e || repo.startsWith(e + '/');
}
