import type { Command } from 'commander';
import { runImageSbom } from './image-sbom.js';
import { addImageOptions, runImageScan, type ImageCommandOptions } from './image-scan.js';

const IMAGE_FORMS = `
Images:
  oci-layout:DIR[:TAG]          an OCI image layout directory
  docker-archive:FILE[:REF]     a docker save / skopeo docker-archive tarball
  oci-archive:FILE[:TAG]        a tar of an OCI image layout
  REGISTRY/REPO[:TAG|@DIGEST]   a registry over the OCI distribution API (credentials from ~/.docker/config.json)`;

/**
 * `kubeward image scan` and `kubeward image sbom`. Registered on the `image` command group (created here when no
 * other file created it first), so another `image` subcommand file can add to the same group.
 */
export function registerImageScanCommands(program: Command, setCode: (c: number) => void): void {
  const image = program.commands.find((c) => c.name() === 'image') ?? program.command('image').description('scan container images and write SBOMs');
  addImageOptions(
    image
      .command('scan')
      .description('read an image: metadata, OS, packages, and image config findings')
      .argument('<image>', 'the image (see Images below)')
      .option('-o, --format <format>', 'table or json', 'table')
      .option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity'),
  )
    .addHelpText('after', `${IMAGE_FORMS}\n\nExamples:\n  kubeward image scan oci-layout:./layout:v1\n  kubeward image scan docker-archive:app.tar -o json\n  kubeward image scan 127.0.0.1:5000/team/app:1.2 --insecure --platform linux/arm64`)
    .action(async (ref: string, opts: ImageCommandOptions) => setCode(await runImageScan(ref, opts)));
  addImageOptions(
    image
      .command('sbom')
      .description('write a CycloneDX 1.6 or SPDX 2.3 JSON SBOM of an image')
      .argument('<image>', 'the image (see Images below)')
      .option('-o, --format <format>', 'cyclonedx-json or spdx-json', 'cyclonedx-json'),
  )
    .addHelpText('after', `${IMAGE_FORMS}\n\nSOURCE_DATE_EPOCH sets the document timestamp (reproducible SBOMs).\n\nExamples:\n  kubeward image sbom oci-archive:app.tar -o spdx-json --output app.spdx.json`)
    .action(async (ref: string, opts: ImageCommandOptions) => setCode(await runImageSbom(ref, opts)));
}
