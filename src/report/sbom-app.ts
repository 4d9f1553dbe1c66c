import * as CDX from '@cyclonedx/cyclonedx-library';
import type { Distro, Package, VulnMatch } from '../vuln/types.js';
import { addVulnerabilities, type AffectedMatch } from './cyclonedx-vulns.js';
import { component, keyOf, packageComponent } from './sbom-cyclonedx.js';
import { isoSeconds, packageKeys, sortedPackages, stableUuid } from './sbom-input.js';

/** One workload of the application: a Kubernetes object with a pod spec, and the images its containers name. */
export interface AppWorkload {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  file: string;
  /** Canonical image references, each once. */
  images: string[];
}

/** One image of the application: its reference, and what reading it gave (nothing without --images). */
export interface AppImage {
  reference: string;
  read?: {
    manifestDigest?: string;
    configDigest: string;
    platform: string;
    distro?: Distro;
    packages: Package[];
    vulnerabilities?: VulnMatch[];
  };
  /** Why it was not read (with --images). */
  error?: string;
}

export interface AppSbomInput {
  tool: { name: string; version: string };
  /** What the BOM describes (the scanned paths). */
  name: string;
  workloads: AppWorkload[];
  images: AppImage[];
  created: Date;
}

/** "workload:shop/Deployment/web" (cluster-scoped or namespace-less: "workload:Deployment/web"). */
export function workloadRef(w: { namespace?: string; kind: string; name: string }): string {
  return `workload:${w.namespace !== undefined ? `${w.namespace}/` : ''}${w.kind}/${w.name}`;
}

export const imageRef = (reference: string) => `image:${reference}`;

/**
 * One CycloneDX 1.6 BOM for a whole application: metadata.component is the application; each workload is an
 * application component (bom-ref from namespace/kind/name); each image a container component (once, however many
 * workloads use it) with its OS and packages nested in it (bom-refs prefixed by the image, so an image's packages
 * stay distinct from another image's); the dependency graph links application → workloads → images → packages.
 * With vulnerabilities, each is listed once with `affects` on the packages and on every workload running them.
 * Deterministic (sorted lists, serial number from the content, timestamp from SOURCE_DATE_EPOCH).
 */
export function renderAppCycloneDx(input: AppSbomInput): string {
  const bom = new CDX.Models.Bom();
  const root = component(CDX.Enums.ComponentType.Application, input.name, 'application');
  bom.metadata.component = root;
  bom.metadata.timestamp = new Date(isoSeconds(input.created));
  bom.metadata.tools.components.add(new CDX.Models.Component(CDX.Enums.ComponentType.Application, input.tool.name, { version: input.tool.version }));
  const imageComponents = new Map<string, CDX.Models.Component>();
  const affected: AffectedMatch[] = [];
  const workloadsOf = new Map<string, string[]>();
  for (const w of input.workloads) for (const i of w.images) workloadsOf.set(i, [...(workloadsOf.get(i) ?? []), workloadRef(w)]);
  for (const img of input.images) {
    const prefix = imageRef(img.reference);
    const c = component(CDX.Enums.ComponentType.Container, img.reference, prefix, img.read?.manifestDigest ?? img.read?.configDigest);
    if (img.read) {
      c.properties.add(new CDX.Models.Property('kubeward:image:config-digest', img.read.configDigest));
      c.properties.add(new CDX.Models.Property('kubeward:image:platform', img.read.platform));
      const d = img.read.distro;
      if (d) {
        const os = component(CDX.Enums.ComponentType.OperatingSystem, d.id, `${prefix}|os:${d.id}@${d.versionId ?? ''}`, d.versionId);
        if (d.prettyName) os.description = d.prettyName;
        c.components.add(os);
        c.dependencies.add(os.bomRef);
      }
      const packages = sortedPackages(img.read.packages);
      const keys = packageKeys(packages).map((k) => `${prefix}|${k}`);
      packages.forEach((p, i) => {
        const pc = packageComponent(p, keys[i]!);
        c.components.add(pc);
        c.dependencies.add(pc.bomRef);
      });
      for (const m of img.read.vulnerabilities ?? []) affected.push({ match: m, refs: [keyOf(packages, keys, m.package), ...(workloadsOf.get(img.reference) ?? [])] });
    } else if (img.error !== undefined) {
      c.properties.add(new CDX.Models.Property('kubeward:image:not-read', img.error));
    }
    imageComponents.set(img.reference, c);
    bom.components.add(c);
  }
  for (const w of input.workloads) {
    const c = component(CDX.Enums.ComponentType.Application, w.name, workloadRef(w));
    c.group = w.namespace;
    c.properties.add(new CDX.Models.Property('kubeward:k8s:apiVersion', w.apiVersion));
    c.properties.add(new CDX.Models.Property('kubeward:k8s:kind', w.kind));
    if (w.namespace !== undefined) c.properties.add(new CDX.Models.Property('kubeward:k8s:namespace', w.namespace));
    c.properties.add(new CDX.Models.Property('kubeward:k8s:file', w.file));
    for (const i of w.images) {
      const ic = imageComponents.get(i);
      if (ic) c.dependencies.add(ic.bomRef);
    }
    bom.components.add(c);
    root.dependencies.add(c.bomRef);
  }
  if (affected.length) addVulnerabilities(bom, affected, { vex: false });
  const seed = [...input.workloads.map(workloadRef), ...input.images.map((i) => `${i.reference}@${i.read?.manifestDigest ?? i.read?.configDigest ?? ''}`)].sort().join('\n');
  bom.serialNumber = `urn:uuid:${stableUuid(seed)}`;
  const serializer = new CDX.Serialize.JsonSerializer(new CDX.Serialize.JSON.Normalize.Factory(CDX.Spec.Spec1dot6));
  return serializer.serialize(bom, { sortLists: true, space: 2 }) + '\n';
}
