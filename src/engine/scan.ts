import { CHECKS, SELECTABLE_CHECKS } from '../checks/index.js';
import { frameworkCompliance } from '../checks/compliance.js';
import { isImageRule, type Check, type CheckOptions } from '../checks/define.js';
import { pssCheckInScope } from '../checks/shared/pss-check.js';
import { FRAMEWORK_IDS, findFramework } from '../frameworks/catalog.js';
import { parsePssSetting, type PssSetting } from '../frameworks/pss-policy.js';
import { SEVERITIES, type Finding, type Severity } from '../model/finding.js';
import type { Inventory } from '../model/inventory.js';
import type { K8sObject } from '../model/object.js';
import type { LoadProblem } from '../model/problem.js';
import type { Report } from '../report/report.js';
import { buildReport } from './build-report.js';
import { foldImplied } from '../policy/fold-implied.js';
import { foldRootCauses } from '../policy/fold-root-cause.js';
import { applyProfile, checkShown, profileShows } from '../policy/profile.js';
import { isHelmTestHook } from '../model/helm-test-hook.js';
import { requestCheckOptions } from './check-options.js';
import { RequestError } from './errors.js';
import { inventoryOf, loadInventory } from './load-inventory.js';
import { enforcePolicy, resolvePolicy, selectRequested } from './policy.js';
import type { ScanRequest } from './request.js';
import { runChecks } from './run-checks.js';
import { packageVersion } from './version.js';
import { pathWeights } from './path-weights.js';
import { loadCustomRules } from './custom-rules.js';
import { admissionPolicyChecks, VAP_CHECK_PREFIX } from '../policy/admission/policy-checks.js';

export interface EngineInput {
  /** The sources' objects; `id` is assigned here (in place). */
  objects: readonly Omit<K8sObject, 'id'>[];
  problems: readonly LoadProblem[];
  checks: readonly Check[];
  checkOptions?: Record<string, CheckOptions>;
  /** `--pss`: the Pod Security level and version (default: every control at its own level, latest). */
  pss?: PssSetting;
}

export interface EngineOutput {
  inventory: Inventory;
  findings: Finding[];
  /** The checks that ran: the input's, less Pod Security checks no pod of this scan is judged by (see pssCheckInScope). */
  ran: Check[];
}

/** Inventory and analyses over what the sources read. Pure: the same input gives the same findings. */
export function analyse(input: EngineInput): EngineOutput {
  return analyseInventory(inventoryOf(input.objects), input);
}

/** The checks over an inventory already built (loadInventory). Pure. */
export function analyseInventory(inventory: Inventory, input: Omit<EngineInput, 'objects'>): EngineOutput {
  const ran = input.checks.filter((c) => pssCheckInScope(c, inventory, input.pss));
  const findings = runChecks(ran, inventory, input.problems, {
    ...(input.checkOptions ? { checkOptions: input.checkOptions } : {}),
    ...(input.pss ? { pss: input.pss } : {}),
  });
  return { inventory, findings, ran };
}


const NODE_CATEGORIES = new Set(['control-plane', 'node', 'manifest']);

