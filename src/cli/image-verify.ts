import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { renderVerifyJson, renderVerifyText } from '../report/signature-text.js';
import { loadPublicKey, SignatureKeyError, type VerificationKey } from '../sources/image/signature/public-key.js';
import { requireSignedPolicy, type RequireSignedHook } from '../sources/image/signature/require-signed.js';
import { verifyImageSignature } from '../sources/image/signature/verify-image.js';
import { ImageError } from '../sources/image/types.js';
import { writeOut } from './image-scan.js';
import { UsageError, useColor } from './scan.js';
import { packageVersion } from './version.js';

export interface VerifyCommandOptions {
  key?: string;
  insecure?: boolean;
  format?: string;
  output?: string;
}

/** Declared with the other scan options (src/cli/options.ts); re-exported for the signing code's users. */
export { REQUIRE_SIGNED_OPTION } from './options.js';

function readPem(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read the key ${path}: ${(err as Error).message}`);
  }
}

function asUsage<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SignatureKeyError) throw new UsageError(`${path}: ${err.message}`);
    throw err;
  }
}

/** Read and parse a public key file; every problem is a usage error (exit 2). */
export function readKeyFile(path: string): VerificationKey {
  const pem = readPem(path);
  return asUsage(path, () => loadPublicKey(pem));
}

/** `--require-signed KEY` → the policy hook (a key problem is a usage error before any image is read). */
export function requireSignedHook(path: string, opts: { insecure?: boolean } = {}): RequireSignedHook {
  const pem = readPem(path);
  return asUsage(path, () => requireSignedPolicy(pem, opts.insecure ? { insecure: true } : {}));
}

/** `kubeward image verify IMAGE --key cosign.pub`: 0 verified, 1 not signed / bad signature / digest mismatch. */
export async function runImageVerify(ref: string, o: VerifyCommandOptions): Promise<number> {
  const format = (o.format ?? 'table').toLowerCase();
  if (format !== 'table' && format !== 'json') throw new UsageError(`-o must be table or json, got "${o.format}"`);
  if (!o.key) throw new UsageError('image verify needs --key FILE (the cosign public key, e.g. cosign.pub)');
  const key = readKeyFile(o.key);
  let result;
  try {
    result = await verifyImageSignature(ref, { key, ...(o.insecure ? { insecure: true } : {}) });
  } catch (err) {
    if (err instanceof ImageError) throw new UsageError(err.message);
    throw err;
  }
  const text = format === 'json'
    ? renderVerifyJson(result, { name: 'kubeward', version: packageVersion() })
    : renderVerifyText(result, { color: !o.output && useColor(undefined, process.stdout) });
  await writeOut(text, o.output);
  return result.verified ? 0 : 1;
}

/** Adds `verify` to the `image` command group (created here when no other file created it first). */
export function registerImageVerifyCommand(program: Command, setCode: (c: number) => void): void {
  const image = program.commands.find((c) => c.name() === 'image') ?? program.command('image').description('scan container images and write SBOMs');
  image
    .command('verify')
    .description('verify cosign key-based signatures of a registry image (the sha256-<digest>.sig tag)')
    .argument('<image>', 'REGISTRY/REPO[:TAG|@DIGEST]')
    .option('--key <file>', 'PEM public key (cosign.pub): ECDSA P-256, RSA or Ed25519')
    .option('--insecure', 'plain http for a loopback registry (127.0.0.1, ::1, localhost)')
    .option('-o, --format <format>', 'table or json', 'table')
    .option('--output <file>', 'write to a file instead of stdout')
    .addHelpText('after', `
Exit codes: 0 verified, 1 not signed / bad signature / digest mismatch, 2 usage or registry error.

Examples:
  kubeward image verify ghcr.io/team/app:1.2 --key cosign.pub
  kubeward image verify 127.0.0.1:5000/team/app@sha256:... --key cosign.pub --insecure -o json`)
    .action(async (ref: string, opts: VerifyCommandOptions) => setCode(await runImageVerify(ref, opts)));
}
