import type { Command } from 'commander';
import { imageReadOptions } from '../engine/image-scan.js';
import { readKeyFile } from '../engine/signatures.js';
import { packageVersion } from '../engine/version.js';
import { RequestError } from '../engine/errors.js';
import { renderVerifyJson, renderVerifyText } from '../report/signature-text.js';
import { verifyImageSignature } from '../sources/image/signature/verify-image.js';
import { ImageError } from '../sources/image/types.js';
import { useColor, UsageError, type Ctx } from './io.js';
import { IMAGE_VERIFY_OPTIONS } from './option-sets.js';
import { optionValues } from './options.js';
import { writeOut } from './write-outputs.js';

/** `kubeward image verify IMAGE --key cosign.pub`: 0 verified, 1 not signed / bad signature / digest mismatch. */
export async function runImageVerify(ref: string, cmd: Command, ctx: Ctx): Promise<number> {
  const { values: o } = optionValues(cmd, IMAGE_VERIFY_OPTIONS, ctx.io.env);
  if (!o.key) throw new UsageError('image verify needs --key FILE (the cosign public key, e.g. cosign.pub)');
  const key = readKeyFile(o.key);
  const insecure = imageReadOptions(ref, { insecure: o.insecure, ...(o.insecureRegistry ? { insecureRegistries: o.insecureRegistry } : {}) }).insecure === true;
  let result;
  try {
    result = await verifyImageSignature(ref, { key, ...(insecure ? { insecure: true } : {}) });
  } catch (err) {
    if (err instanceof ImageError) throw new RequestError(err.message);
    throw err;
  }
  const text = o.textFormat === 'json'
    ? renderVerifyJson(result, { name: 'kubeward', version: packageVersion() })
    : renderVerifyText(result, { color: !o.outputFile && useColor(undefined, ctx.io) });
  await writeOut(text, o.outputFile, ctx.io.stdout);
  return result.verified ? 0 : 1;
}
