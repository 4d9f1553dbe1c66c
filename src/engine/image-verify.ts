import type { ImageSignatureResult } from '../model/image-signature.js';
import { verifyImageSignature } from '../sources/image/signature/verify-image.js';
import { ImageError } from '../sources/image/types.js';
import { RequestError } from './errors.js';
import { imageReadOptions } from './image-scan.js';
import { readKeyFile } from './signatures.js';

/** `image verify`: cosign key-based signatures of a registry image (RequestError when the image cannot be read). */
export async function verifyImage(request: { image: string; keyFile: string; insecure?: boolean; insecureRegistries?: string[] }): Promise<ImageSignatureResult> {
  const key = readKeyFile(request.keyFile);
  const insecure = imageReadOptions(request.image, { ...(request.insecure ? { insecure: true } : {}), ...(request.insecureRegistries ? { insecureRegistries: request.insecureRegistries } : {}) }).insecure === true;
  try {
    return await verifyImageSignature(request.image, { key, ...(insecure ? { insecure: true } : {}) });
  } catch (err) {
    if (err instanceof ImageError) throw new RequestError(err.message);
    throw err;
  }
}
