import { CHECKS } from '../checks/index.js';
import { isFixable } from '../checks/define.js';
import { fixFiles, type FileFixResult } from '../fix/fix-files.js';
import { fixRoots, linkCounts, readForFix, writeFixedFile, type FileToFix } from '../fix/fix-io.js';
import { flaggedSecretValues } from '../fix/secret-values.js';
import type { RootImages } from '../fix/fix-guards.js';
import { Inventory } from '../model/inventory.js';
import type { K8sObject } from '../model/object.js';
import { loadText } from '../sources/manifests.js';
import { walkInputs, type InputEntry } from '../sources/walk.js';
import { RequestError } from './errors.js';
import { resolvePolicy, selectRequested } from './policy.js';
import type { ImagesRequest, PolicyRequest } from './request.js';
import { runChecks } from './run-checks.js';
import { prepareWorkloadImages, scanWorkloadImages } from './workload-images.js';

export interface FixRequest extends PolicyRequest {
  /** Files and directories to fix (Helm charts, Kustomize roots and stdin are refused with a note). */
  paths: string[];
  /** Read the workload images' configs (`fix --images`): a container whose image runs as root gets no runAsNonRoot. */
  images?: ImagesRequest;
}

export interface FixPlan {
  /** The files read, in walk order, with what was read (snapshot for the safe write, BOM, why not to write). */
  files: FileToFix[];
  /** Per file: the fixed text and counts per check. */
  results: FileFixResult[];
  /** Inputs skipped and why, problems reading them (shown as they are, after masking `secrets`). */
  notes: string[];
  /** Values the secret checks flag in the inputs: masked in every diff and note. */
  secrets: string[];
  /** Paths that could not be read at all (a command exits 2). */
  unreadable: number;
}

/** Why an input that is not a plain file is not rewritten. */
function notPlain(entry: InputEntry): string | undefined {
  switch (entry.kind) {
    case 'helm': return `${entry.dir}: a Helm chart: its templates are Go templates, not YAML, and rewriting them (or their rendered output) is not safe; set the fields in the chart's templates or values`;
    case 'kustomize': return `${entry.dir}: a Kustomize root: its output merges several files; name the files (or the directory's parent) to fix them as plain manifests`;
    case 'stdin': return '-: stdin cannot be rewritten in place; name the files';
    case 'stream': return `${entry.path}: not a regular file`;
    default: return undefined;
  }
}

/**
 * `fix`: every fixable check's fix over the plain manifest files of a request, computed (nothing written).
 * Comments and formatting are kept; policy (checks, skipChecks, exceptions) decides what is fixed.
 */
export async function planFixes(request: FixRequest): Promise<FixPlan> {
  if (request.paths.length === 0) throw new RequestError('fix needs at least one path (a file or a directory)');
  const fixable = selectRequested(request).filter(isFixable);
  if (fixable.length === 0) throw new RequestError('none of the selected checks has a fix (see: kubeward checks -o json, "fixable")');
  const { exceptions } = resolvePolicy(request);
  const notes: string[] = [];
  const walked = await walkInputs(request.paths);
  notes.push(...walked.errors);
  for (const p of walked.problems) notes.push(`${p.file}: ${p.message}`);
  notes.push(...walked.warnings);
  const roots = fixRoots(request.paths);
  const counts = linkCounts(walked.entries.flatMap((e) => (e.kind === 'file' ? [e.path] : [])));
  const files: FileToFix[] = [];
  for (const entry of walked.entries) {
    const why = notPlain(entry);
    if (why) notes.push(`skipped ${why}`);
    else if (entry.kind === 'file') {
      const f = readForFix(entry.path, roots, counts, notes);
      if (f) files.push(f);
    }
  }
  const rootImages = request.images ? await imagesRunningAsRoot(files, request.images, notes) : undefined;
  const results = fixFiles(files, {
    checks: fixable,
    runChecks,
    allChecks: CHECKS,
    checkOptions: request.checkOptions ?? {},
    ...(exceptions.length ? { exceptions: [...exceptions] } : {}),
    ...(rootImages ? { rootImages } : {}),
  });
  return { files, results, notes, secrets: flaggedSecretValues(files, runChecks), unreadable: walked.errors.length + walked.problems.length };
}

/**
 * The image references of the files' workloads whose config runs as root (image-runs-as-root: no USER, USER
 * root or uid 0), each with the reason. An image that cannot be read is named in the notes: its containers are
 * fixed as without --images.
 */
async function imagesRunningAsRoot(files: readonly FileToFix[], images: ImagesRequest, notes: string[]): Promise<RootImages> {
  const objects: K8sObject[] = [];
  for (const f of files) for (const o of loadText(f.text, f.path, { json: f.json }).objects) objects.push({ ...o, id: objects.length });
  const read = await scanWorkloadImages(new Inventory(objects), prepareWorkloadImages(images));
  const out = new Map<string, string>();
  for (const img of read.images) {
    if (img.error !== undefined) notes.push(`image ${img.reference} not read (${img.error}): runAsNonRoot is fixed on its containers without knowing its user`);
    const root = img.result?.findings.find((f) => f.checkId === 'image-runs-as-root');
    if (root) for (const u of img.uses) out.set(u.image, root.message);
  }
  return out;
}

/**
 * Write one fixed file safely (temp file in its directory, mode and owner kept, renamed over the original; not
 * when it changed since it was read). Returns why it was not written, or undefined.
 */
export function writeFix(file: FileToFix, text: string): string | undefined {
  return file.refuse ?? writeFixedFile(file.snapshot, Buffer.from((file.bom ? '\ufeff' : '') + text, 'utf8'));
}
