import type { Command } from 'commander';
import { runImageSbom } from './image-sbom.js';
import { addImageOptions, type ImageCommandOptions } from './image-scan.js';

const IMAGE_FORMS = `
Images:
  oci-layout:DIR[:TAG]          an OCI image layout directory
  docker-archive:FILE[:REF]     a docker save / skopeo docker-archive tarball
  oci-archive:FILE[:TAG]        a tar of an OCI image layout
  REGISTRY/REPO[:TAG|@DIGEST]   a registry over the OCI distribution API (credentials from ~/.docker/config.json)`;

/**
 * `kubeward image sbom` (`image scan` is in image.ts). Registered on the `image` command group (created here when no
 * other file created it first), so another `image` subcommand file can add to the same group.
 */
export function registerImageScanCommands(program: Command, setCode: (c: number) => void): void {
  const image = program.commands.find((c) => c.name() === 'image') ?? program.command('image').description('scan container images and write SBOMs');
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
