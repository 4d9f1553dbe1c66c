import type { Command } from 'commander';
import { readImage } from '../engine/image-scan.js';
import { packageVersion } from '../engine/version.js';
import { imageSbomInput } from '../report/image-vex.js';
import { renderCycloneDx } from '../report/sbom-cyclonedx.js';
import { renderSpdx } from '../report/sbom-spdx.js';
import type { Ctx } from './io.js';
import { IMAGE_SBOM_OPTIONS } from './option-sets.js';
import { optionValues } from './options.js';
import { checkOutputFile, writeOut } from './write-outputs.js';

/** `kubeward image sbom IMAGE -o cyclonedx-json|spdx-json`. */
export async function runImageSbom(ref: string, cmd: Command, ctx: Ctx): Promise<number> {
  const { values: o } = optionValues(cmd, IMAGE_SBOM_OPTIONS, ctx.io.env);
  checkOutputFile(o.outputFile, [ref.replace(/^(oci-layout|oci|docker-archive|oci-archive):/, '').replace(/:[^/:]*$/, '')]);
  const r = await readImage(ref, {
    ...(o.platform ? { platform: o.platform } : {}),
    ...(o.insecure ? { insecure: true } : {}),
    ...(o.insecureRegistry ? { insecureRegistries: o.insecureRegistry } : {}),
    ...(o.maxFileSize ? { maxFileSize: o.maxFileSize } : {}),
      ...(o.maxLayerSize ? { maxLayerSize: o.maxLayerSize } : {}),
  });
  const input = imageSbomInput(r, packageVersion());
  await writeOut(o.imageSbomFormat === 'spdx-json' ? renderSpdx(input) : renderCycloneDx(input), o.outputFile, ctx.io.stdout);
  for (const p of r.problems) ctx.note(`${p.scope}${p.path ? ` ${p.path}` : ''}: ${p.message}`);
  return 0;
}
