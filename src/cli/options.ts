import { SEVERITIES } from '../model/finding.js';

export type OptionType = 'string' | 'string[]' | 'severity' | 'boolean';

/**
 * Every scan option, declared once. Each becomes a CLI flag (`flag`), a `.kubeward.yaml` key
 * (`key`, dotted for nested keys) and an environment variable (`env`). Precedence: flag, then
 * environment, then configuration file, then default.
 */
export interface OptionDecl {
  key: string;
  flag: string;
  short?: string;
  type: OptionType;
  help: string;
  default?: unknown;
  /** Not settable from the config file (e.g. the config file's own path). */
  noConfig?: boolean;
}

/**
 * The `--require-signed KEY` option for `scan --images` (part of SCAN_OPTIONS): its value is the public key file; use requireSignedHook to turn it into the hook.
 */
export const REQUIRE_SIGNED_OPTION: OptionDecl = {
  key: 'images.requireSigned',
  flag: 'require-signed',
  type: 'string',
  help: 'fail images without a cosign signature by this public key (PEM file, e.g. cosign.pub) over their manifest digest',
};

export const SCAN_OPTIONS: readonly OptionDecl[] = [
  { key: 'output', flag: 'format', short: 'o', type: 'string[]', default: ['table'],
    help: `output format, repeatable; FORMAT or FORMAT=FILE (${['table', 'json', 'sarif', 'junit', 'markdown', 'html', 'policyreport'].join('|')})` },
  { key: 'outputFile', flag: 'output', type: 'string', help: 'write the (single) format to FILE instead of stdout' },
  { key: 'failOn', flag: 'fail-on', type: 'severity', help: `exit 1 when a finding is at or above this severity (${SEVERITIES.join('|')})` },
  { key: 'checks', flag: 'checks', type: 'string[]', help: 'run only these checks (ids or other tools\' ids, comma-separated)' },
  { key: 'skipChecks', flag: 'skip-checks', type: 'string[]', help: 'do not run these checks' },
  { key: 'pss', flag: 'pss', type: 'string', default: 'latest',
    help: 'Pod Security Standards level and policy version: LEVEL[:VERSION] or VERSION (baseline|restricted, latest|v1.0…); default latest = every control at its own level. Namespace pod-security.kubernetes.io labels override it' },
  { key: 'framework', flag: 'framework', type: 'string[]', help: 'add a compliance section per framework (cis|nsa|pss-baseline|pss-restricted|mitre|owasp), repeatable' },
  { key: 'exceptionsFile', flag: 'exceptions', type: 'string', help: 'exceptions file (check, object, reason, owner, expires)' },
  { key: 'baseline', flag: 'baseline', type: 'string', help: 'report only findings not in this previous JSON report' },
  { key: 'helm.releaseName', flag: 'helm-release', type: 'string', default: 'release-name', help: 'release name for helm template' },
  { key: 'helm.namespace', flag: 'helm-namespace', type: 'string', help: 'namespace for helm template' },
  { key: 'helm.values', flag: 'values', short: 'f', type: 'string[]', help: 'values file for helm template, repeatable' },
  { key: 'helm.set', flag: 'set', type: 'string[]', help: 'helm --set value, repeatable' },
  { key: 'images.enabled', flag: 'images', type: 'boolean', default: false,
    help: 'also scan every image the manifests reference (packages, vulnerabilities from the advisory database, image config), as findings on the workloads using them' },
  { key: 'images.insecureRegistries', flag: 'insecure-registry', type: 'string[]', help: 'with --images: plain http for this loopback registry HOST[:PORT] (127.0.0.1, ::1, localhost), repeatable' },
  { key: 'images.platform', flag: 'platform', type: 'string', help: 'with --images: which image of a multi-arch index, os/arch[/variant] (default linux/amd64)' },
  { key: 'images.db', flag: 'db', type: 'string', help: 'with --images: the advisory database (default: the user cache dir; see kubeward db)' },
  REQUIRE_SIGNED_OPTION,
  { key: 'config', flag: 'config', type: 'string', noConfig: true, help: 'configuration file (default: .kubeward.yaml found upward from the first path)' },
  { key: 'progress', flag: 'progress', type: 'boolean', default: true, noConfig: true, help: 'progress bar on stderr for long scans (TTY only); --no-progress to disable' },
  { key: 'color', flag: 'color', type: 'boolean', default: true, noConfig: true, help: 'colour in table output when stdout is a terminal; --no-color to disable' },
];

/** "fail-on" → "KUBEWARD_FAIL_ON". */
export function envName(o: OptionDecl): string {
  return 'KUBEWARD_' + o.flag.toUpperCase().replace(/-/g, '_');
}

/** "fail-on" → "failOn": the attribute commander stores the flag under. */
export function attrName(o: OptionDecl): string {
  return o.flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function getPath(obj: Record<string, unknown> | undefined, key: string): unknown {
  let v: unknown = obj;
  for (const k of key.split('.')) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

function fromText(o: OptionDecl, text: string): unknown {
  switch (o.type) {
    case 'string[]': return text.split(',').map((s) => s.trim()).filter(Boolean);
    case 'boolean': return !/^(0|false|no|off)$/i.test(text.trim());
    default: return text;
  }
}

export type ResolvedOptions = Record<string, unknown>;

/**
 * Merge flag values (with commander's value sources), environment and config into one object
 * keyed by `key`. Repeatable and comma-separated flag values are flattened.
 */
export function resolveOptions(
  decls: readonly OptionDecl[],
  flags: Record<string, unknown>,
  fromCli: (attr: string) => boolean,
  env: NodeJS.ProcessEnv,
  config: Record<string, unknown> | undefined,
): ResolvedOptions {
  const out: ResolvedOptions = {};
  for (const o of decls) {
    const attr = attrName(o);
    let v: unknown;
    if (fromCli(attr)) {
      v = flags[attr];
      if (o.type === 'string[]' && Array.isArray(v)) v = v.flatMap((s) => fromText(o, String(s)) as string[]);
    } else if (env[envName(o)] !== undefined) v = fromText(o, env[envName(o)]!);
    else if (!o.noConfig && getPath(config, o.key) !== undefined) v = getPath(config, o.key);
    else v = o.default;
    if (v !== undefined) out[o.key] = v;
  }
  return out;
}
