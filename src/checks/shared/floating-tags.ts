/**
 * Tags that name a moving target by convention: release channels (`stable`, `lts`, `edge`), branches (`main`,
 * `master`, `develop`, `trunk`, `head`) and build streams (`nightly`, `canary`, `snapshot`). `image-tag-latest`
 * reports them like `latest`; the list is the `floatingTags` option's default (src/engine/options.ts).
 * Version-like channels (`1`, `1.27`, `alpine`) are not in it: they float too, but pinning to them is a choice
 * many teams make on purpose, and the digest check covers every tag.
 */
export const DEFAULT_FLOATING_TAGS: readonly string[] = [
  'latest', 'stable', 'lts', 'main', 'master', 'trunk', 'head', 'edge', 'nightly', 'canary', 'snapshot',
  'dev', 'develop', 'development', 'unstable',
];

/** The configured floating tags (`options.floatingTags`, a list or one string), else the default list; lower-cased. */
export function floatingTags(options: Record<string, unknown>): ReadonlySet<string> {
  const raw = options.floatingTags;
  const list = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw.filter((t): t is string => typeof t === 'string') : DEFAULT_FLOATING_TAGS;
  return new Set(list.map((t) => t.trim().toLowerCase()).filter((t) => t !== ''));
}

/**
 * A tag that names one release by convention: it carries a full `major.minor.patch` version (`3.1.0`,
 * `v1.12.1`, `2.14.2-alpine`) and is not a floating tag. Channels that float by design (`latest`, `stable`,
 * `1`, `1.27`, `alpine`) and a missing tag are not fixed.
 */
export function isFixedVersionTag(tag: string | undefined, floating: ReadonlySet<string>): boolean {
  if (tag === undefined || tag === '' || floating.has(tag.toLowerCase())) return false;
  return /(?:^|[^0-9.])\d+\.\d+\.\d+(?![0-9])/.test(`-${tag}`);
}
