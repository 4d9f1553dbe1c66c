import { resolve } from 'node:path';
import type { Command } from 'commander';
import { imageUses } from '../analysis/image/workload-images.js';
import { analyse } from '../engine/scan.js';
import { renderAppCycloneDx, type AppImage, type AppWorkload } from '../report/sbom-app.js';
import { sbomTimestamp } from '../report/sbom-input.js';
import { readInputs } from '../sources/read-inputs.js';
import { writeOut } from './image-scan.js';
import { addOption } from './add-option.js';
import { attrName, envName, resolveOptions, SCAN_OPTIONS, type OptionDecl } from './options.js';
import { canonical, imageOptionsFrom, scanWorkloadImages } from './scan-images.js';
import { loadConfig, UsageError } from './scan.js';
import { packageVersion } from './version.js';

const SHARED = ['helm.releaseName', 'helm.namespace', 'helm.values', 'helm.set', 'images.enabled', 'images.insecureRegistries', 'images.platform', 'images.db', 'config'];

/** `kubeward sbom` options: the scan's Helm and image options (same flags, env and config keys), and the format. */
export const SBOM_OPTIONS: readonly OptionDecl[] = [
  { key: 'sbom.format', flag: 'format', short: 'o', type: 'string', default: 'cyclonedx-json', noConfig: true, help: 'SBOM format (cyclonedx-json: CycloneDX 1.6)' },
  { key: 'sbom.outputFile', flag: 'output', type: 'string', noConfig: true, help: 'write the SBOM to FILE instead of stdout' },
  ...SHARED.map((k) => SCAN_OPTIONS.find((o) => o.key === k)!),
];

/**
 * `kubeward sbom PATH... [--images]`: one CycloneDX BOM for the application the manifests describe. Each workload
 * is a component; with --images its images are read (as scan --images reads them) with their packages and, when
 * the advisory database is there, vulnerabilities rolled up per workload. Without --images, images are listed by
 * reference only.
 */
export async function runSbom(paths: string[], cmd: Command): Promise<number> {
  if (paths.length === 0) throw new UsageError('sbom needs at least one path (a file, a directory, a Helm chart, a Kustomize dir, or - for stdin)');
  const flags = cmd.opts();
  const explicitConfig = cmd.getOptionValueSource('config') === 'cli' ? (flags.config as string) : process.env.KUBEWARD_CONFIG;
  const { config, dir: configDir } = await loadConfig(explicitConfig, paths[0]);
  const o = resolveOptions(SBOM_OPTIONS, flags, (a) => cmd.getOptionValueSource(a) === 'cli', process.env, config as Record<string, unknown> | undefined);
  const fromConfig = (key: string, p: string) => {
    const decl = SBOM_OPTIONS.find((d) => d.key === key)!;
    const fromFile = cmd.getOptionValueSource(attrName(decl)) !== 'cli' && process.env[envName(decl)] === undefined;
    return fromFile && configDir ? resolve(configDir, p) : p;
  };
  const format = String(o['sbom.format']).toLowerCase();
  if (format !== 'cyclonedx-json') throw new UsageError(`-o must be cyclonedx-json, got "${format}"`);
  const imageOpts = o['images.enabled'] === true ? imageOptionsFrom(o, fromConfig) : undefined;
  const read = await readInputs(paths, {
    helm: {
      releaseName: o['helm.releaseName'] as string,
      ...(o['helm.namespace'] ? { namespace: o['helm.namespace'] as string } : {}),
      ...(o['helm.values'] ? { values: (o['helm.values'] as string[]).map((v) => fromConfig('helm.values', v)) } : {}),
      ...(o['helm.set'] ? { set: o['helm.set'] as string[] } : {}),
    },
  });
  const { inventory } = analyse({ objects: read.loaded.objects, problems: read.loaded.problems, checks: [] });
  const key = (image: string) => {
    const c = canonical(image);
    return 'ref' in c ? c.ref : image;
  };
  const workloads = new Map<number, AppWorkload>();
  const refs: string[] = [];
  for (const u of imageUses(inventory)) {
    let w = workloads.get(u.object.id);
    if (!w) {
      w = { apiVersion: u.object.apiVersion, kind: u.object.kind, name: u.object.name, file: u.object.source.file, images: [], ...(u.object.namespace !== undefined ? { namespace: u.object.namespace } : {}) };
      workloads.set(u.object.id, w);
    }
    const k = key(u.image);
    if (!w.images.includes(k)) w.images.push(k);
    if (!refs.includes(k)) refs.push(k);
  }
  let images: AppImage[] = refs.map((reference) => ({ reference }));
  const warnings = [...read.warnings, ...read.loaded.problems.map((p) => `${p.file}: ${p.message}`)];
  if (imageOpts) {
    const scanned = await scanWorkloadImages(inventory, imageOpts);
    warnings.push(...scanned.warnings);
    images = scanned.images.map((s) => {
      const img: AppImage = { reference: s.reference };
      if (s.error !== undefined) {
        img.error = s.error;
        warnings.push(`image ${s.reference} was not read: ${s.error}`);
      }
      const r = s.result;
      if (r) {
        img.read = { configDigest: r.image.configDigest, platform: r.image.platform, packages: r.packages };
        if (r.image.manifestDigest) img.read.manifestDigest = r.image.manifestDigest;
        if (r.distro) img.read.distro = r.distro;
        if (s.vulnerabilities) img.read.vulnerabilities = s.vulnerabilities;
      }
      return img;
    });
  }
  const name = paths.length === 1 ? paths[0]! : paths.join(' ');
  const text = renderAppCycloneDx({ tool: { name: 'kubeward', version: packageVersion() }, name, workloads: [...workloads.values()], images, created: sbomTimestamp() });
  await writeOut(text, o['sbom.outputFile'] as string | undefined);
  for (const w of warnings) process.stderr.write(`kubeward: warning: ${w}\n`);
  return 0;
}

export function registerSbom(program: Command, setCode: (c: number) => void): void {
  const cmd = program
    .command('sbom')
    .description('one CycloneDX SBOM for the application the manifests describe: workloads, their images and (with --images) the images\' packages and vulnerabilities')
    .argument('[paths...]', 'files, directories, Helm charts, Kustomize dirs, or - for stdin')
    .action(async (paths: string[], _opts, c: Command) => setCode(await runSbom(paths, c)));
  for (const o of SBOM_OPTIONS) addOption(cmd, o);
  cmd.addHelpText('after', `
Examples:
  kubeward sbom k8s/                                    # workloads and image references
  kubeward sbom k8s/ --images --output app.cdx.json     # with every image's packages (and vulnerabilities with a database)
  kubeward sbom ./chart -f values-prod.yaml --images --insecure-registry 127.0.0.1:5000`);
}
