import { parseImageRef } from './image-ref.js';

/**
 * The registry host and full repository an image reference names, as container runtimes resolve
 * it: the first path component is a registry only when it has a "." or ":" or is "localhost";
 * otherwise the image is on Docker Hub ("nginx" → docker.io/library/nginx).
 */
export function imageRegistry(image: string): { registry: string; repository: string } {
  const repo = parseImageRef(image.trim()).repository;
  const slash = repo.indexOf('/');
  const first = slash < 0 ? '' : repo.slice(0, slash);
  if (first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    const registry = first.toLowerCase() === 'index.docker.io' ? 'docker.io' : first.toLowerCase();
    return { registry, repository: `${registry}${repo.slice(slash)}` };
  }
  return { registry: 'docker.io', repository: `docker.io/${slash < 0 ? `library/${repo}` : repo}` };
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