/** Validate what can be validated before anything is read: checks, Pod Security setting, frameworks, images. */
async function prepare(request: ScanRequest) {
  // Dockerfile checks run in `kubeward dockerfile scan`: a manifest scan never evaluates (or counts) them.
  // A node scan runs the control-plane, node and manifest (load problem) checks: a static pod's hostNetwork is by design.
  // Custom rules (--rules) are selectable like built-in checks; `vap-<policy>` checks exist only once the input
  // is read, so names of that shape are set aside here and applied to them after loading (see vapChecksFor).
  const custom = request.rules?.length ? loadCustomRules(request.rules, CHECKS) : undefined;
  const isVapName = (n: string) => n.toLowerCase().startsWith(VAP_CHECK_PREFIX);
  const checkNames = request.checks?.filter((n) => !isVapName(n));
  const skipNames = request.skipChecks?.filter((n) => !isVapName(n));
  const onlyVaps = !!request.checks?.length && checkNames!.length === 0;
  const selected = (onlyVaps ? [] : selectRequested({ ...request, checks: checkNames ?? [], skipChecks: skipNames ?? [] }, custom ? [...SELECTABLE_CHECKS, ...custom.checks] : SELECTABLE_CHECKS)).filter((c) => c.subject !== 'dockerfile' && (!request.node || NODE_CATEGORIES.has(c.category)));
  const pss = parsePssSetting(request.pss ?? 'latest');
  if ('error' in pss) throw new RequestError(pss.error);
  const frameworks = (request.frameworks ?? []).map((id) => {
    const f = findFramework(id);
    if (!f) throw new RequestError(`--framework must be one of ${FRAMEWORK_IDS.join(', ')} (got "${id}")`);
    return f;
  });
  // Image reading (registries, layers, analyzers, the advisory database) and the attack paths are loaded only
  // when asked for: a plain scan does not pay for loading them.
  const workloadImages = request.images ? await import('./workload-images.js') : undefined;
  const images = request.images && workloadImages ? { ...workloadImages, options: workloadImages.prepareWorkloadImages(request.images) } : undefined;
  const shown = request.showSeverities?.length ? parseSeverities(request.showSeverities) : undefined;
  const weights = request.prioritize ? { weights: pathWeights(request.weights), prioritize: (await import('./prioritize.js')).prioritize } : undefined;
  return { selected, custom, pss, frameworks, images, shown, weights };
}

/**
 * The `vap-<policy>` checks a request runs: all of them, unless --checks names checks (then only the `vap-` ones
 * it names); --skip-checks may name them too. A `vap-` name that matches no policy of the input is a warning.
 */
function vapChecksFor(request: ScanRequest, found: { checks: Check[]; warnings: string[] }): { checks: Check[]; warnings: string[] } {
  const isVap = (n: string) => n.toLowerCase().startsWith(VAP_CHECK_PREFIX);
  const only = request.checks?.length ? request.checks.filter(isVap).map((n) => n.toLowerCase()) : undefined;
  const skip = new Set((request.skipChecks ?? []).filter(isVap).map((n) => n.toLowerCase()));
  const ids = new Set(found.checks.map((c) => c.id.toLowerCase()));
  const warnings = [...found.warnings];
  for (const n of [...(only ?? []), ...skip]) if (!ids.has(n)) warnings.push(`check "${n}" names no ValidatingAdmissionPolicy of the input`);
  const checks = found.checks.filter((c) => (!only || only.includes(c.id.toLowerCase())) && !skip.has(c.id.toLowerCase()));
  return { checks, warnings };
}

const refKey = (r: { kind: string; namespace?: string | undefined; name: string }) => `${r.kind}\u0000${r.namespace ?? ''}\u0000${r.name}`;

/** The Helm test hook objects (helm.sh/hook: test*) of the inventory, by kind, namespace and name. */
function helmTestKeys(inventory: Inventory): Set<string> {
  return new Set(inventory.objects.filter(isHelmTestHook).map(refKey));
}

/** `--severity critical,high` → the set shown (any case); RequestError for a word that is not a severity. */
function parseSeverities(words: readonly string[]): ReadonlySet<Severity> {
  const out = new Set<Severity>();
  for (const w of words) {
    const s = w.trim().toLowerCase();
    if (!(SEVERITIES as readonly string[]).includes(s)) throw new RequestError(`--severity must be one of ${SEVERITIES.join(', ')} (got "${w}")`);
    out.add(s as Severity);
  }
  return out;
}

/**
 * The whole pipeline as one library call: sources → inventory → checks (and image reads with `images`) → policy
 * → the versioned Report every format renders. Throws RequestError for a request that cannot be carried out,
 * including an input named that cannot be read or rendered at all (a missing path, no helm, chart dependencies
 * missing, a kustomize build error); never for a bad manifest inside what was read (that is a finding).
 * `showSeverities` leaves other severities out of the report's findings (counted in `summary.hidden`).
 */
