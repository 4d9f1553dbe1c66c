/**
 * Where a package's advisories are filed: the OSV ecosystem(s), the name the database keys them on and the
 * version order to compare with. Alpine advisories are keyed by origin package and release branch
 * (`Alpine:v3.9`), Debian's by source package and release (`Debian:bookworm`, `Debian:12`, and the
 * tracker's every-release `Debian:*`). Pure.
 */
import type { Distro, Package } from './types.js';
import type { VersionScheme } from './version/index.js';

export const DEBIAN_CODENAMES: Record<string, string> = {
  '7': 'wheezy',
  '8': 'jessie',
  '9': 'stretch',
  '10': 'buster',
  '11': 'bullseye',
  '12': 'bookworm',
  '13': 'trixie',
  '14': 'forky',
};

export interface Target {
  /** Ecosystems to look in, most specific first. */
  ecosystems: string[];
  name: string;
  /** The version to compare (a Debian source version when the package states one). */
  version: string;
  scheme: VersionScheme;
  /** For `source` in matches: the distro release the lookup was made for (`v3.9`, `bookworm`). */
  release?: string;
}

const RPM_ECOSYSTEMS: Record<string, string> = { rocky: 'Rocky Linux', almalinux: 'AlmaLinux', rhel: 'Red Hat', opensuse: 'openSUSE', 'opensuse-leap': 'openSUSE', sles: 'SUSE' };

const SEPARATOR: Partial<Record<Package['type'], string>> = { npm: '/', golang: '/', maven: ':' };

/**
 * The name advisories are keyed on (`@scope/name`, `golang.org/x/crypto`, `group:artifact`). `Package.name` is
 * that full name; a package whose name is only the last purl segment (`crypto` with namespace `golang.org/x`)
 * gets its namespace joined back. Never truncated, never doubled.
 */
export function ecosystemName(pkg: Package): string {
  const sep = SEPARATOR[pkg.type];
  if (!sep || !pkg.namespace) return pkg.name;
  const ns = pkg.type === 'npm' && !pkg.namespace.startsWith('@') ? `@${pkg.namespace}` : pkg.namespace;
  return pkg.name.startsWith(`${ns}${sep}`) ? pkg.name : `${ns}${sep}${pkg.name}`;
}

/** The lookup target of a package, or why it cannot be matched. */
export function targetFor(pkg: Package, distro: Distro | undefined, debianReleases: Record<string, string> = {}): Target | { skip: string } {
  const name = pkg.sourceName || pkg.name;
  switch (pkg.type) {
    case 'apk': {
      const m = distro?.id === 'alpine' ? /^(\d+)\.(\d+)/.exec(distro.versionId ?? '') : null;
      if (!m) return { skip: 'Alpine package without an Alpine release (os-release VERSION_ID) to match against' };
      const release = `v${m[1]}.${m[2]}`;
      return { ecosystems: [`Alpine:${release}`], name, version: pkg.version, scheme: 'apk', release };
    }
    case 'deb': {
      if (distro?.id !== 'debian') return { skip: distro ? `Debian package on ${distro.id}: only Debian releases are matched` : 'Debian package without a Debian release to match against' };
      const major = /^(\d+)/.exec(distro.versionId ?? '')?.[1];
      const byNumber = { ...DEBIAN_CODENAMES, ...Object.fromEntries(Object.entries(debianReleases).map(([c, n]) => [n, c])) };
      const codename = distro.codename || (major ? byNumber[major] : undefined) || (major ? undefined : 'sid');
      if (!codename) return { skip: `unknown Debian release ${distro.versionId}` };
      const num = major ?? Object.entries(byNumber).find(([, c]) => c === codename)?.[0];
      const ecosystems = [`Debian:${codename}`, ...(num ? [`Debian:${num}`] : []), 'Debian:*'];
      return { ecosystems, name, version: pkg.sourceVersion || pkg.version, scheme: 'dpkg', release: codename };
    }
    case 'rpm': {
      const eco = distro ? RPM_ECOSYSTEMS[distro.id] : undefined;
      const major = /^(\d+)/.exec(distro?.versionId ?? '')?.[1];
      if (!eco) return { skip: distro ? `rpm package on ${distro.id}: no advisory ecosystem known for it` : 'rpm package without a distribution' };
      return { ecosystems: major ? [`${eco}:${major}`, eco] : [eco], name, version: pkg.version, scheme: 'rpm', ...(major ? { release: major } : {}) };
    }
    case 'npm':
      return { ecosystems: ['npm'], name: ecosystemName(pkg), version: pkg.version, scheme: 'semver' };
    case 'pypi':
      return { ecosystems: ['PyPI'], name: pkg.name, version: pkg.version, scheme: 'pep440' };
    case 'golang':
      return { ecosystems: ['Go'], name: ecosystemName(pkg), version: pkg.version, scheme: 'go' };
    case 'maven':
      if (!pkg.namespace && !pkg.name.includes(':')) return { skip: 'Maven package without a groupId' };
      return { ecosystems: ['Maven'], name: ecosystemName(pkg), version: pkg.version, scheme: 'maven' };
  }
  return { skip: `package type ${String((pkg as Package).type)} is not matched` };
}
