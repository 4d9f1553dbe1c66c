import { CHECKS } from '../checks/index.js';
import { isFixable, type Check, type PatchOp } from '../checks/define.js';
import { parsePssSetting } from '../frameworks/pss-policy.js';
import { fixObject } from '../fix/fix-object.js';
import type { Finding, Severity } from '../model/finding.js';
import { asArray, asRecord, asString, isRecord, stringMap, type JsonObject, type K8sObject } from '../model/object.js';
import { fixedPositions } from '../model/position.js';
import { redact } from '../model/redact.js';
import type { AdmissionConfig, AdmissionMode } from '../policy/admission-config.js';
import { foldImplied } from '../policy/fold-implied.js';
import { profileShows, type Profile } from '../policy/profile.js';
import { nameGlob } from '../policy/glob.js';
import { matchesSelector } from '../model/inventory.js';
import { IGNORE_ANNOTATION } from '../policy/annotation-exceptions.js';
import { admissionChecks } from './admission-checks.js';
import { modeResolver, resolveCheckNames } from './admission-modes.js';
import { denialMessage, fieldOf, firstSentence, oneLine, warningsOf, type JudgedFinding } from './admission-text.js';
import { requestCheckOptions } from './check-options.js';
import { RequestError } from './errors.js';
import { inventoryOf } from './load-inventory.js';
import { enforcePolicy, resolvePolicy, selectRequested } from './policy.js';
import type { PolicyRequest } from './request.js';
import { analyseInventory } from './scan.js';

export type { JudgedFinding } from './admission-text.js';
export type { AdmissionMode } from '../policy/admission-config.js';

export const ADMISSION_REVIEW_VERSION = 'admission.k8s.io/v1';

/** The policy of `kubeward admission serve`: the same keys as scan (checks, severity, exceptions, pss, checkOptions) and `admission`. */
export interface AdmissionSettings extends Omit<PolicyRequest, 'baseline'> {
  pss?: string;
  admission?: AdmissionConfig;
}

export type Webhook = 'validate' | 'mutate';

/** What the webhook decided about one AdmissionReview, for the response, the metrics and the audit log. */
export interface AdmissionVerdict {
  uid: string;
  webhook: Webhook;
  operation: string;
  dryRun: boolean;
  user: string;
  object: { apiVersion: string; kind: string; namespace: string; name: string };
  allowed: boolean;
  /** denied: an enforced check failed; warned: allowed with warnings; patched: fixes applied; skipped: not judged (why in `skipped`). */
  result: 'allowed' | 'denied' | 'warned' | 'patched' | 'skipped';
  skipped?: string;
  denied: JudgedFinding[];
  warned: JudgedFinding[];
  audited: JudgedFinding[];
  /** Findings set aside by exceptions or the kubeward.io/ignore annotation, as scan sets them aside. */
  suppressed: number;
  /** mutate: the checks whose fixes are in the patch, and the patch. */
  fixed: string[];
  patch: PatchOp[];
  /** Policy notes (a malformed kubeward.io/ignore annotation): given as warnings too. */
  notes: string[];
}

/** A parsed AdmissionReview with its verdict (HTTP 200), or why the body is not one (HTTP 400). */
export type ReviewAnswer = { status: 200; body: JsonObject; verdict: AdmissionVerdict } | { status: 400; error: string };

export interface AdmissionReviewer {
  /** The checks the webhook runs on each object. */
  readonly checks: readonly Check[];
  /** The checks whose fixes /mutate applies. */
  readonly mutating: readonly Check[];
  review(body: unknown, webhook: Webhook, now?: Date): ReviewAnswer;
  /** A denial of a review whose uid is known, for a verdict that could not be reached (the server's deadline). */
  failure(uid: string, message: string, code?: number): JsonObject;
}

const JUDGED_OPERATIONS = new Set(['CREATE', 'UPDATE']);

/** Controller service accounts of kube-system create the ReplicaSets, Pods and Jobs of objects already admitted. */
const CONTROLLER_USER = /^system:serviceaccount:kube-system:[a-z-]+-controller$/;

function reviewEnvelope(response: JsonObject): JsonObject {
  return { apiVersion: ADMISSION_REVIEW_VERSION, kind: 'AdmissionReview', response };
}

/** What is wrong with a body that should be an AdmissionReview v1 request, or undefined. */
function malformed(body: unknown): string | undefined {
  if (!isRecord(body)) return `expected an ${ADMISSION_REVIEW_VERSION} AdmissionReview object, got ${Array.isArray(body) ? 'a list' : body === null ? 'null' : typeof body}`;
  if (body.kind !== 'AdmissionReview') return `kind must be AdmissionReview (got ${JSON.stringify(body.kind ?? null)})`;
  if (body.apiVersion !== ADMISSION_REVIEW_VERSION) {
    return `apiVersion ${JSON.stringify(body.apiVersion ?? null)} is not supported: kubeward answers ${ADMISSION_REVIEW_VERSION} only (set admissionReviewVersions: [v1] in the webhook configuration)`;
  }
  const req = asRecord(body.request);
  if (!req) return 'request is missing: an AdmissionReview sent to a webhook carries a request';
  if (typeof req.uid !== 'string' || req.uid === '') return 'request.uid is missing: the response must echo it';
  if (typeof req.operation !== 'string') return 'request.operation is missing';
  if (JUDGED_OPERATIONS.has(req.operation) && !isRecord(req.object)) return `request.object must be an object for ${req.operation}`;
  return undefined;
}

