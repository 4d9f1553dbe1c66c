import type { Command } from 'commander';
import type { Ctx } from './io.js';
import { addOptions } from './options.js';
import { IMAGE_SBOM_OPTIONS, IMAGE_SCAN_OPTIONS, IMAGE_VERIFY_OPTIONS, SBOM_OPTIONS } from './option-sets.js';

const IMAGE_FORMS = `
Images:
  oci-layout:DIR[:TAG]          an OCI image layout directory
  docker-archive:FILE[:REF]     a docker save / skopeo docker-archive tarball
  oci-archive:FILE[:TAG]        a tar of an OCI image layout
  REGISTRY/REPO[:TAG|@DIGEST]   a registry over the OCI distribution API (credentials from ~/.docker/config.json)`;

/** `kubeward image scan | sbom | verify`, `kubeward db import | info`, `kubeward sbom`. */
export function registerImageCommands(program: Command, ctx: Ctx, setCode: (c: number) => void): void {
  const image = program.command('image').description('container images: packages, vulnerabilities, config findings, SBOMs, signatures');
  addOptions(image
    .command('scan')
    .description('an image (OCI layout, docker/oci archive, registry) or an SBOM: packages and image config findings, and vulnerabilities from the advisory database')
    .argument('[image]', 'the image: oci-layout:DIR[:TAG], docker-archive:FILE, oci-archive:FILE, REGISTRY/REPO[:TAG|@DIGEST]'), IMAGE_SCAN_OPTIONS)
    .addHelpText('after', `${IMAGE_FORMS}

Examples:
  kubeward db import test/fixtures/advisories
  kubeward image scan --sbom examples/sbom/alpine-3.9.cdx.json
  kubeward image scan oci-layout:./layout:v1
  kubeward image scan docker-archive:app.tar -o json
  kubeward image scan oci-layout:./layout:v1 -o cyclonedx-vex --output vex.cdx.json
  kubeward image scan 127.0.0.1:5000/team/app:1.2 --insecure-registry 127.0.0.1:5000 --platform linux/arm64
  kubeward image scan --sbom bom.spdx.json -o json --fail-on high`)
    .action(async (ref: string | undefined, _o, cmd: Command) => setCode(await (await import('./image-scan.js')).runImageScan(ref, cmd, ctx)));

  addOptions(image
    .command('sbom')
    .description('write a CycloneDX 1.6 or SPDX 2.3 JSON SBOM of an image')
    .argument('<image>', 'the image (see Images below)'), IMAGE_SBOM_OPTIONS)
    .addHelpText('after', `${IMAGE_FORMS}\n\nSOURCE_DATE_EPOCH sets the document timestamp (reproducible SBOMs).\n\nExamples:\n  kubeward image sbom oci-archive:app.tar -o spdx-json --output app.spdx.json`)
    .action(async (ref: string, _o, cmd: Command) => setCode(await (await import('./image-sbom.js')).runImageSbom(ref, cmd, ctx)));

  addOptions(image
    .command('verify')
    .description('verify cosign key-based signatures of a registry image (the sha256-<digest>.sig tag)')
    .argument('<image>', 'REGISTRY/REPO[:TAG|@DIGEST]'), IMAGE_VERIFY_OPTIONS)
    .addHelpText('after', `
Exit codes: 0 verified, 1 not signed / bad signature / digest mismatch, 2 usage or registry error.

Examples:
  kubeward image verify ghcr.io/team/app:1.2 --key cosign.pub
  kubeward image verify 127.0.0.1:5000/team/app@sha256:... --key cosign.pub --insecure -o json`)
    .action(async (ref: string, _o, cmd: Command) => setCode(await (await import('./image-verify.js')).runImageVerify(ref, cmd, ctx)));

  const db = program.command('db').description('the local advisory database (OSV, Alpine secdb, Debian security tracker)');
  addOptions(db.command('import')
    .description('import advisories from files, directories (recursive) and zip files; re-importing updates in place')
    .argument('<paths...>', 'OSV JSON/YAML, Alpine secdb JSON/YAML, Debian tracker JSON; directories and .zip files of them'), ['db', 'verbose'])
    .addHelpText('after', `
Examples:
  kubeward db import test/fixtures/advisories
  kubeward db import ~/Downloads/npm-osv.zip ~/Downloads/secdb/v3.19 --db ./advisories.sqlite

Exit code: 0 when every file was read, 1 when some files had errors (the rest is imported), 2 on usage errors.`)
    .action(async (paths: string[], _o, cmd: Command) => setCode(await (await import('./db.js')).runDbImport(paths, cmd, ctx)));
  addOptions(db.command('info').description('show what the advisory database holds'), ['db', 'textFormat'])
    .action(async (_o, cmd: Command) => setCode(await (await import('./db.js')).runDbInfo(cmd, ctx)));

  addOptions(program
    .command('sbom')
    .description('one CycloneDX SBOM for the application the manifests describe: workloads, their images and (with --images) the images\' packages and vulnerabilities')
    .argument('[paths...]', 'files, directories, Helm charts, Kustomize dirs, or - for stdin'), SBOM_OPTIONS)
    .addHelpText('after', `
Examples:
  kubeward sbom k8s/                                    # workloads and image references
  kubeward sbom k8s/ --images --output app.cdx.json     # with every image's packages (and vulnerabilities with a database)
  kubeward sbom ./chart -f values-prod.yaml --images --insecure-registry 127.0.0.1:5000`)
    .action(async (paths: string[], _o, cmd: Command) => setCode(await (await import('./sbom.js')).runSbom(paths, cmd, ctx)));
}
