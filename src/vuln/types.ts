/**
 * The contract between image/SBOM inventory (src/sources/image, src/sources/sbom) and vulnerability
 * matching (src/vuln). Inventory produces `Package`s and a `Distro`; the matcher turns them into
 * `VulnMatch`es against an `AdvisoryStore`. Pure data: no I/O here.
 */

/** Package kinds, named as package-url types (https://github.com/package-url/purl-spec). */
export type PackageType = 'apk' | 'deb' | 'rpm' | 'npm' | 'pypi' | 'golang' | 'maven';

/** One installed package, as read from an image layer, a lockfile or an SBOM. */
export interface Package {
  type: PackageType;
  name: string;
  /** Full version as the package manager states it (dpkg epoch:upstream-revision, apk 1.2.3-r4, rpm [epoch:]version-release). */
  version: string;
  /** Source/origin package when it differs (apk `o:`, dpkg `Source:`, rpm source rpm name): advisories are keyed on it. */
  sourceName?: string;
  /** Source version when the package manager states a different one (dpkg `Source: name (version)`). */
  sourceVersion?: string;
  /** Namespace part of the purl: `alpine`, `debian`, `ubuntu`, `redhat`; a Maven groupId; an npm scope. */
  namespace?: string;
  purl: string;
  licenses?: string[];
  /** Where it was found: the file inside the image (or the SBOM/lockfile path), and the layer digest (diff id). */
  location: { path: string; layer?: string };
}

/** The operating system of an image, from /etc/os-release (or /etc/alpine-release). */
export interface Distro {
  /** os-release ID: `alpine`, `debian`, `ubuntu`, `rhel`, `rocky`, `almalinux`, `centos`, `fedora`, `amzn`, ... */
  id: string;
  /** os-release VERSION_ID: `3.9.2`, `12`, `22.04`. */
  versionId?: string;
  /** VERSION_CODENAME: `bookworm`, `jammy`. */
  codename?: string;
  prettyName?: string;
}

export type VulnSeverity = 'critical' | 'high' | 'medium' | 'low' | 'unknown';

/** A package matched by an advisory. */
export interface VulnMatch {
  /** Advisory id as the source names it (CVE-2019-8457, GHSA-..., GO-2023-...). */
  id: string;
  aliases: string[];
  package: Package;
  severity: VulnSeverity;
  /** The first version that fixes it for this package's release, when one exists. */
  fixedIn?: string;
  summary?: string;
  /** Which database said so: `osv:<ecosystem>`, `alpine-secdb:v3.9/main`, `debian-tracker:bookworm`. */
  source: string;
  /** Advisory web page, when the source gives one. */
  url?: string;
}