/** The object under review as a K8sObject the checks judge (no file positions: paths are the location). */
function objectOf(raw: JsonObject, req: JsonObject): K8sObject {
  const md = asRecord(raw.metadata) ?? {};
  const kind = asString(raw.kind) ?? asString(asRecord(req.kind)?.kind) ?? '';
  const ns = asString(md.namespace) || asString(req.namespace) || undefined;
  const name = asString(md.name) || asString(req.name) || (asString(md.generateName) ? `${asString(md.generateName)}*` : '');
  const object: Omit<K8sObject, 'id'> = {
    apiVersion: asString(raw.apiVersion) ?? '', kind, name, labels: stringMap(md.labels), annotations: stringMap(md.annotations), raw,
    source: { file: `admission:${asString(req.uid)}`, document: 0, pointerPrefix: '', positions: fixedPositions({ line: 0, column: 0 }) },
    ...(ns ? { namespace: ns } : {}),
  };
  return object as K8sObject;
}

/** Why an object is let through without judging it, or undefined. */
function skipReason(req: JsonObject, raw: JsonObject | undefined, user: string): string | undefined {
  if (!JUDGED_OPERATIONS.has(asString(req.operation) ?? '')) return `${asString(req.operation)} is not judged (only CREATE and UPDATE)`;
  if (asString(req.subResource)) return `subresource ${asString(req.subResource)} is not judged`;
  const md = asRecord(raw?.metadata);
  if (req.operation === 'UPDATE' && md?.deletionTimestamp) return 'the object is being deleted';
  const controlled = asArray(md?.ownerReferences).some((r) => asRecord(r)?.controller === true);
  if (controlled && CONTROLLER_USER.test(user)) return `created by ${user} for its owner, which was judged when it was admitted`;
  return undefined;
}

/**
 * The webhook's judge, built once from the policy (RequestError for an unknown check, a fix that does not exist, a
 * bad Pod Security level or exceptions file). Each review runs the same checks, policy (severity overrides,
 * exceptions, the kubeward.io/ignore annotation) and implied-finding folding as `scan` on the one object, then
 * gives every remaining finding its mode. Pure: no I/O; the face writes the audit records and metrics.
 */
