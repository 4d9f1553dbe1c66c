import type { Command } from 'commander';
import { verifyImage } from '../engine/image-verify.js';
import { packageVersion } from '../engine/version.js';
import { renderVerifyJson, renderVerifyText } from '../report/signature-text.js';
import { useColor, UsageError, type Ctx } from './io.js';
import { IMAGE_VERIFY_OPTIONS } from './option-sets.js';
import { optionValues } from './options.js';
import { writeOut } from './write-outputs.js';

/** `kubeward image verify IMAGE --key cosign.pub`: 0 verified, 1 not signed / bad signature / digest mismatch. */
export async function runImageVerify(ref: string, cmd: Command, ctx: Ctx): Promise<number> {
  const { values: o } = optionValues(cmd, IMAGE_VERIFY_OPTIONS, ctx.io.env);
  if (!o.key) throw new UsageError('image verify needs --key FILE (the cosign public key, e.g. cosign.pub)');
  const result = await verifyImage({ image: ref, keyFile: o.key, insecure: o.insecure, ...(o.insecureRegistry ? { insecureRegistries: o.insecureRegistry } : {}) });
  const text = o.textFormat === 'json'
    ? renderVerifyJson(result, { name: 'kubeward', version: packageVersion() })
    : renderVerifyText(result, { color: !o.outputFile && useColor(undefined, ctx.io) });
  await writeOut(text, o.outputFile, ctx.io.stdout);
  return result.verified ? 0 : 1;
}