export async function scan(request: ScanRequest): Promise<Report> {
  const { selected, custom, pss, frameworks, images: imageRead, shown, weights: prioritized } = await prepare(request);
  // Exceptions and baseline are parsed before the (possibly long) read, so a typo fails fast.
  const resolved = resolvePolicy(request);
  const loaded = await loadInventory(request);
  const profile = request.profile ?? 'security';
  const checkOptions = requestCheckOptions(request);
  const vap = request.vap === false ? undefined : vapChecksFor(request, admissionPolicyChecks(loaded.inventory));
  const problems = custom ? [...loaded.problems, ...custom.problems] : loaded.problems;
  const { inventory, findings, ran } = analyseInventory(loaded.inventory, { problems, checks: vap ? [...selected, ...vap.checks] : selected, ...(checkOptions ? { checkOptions } : {}), pss });
  const extraChecks = [...(custom?.checks ?? []), ...(vap?.checks ?? [])];
  const images = imageRead ? await imageRead.scanWorkloadImages(inventory, imageRead.options) : undefined;
  if (images) findings.push(...images.findings);
  // Image rules are named like checks in severity overrides and exceptions (known always; evaluated with images).
  const imageRules = CHECKS.filter(isImageRule);
  const policy = enforcePolicy(findings, request, images ? [...ran, ...imageRules] : ran, inventory, resolved, extraChecks);
  // One finding per root cause: what another finding on the same volume or container implies is folded under it.
  const folded = foldRootCauses(foldImplied(policy.findings, CHECKS));
  // Kinds the cluster's credentials could not list: controls reading them are "not evaluated", never "passed".
  const notCollected = (loaded.cluster?.notCollected ?? []).map((n) => ({
    kind: n.kind,
    what: `${n.resource}${n.group ? `.${n.group}` : ''}${n.namespace ? ` in namespace ${n.namespace}` : ''} not collected (${n.status === 403 ? 'forbidden' : n.status === 0 ? 'no response' : `HTTP ${n.status}`})`,
  }));
  // `--profile security` hides hygiene findings and `--severity` other severities from the report (and so from
  // --fail-on); compliance still judges them all.
  const byProfile = applyProfile(profile, folded.shown);
  const filtered = shown ? byProfile.shown.filter((f) => shown.has(f.severity)) : byProfile.shown;
  const implied = applyProfile(profile, shown ? folded.implied.filter((f) => shown.has(f.severity)) : folded.implied).shown;
  // --prioritize: the paths rest on everything found (an excepted finding is still a way in).
  const visible = prioritized ? prioritized.prioritize(inventory, findings, filtered, prioritized.weights) : filtered;
  // Helm test hooks run once, under `helm test`: their findings are reported apart unless asked for.
  const hooks = request.includeHelmTests ? undefined : helmTestKeys(inventory);
  const onHook = (f: Finding) => hooks !== undefined && f.object !== undefined && hooks.has(refKey(f.object));
  return buildReport({
    ...(images && imageRead ? { extraChecks: imageRead.workloadImageChecks(images.evaluated) } : {}),
    version: packageVersion(),
    scannedAt: request.now ?? new Date(),
    files: loaded.files,
    inventory,
    checks: ran.filter((c) => checkShown(profile, c)),
    pss,
    findings: hooks?.size ? visible.filter((f) => !onHook(f)) : visible,
    implied: hooks?.size ? implied.filter((f) => !onHook(f)) : implied,
    ...(hooks?.size ? { helmTests: visible.filter(onHook) } : {}),
    hidden: byProfile.shown.length - filtered.length,
    hiddenByProfile: byProfile.hidden,
    hiddenByClass: byProfile.byClass,
    skipped: loaded.skipped,
    suppressed: policy.suppressed.filter((s) => profileShows(profile, s.finding)),
    warnings: [...loaded.warnings, ...(vap?.warnings ?? []), ...(images?.warnings ?? []), ...policy.warnings],
    ...(frameworks.length
      ? { compliance: frameworks.map((f) => frameworkCompliance(f, { inventory, allChecks: extraChecks.length ? [...CHECKS, ...extraChecks] : CHECKS, ran, findings: policy.findings, inputs: request.node ? ['manifests', 'node'] : ['manifests'], pss, notCollected })) }
      : {}),
    ...(request.analyses ? { sections: (await import('./analysis-sections.js')).analysisSections(inventory, images?.images) } : {}),
  });
}