export function createAdmissionReviewer(settings: AdmissionSettings = {}): AdmissionReviewer {
  const checks = admissionChecks(selectRequested(settings).filter((c) => c.subject !== 'dockerfile'));
  const pss = parsePssSetting(settings.pss ?? 'latest');
  if ('error' in pss) throw new RequestError(pss.error);
  const resolved = resolvePolicy(settings);
  const checkOptions = requestCheckOptions(settings);
  // `--profile`: as `scan`, reliability hygiene is judged only under `all`.
  const profile: Profile = settings.profile ?? 'security';
  const modeOf = modeResolver(settings.admission, CHECKS);
  const mutate = settings.admission?.mutate;
  const mutateIds = resolveCheckNames(mutate?.checks ?? [], CHECKS, 'mutate');
  const mutateWhere = mutate?.namespaces?.map((n) => nameGlob(n));
  const mutates = (o: K8sObject) =>
    (!mutateWhere || mutateWhere.some((g) => g.test(o.namespace ?? ''))) && (!mutate?.selector || matchesSelector(o.labels, mutate.selector));
  const mutating = CHECKS.filter((c) => mutateIds.has(c.id));
  const notFixable = mutating.filter((c) => !isFixable(c)).map((c) => c.id);
  if (notFixable.length) throw new RequestError(`admission.mutate: ${notFixable.join(', ')} ha${notFixable.length === 1 ? 's' : 've'} no fix (see: kubeward checks -o json, "fixable")`);
  const notRun = mutating.filter((c) => !checks.includes(c)).map((c) => c.id);
  if (notRun.length) throw new RequestError(`admission.mutate: ${notRun.join(', ')} ${notRun.length === 1 ? 'is' : 'are'} not among the checks the webhook runs (checks, skipChecks)`);

  const fixText = new Map<string, string>();
  const fixOf = (f: Finding) => {
    let t = fixText.get(f.checkId);
    if (t === undefined) fixText.set(f.checkId, (t = firstSentence(f.remediation)));
    return t;
  };
  const failure = (uid: string, message: string, code = 500): JsonObject => reviewEnvelope({ uid, allowed: false, status: { code, message } });

  const review = (body: unknown, webhook: Webhook, now = new Date()): ReviewAnswer => {
    const why = malformed(body);
    if (why) return { status: 400, error: why };
    const req = (body as JsonObject).request as JsonObject;
    const uid = req.uid as string;
    const raw = asRecord(req.object);
    const user = asString(asRecord(req.userInfo)?.username) ?? '';
    const object = objectOf(raw ?? {}, req);
    const verdict: AdmissionVerdict = {
      uid, webhook, operation: req.operation as string, dryRun: req.dryRun === true, user,
      object: { apiVersion: object.apiVersion, kind: object.kind, namespace: object.namespace ?? '', name: object.name },
      allowed: true, result: 'allowed', denied: [], warned: [], audited: [], suppressed: 0, fixed: [], patch: [], notes: [],
    };
    const skipped = skipReason(req, raw, user);
    if (skipped || !raw) {
      verdict.result = 'skipped';
      verdict.skipped = skipped ?? 'no object';
      return { status: 200, body: reviewEnvelope({ uid, allowed: true }), verdict };
    }

    const inventory = inventoryOf([object]);
    const { findings, ran } = analyseInventory(inventory, { problems: [], checks, ...(checkOptions ? { checkOptions } : {}), pss });
    const policy = enforcePolicy(findings, { ...settings, now }, ran, inventory, resolved);
    verdict.suppressed = policy.suppressed.filter((x) => profileShows(profile, x.finding)).length;
    // Only what concerns this object (a malformed annotation); the policy's own warnings are said once, at start.
    verdict.notes = policy.warnings.filter((w) => w.includes(IGNORE_ANNOTATION));
    // A check that crashed on this object is recorded, never a reason to deny (the other checks still judged it).
    const modeFor = (f: Finding): AdmissionMode =>
      f.checkId === 'internal-error' ? 'audit' : modeOf({ namespace: verdict.object.namespace, labels: object.labels, checkId: f.checkId, severity: f.severity });
    // Judged as `scan` shows them: one finding per root cause, hygiene only under --profile all.
    const kept = foldImplied(policy.findings, CHECKS).shown.filter((f) => profileShows(profile, f));
    const judged: { finding: Finding; mode: AdmissionMode }[] = kept.map((f) => ({ finding: f, mode: modeFor(f) }));

    if (webhook === 'mutate') {
      let current = object;
      for (const check of mutates(object) ? mutating : []) {
        // Every opted-in fix whose check failed, also one folded under another finding (a privileged container's
        // allowPrivilegeEscalation) or hidden by the profile: the object is stored fixed, not merely judged.
        if (!policy.findings.some((f) => f.checkId === check.id && modeFor(f) !== 'off')) continue;
        try {
          const fixed = fixObject(check, current, checkOptions?.[check.id] ?? {});
          if (fixed.ops.length === 0) continue;
          verdict.patch.push(...fixed.ops);
          verdict.fixed.push(check.id);
          current = { ...current, raw: fixed.raw };
        } catch (err) {
          verdict.notes.push(`fix of ${check.id} not applied: ${(err as Error).message}`);
        }
      }
      const response: JsonObject = { uid, allowed: true };
      if (verdict.patch.length) {
        response.patchType = 'JSONPatch';
        response.patch = Buffer.from(JSON.stringify(verdict.patch)).toString('base64');
        response.auditAnnotations = { fixed: verdict.fixed.join(',') };
        verdict.result = 'patched';
      }
      if (verdict.notes.length) response.warnings = verdict.notes.map((n) => oneLine(`kubeward: ${n}`));
      return { status: 200, body: reviewEnvelope(response), verdict };
    }

    for (const { finding: f, mode } of judged) {
      if (mode === 'off') continue;
      // Every message leaves through the one redaction (denial, warnings, audit log).
      const j: JudgedFinding = { checkId: f.checkId, severity: f.severity as Severity, path: f.path, field: fieldOf(f.path), message: redact(f.message), fix: fixOf(f) };
      (mode === 'enforce' ? verdict.denied : mode === 'warn' ? verdict.warned : verdict.audited).push(j);
    }
    const what = `${object.kind} ${verdict.object.namespace ? `${verdict.object.namespace}/` : ''}${object.name}`;
    const response: JsonObject = { uid, allowed: verdict.denied.length === 0 };
    const warnings = [...warningsOf(verdict.warned), ...verdict.notes.map((n) => oneLine(`kubeward: ${n}`))];
    if (warnings.length) response.warnings = warnings;
    if (verdict.audited.length) response.auditAnnotations = { audit: [...new Set(verdict.audited.map((a) => a.checkId))].join(',') };
    if (verdict.denied.length) {
      verdict.allowed = false;
      verdict.result = 'denied';
      response.status = { code: 403, reason: 'Forbidden', message: denialMessage(what, verdict.denied) };
    } else if (verdict.warned.length) verdict.result = 'warned';
    return { status: 200, body: reviewEnvelope(response), verdict };
  };

  return { checks, mutating, review, failure };
}
