import type { Check, CheckOptions, ImageContext, ImageUseContext, Issue } from '../checks/define.js';
import { useLabel, whereInImage, type ImageOutcome, type ImageUse } from '../analysis/image/workload-images.js';
import { makeFinding, type Finding } from '../model/finding.js';
import { identityState, sourceState } from '../model/fingerprint.js';
import type { ImageCheckInput } from '../model/image-input.js';
import { locate, objectRef } from '../model/object.js';

type ImageRule = Extract<Check, { subject: 'image' }>;
type ImageUseRule = Extract<Check, { subject: 'image-use' }>;

/**
 * The order image findings and listings have always had (`kubeward image scan`'s findings, `kubeward checks`, the
 * report's checks of `scan --images`): image config rules, then image-use rules. Rules it does not name come
 * after, in registry order.
 */
export const IMAGE_RULE_ORDER: readonly string[] = [
  'image-runs-as-root',
  'image-root-empty-password',
  'image-env-secret',
  'image-suid-files',
  'image-no-healthcheck',
  'image-vulnerability',
  'image-not-scanned',
  'image-not-signed',
];

/** `checks` of one subject, in IMAGE_RULE_ORDER. */
export function inImageRuleOrder<C extends Check>(checks: readonly C[]): C[] {
  const rank = (c: Check) => {
    const i = IMAGE_RULE_ORDER.indexOf(c.id);
    return i === -1 ? IMAGE_RULE_ORDER.length : i;
  };
  return checks.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i).map((x) => x.c);
}

const failedMessage = (check: Check, what: string, err: unknown) => `check ${check.id} failed on this ${what}: ${err instanceof Error ? err.message : String(err)}`;

/**
 * Run the image rules (subject `image`) over one image's config and files. Findings are located in the image:
 * `REF` for the config, `REF!/etc/shadow` with a line for a file. Pure. A rule that throws becomes an
 * `internal-error` finding; the others still run.
 */
export function runImageRules(checks: readonly Check[], image: ImageCheckInput, opts: { checkOptions?: Record<string, CheckOptions> } = {}): Finding[] {
  const out: Finding[] = [];
  const ref = image.reference;
  const finding = (check: Check, issue: Issue): Finding => {
    const file = issue.file ? `${ref}!${issue.file}` : ref;
    // Identity: the image as named and the file in it; then the check and the path (no line number).
    return makeFinding(check, issue, { location: { file, line: issue.position?.line ?? 1, column: 1 }, identity: sourceState(`image:${ref}:${issue.file ? file : ''}`) });
  };
  const ctx: ImageContext = {
    image,
    options: {},
    at: (path, message, evidence, where) => {
      const issue: Issue = { path, message };
      if (evidence) issue.evidence = evidence;
      if (where) {
        issue.file = where.file;
        issue.position = { line: where.line, column: 1 };
      }
      return issue;
    },
  };
  for (const check of inImageRuleOrder(checks.filter((c): c is ImageRule => c.subject === 'image'))) {
    ctx.options = opts.checkOptions?.[check.id] ?? {};
    try {
      for (const issue of check.run(ctx)) out.push(finding(check, issue));
    } catch (err) {
      out.push({ ...finding(check, { path: '', message: failedMessage(check, 'image', err) }), checkId: 'internal-error', severity: 'info', title: 'A check failed to run' });
    }
  }
  return out;
}

/**
 * The findings of one image on every workload field that uses it: the image-use rules (`image-not-signed`,
 * `image-not-scanned`, `image-vulnerability`, ...) at the container's `image` field, and the image's own rule
 * findings (`outcome.configFindings`) moved there, keeping their ids, with their place in the image in the message.
 * Pure.
 */
export function imageFindings(checks: readonly Check[], outcome: ImageOutcome, uses: readonly ImageUse[], opts: { checkOptions?: Record<string, CheckOptions> } = {}): Finding[] {
  const out: Finding[] = [];
  const rules = inImageRuleOrder(checks.filter((c): c is ImageUseRule => c.subject === 'image-use'));
  for (const use of uses) {
    const object = objectRef(use.object);
    const identity = identityState(object);
    const location = locate(use.object, use.path);
    const site = (issue: Issue) => ({ object, location, identity, key: issue.key === undefined ? issue.path : `${issue.path}#${issue.key}` });
    const label = useLabel(use);
    const ctx: ImageUseContext = {
      use,
      outcome,
      options: {},
      label,
      at: (message, extra = {}) => {
        const issue: Issue = { path: use.path, message };
        if (extra.evidence) issue.evidence = extra.evidence;
        if (extra.severity) issue.severity = extra.severity;
        if (extra.key !== undefined) issue.key = extra.key;
        return issue;
      },
    };
    for (const check of rules) {
      ctx.options = opts.checkOptions?.[check.id] ?? {};
      try {
        for (const issue of check.run(ctx)) out.push(makeFinding(check, issue, site(issue)));
      } catch (err) {
        const issue = { path: use.path, message: failedMessage(check, 'image use', err) };
        out.push({ ...makeFinding(check, issue, site(issue)), checkId: 'internal-error', severity: 'info', title: 'A check failed to run' });
      }
    }
    if (outcome.error !== undefined) continue;
    for (const f of outcome.configFindings ?? []) {
      // The image rule's own finding, on the workload: same id, severity and evidence; its place in the image is in the message.
      const rule = { id: f.checkId, title: f.title, severity: f.severity, category: f.category, remediation: f.remediation, frameworks: f.frameworks };
      const issue: Issue = { path: use.path, message: `${label}: ${f.message}${whereInImage(f)}`, key: f.path };
      if (f.evidence) issue.evidence = f.evidence;
      out.push(makeFinding(rule, issue, site(issue)));
    }
  }
  return out;
}
