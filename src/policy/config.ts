import { LineCounter, parseDocument } from 'yaml';
import type { PolicyException } from './exception-types.js';
import { readExceptionList } from './parse-exceptions.js';
import type { Severity } from '../model/finding.js';
import {
  checkKnownKeys, ConfigErrors, describe, isPlainMap, readMap, readSeverity, readString, readStringList,
} from './config-values.js';

/** Helm rendering settings for charts found in the scanned paths. */
export interface HelmConfig {
  releaseName?: string;
  namespace?: string;
  /** Values files, relative to the config file's directory (resolved by the I/O layer). */
  values?: string[];
  /** `helm template --set` values, e.g. "image.tag=1.2". */
  set?: string[];
}

/** `.kubeward.yaml`, validated. Every key is optional. */
export interface KubewardConfig {
  failOn?: Severity;
  /** `image scan`: a vulnerability of unknown severity fails the run too (`--fail-on-unknown`). */
  failOnUnknown?: boolean;
  checks?: string[];
  skipChecks?: string[];
  severity?: Record<string, Severity>;
  /** `--severity`: show only findings of these severities (the `severity` key overrides checks' severities). */
  showSeverity?: string[];
  exceptionsFile?: string;
  /** Exceptions written in the config file itself (the exceptions file's `exceptions:` list, e.g. exported by kubeward serve). */
  exceptions?: PolicyException[];
  baseline?: string;
  /** Pod Security level and version, e.g. "restricted:v1.29" (validated by the scan). */
  pss?: string;
  /** Frameworks to report compliance for. */
  framework?: string[];
  checkOptions?: Record<string, Record<string, unknown>>;
  /** `--denied-registries`: registries or repository prefixes image-registry-denied reports. */
  deniedRegistries?: string[];
  /** `--floating-tags`: the tags image-tag-latest reports (replaces its default list). */
  floatingTags?: string[];
  /** Output formats (`--format`): FORMAT or FORMAT=FILE. `output` is the deprecated name of this key. */
  format?: string[];
  outputFile?: string;
  /** The advisory database file (`--db`). */
  db?: string;
  helm?: HelmConfig;
  /** `scan --images` settings. */
  images?: ImagesConfig;
  /** `--cluster` settings (docs/cluster.md); `--cluster` itself is a flag or KUBEWARD_CLUSTER only. */
  cluster?: ClusterConfig;
  /** `kubeward node` settings: the node's root directory. */
  node?: NodeConfig;
  /** The audit rules' settings (`kubeward audit scan|serve`). */
  audit?: AuditConfig;
  /** `kubeward paths` and `scan --prioritize` (docs/paths.md). */
  paths?: PathsConfig;
}

export interface PathsConfig {
  /** Scoring weight overrides, NAME=VALUE. */
  weights?: string[];
}

export interface NodeConfig {
  root?: string;
}

export interface AuditConfig {
  allowedSourceCidrs?: string[];
  secretReaders?: string[];
  authFailureThreshold?: number;
}

export const AUDIT_KEYS: readonly (keyof AuditConfig)[] = ['allowedSourceCidrs', 'secretReaders', 'authFailureThreshold'];

export interface ClusterConfig {
  kubeconfig?: string;
  context?: string;
  excludeNamespaces?: string[];
  includeSecretValues?: boolean;
}

export interface ImagesConfig {
  enabled?: boolean;
  insecureRegistries?: string[];
  platform?: string;
  /** Deprecated: the top-level `db` key. */
  db?: string;
  requireSigned?: string;
  maxFileSize?: string;
}

export type ConfigKeyType = 'string' | 'string[]' | 'severity' | 'boolean' | 'map' | 'object' | 'list';

export interface ConfigKey {
  key: keyof KubewardConfig;
  type: ConfigKeyType;
  help: string;
}

/** Every top-level key of `.kubeward.yaml`, for the CLI's single option declaration. */
export const CONFIG_KEYS: readonly ConfigKey[] = [
  { key: 'failOn', type: 'severity', help: 'exit with code 1 when a finding at or above this severity remains' },
  { key: 'failOnUnknown', type: 'boolean', help: 'image scan: exit with code 1 on a vulnerability of unknown severity too' },
  { key: 'checks', type: 'string[]', help: 'run only these checks (ids or other tools\' aliases)' },
  { key: 'skipChecks', type: 'string[]', help: 'do not run these checks (ids or aliases)' },
  { key: 'severity', type: 'map', help: 'override the severity of checks: check id → severity' },
  { key: 'showSeverity', type: 'string[]', help: 'show only findings of these severities (--severity), e.g. [critical, high]' },
  { key: 'exceptionsFile', type: 'string', help: 'exceptions file (relative to the config file\'s directory)' },
  { key: 'exceptions', type: 'list', help: 'exceptions written here, as in an exceptions file (check, object, reason, owner, expires); used when no exceptions file is given' },
  { key: 'pss', type: 'string', help: 'Pod Security Standards level and version: LEVEL[:VERSION] or VERSION (e.g. restricted:v1.29)' },
  { key: 'framework', type: 'string[]', help: 'frameworks to report compliance for (cis, nsa, pss-baseline, pss-restricted, mitre, owasp)' },
  { key: 'baseline', type: 'string', help: 'previous kubeward JSON report: report only findings that are new' },
  { key: 'checkOptions', type: 'map', help: 'settings for individual checks: check id → map of options' },
  { key: 'deniedRegistries', type: 'string[]', help: 'registries or repository prefixes never to run images from (check image-registry-denied)' },
  { key: 'floatingTags', type: 'string[]', help: 'tags reported as floating by image-tag-latest (default: latest, stable, main, master, nightly, …)' },
  { key: 'format', type: 'string[]', help: 'output formats, each FORMAT or FORMAT=FILE (e.g. table, sarif=results.sarif)' },
  { key: 'db', type: 'string', help: 'the advisory database file (relative to the config file\'s directory)' },
  { key: 'outputFile', type: 'string', help: 'write the single output format to this file instead of stdout' },
  { key: 'helm', type: 'object', help: 'Helm rendering: releaseName, namespace, values (values files), set (--set values)' },
  { key: 'cluster', type: 'object', help: 'scan --cluster: kubeconfig (relative to the config file), context, excludeNamespaces, includeSecretValues' },
  { key: 'node', type: 'object', help: 'kubeward node: root (the node\'s root directory, relative to the config file)' },
  { key: 'paths', type: 'object', help: 'kubeward paths and scan --prioritize: weights (NAME=VALUE overrides of the attack-path scoring weights, docs/paths.md)' },
  { key: 'images', type: 'object', help: 'scan --images: enabled, insecureRegistries, platform, maxFileSize, requireSigned (a public key file)' },
  { key: 'audit', type: 'object', help: 'kubeward audit scan/serve rules: allowedSourceCidrs, secretReaders, authFailureThreshold' },
];

export const IMAGES_KEYS: readonly (keyof ImagesConfig)[] = ['enabled', 'insecureRegistries', 'platform', 'maxFileSize', 'db', 'requireSigned'];

/** Keys that were renamed: still read, with a warning naming the new key. */
const DEPRECATED_KEYS: Record<string, keyof KubewardConfig> = { output: 'format' };

export const CLUSTER_KEYS: readonly (keyof ClusterConfig)[] = ['kubeconfig', 'context', 'excludeNamespaces', 'includeSecretValues'];

export const HELM_KEYS: readonly (keyof HelmConfig)[] = ['releaseName', 'namespace', 'values', 'set'];

const OUTPUT_SPEC = /^[a-z][a-z0-9-]*(=.+)?$/;

type Reader = (v: unknown, key: string, errors: ConfigErrors) => unknown;

const READERS: Record<keyof KubewardConfig, Reader> = {
  failOn: readSeverity,
  failOnUnknown: (v, key, errors) => {
    if (typeof v === 'boolean') return v;
    errors.add(key, `expected true or false, got ${describe(v)}`);
    return undefined;
  },
  checks: readStringList,
  skipChecks: readStringList,
  severity: (v, key, errors) => readMap(v, key, errors, (raw, k) => readSeverity(raw, k, errors)),
  showSeverity: readStringList,
  exceptionsFile: readString,
  exceptions: (v, _key, errors) => {
    const read = readExceptionList(v, errors.file);
    for (const e of read.errors) errors.list.push(e);
    return read.exceptions;
  },
  baseline: readString,
  pss: readString,
  framework: readStringList,
  checkOptions: (v, key, errors) =>
    readMap(v, key, errors, (raw, k) => {
      if (raw === null) return {};
      if (isPlainMap(raw)) return raw;
      errors.add(k, `expected a map of options, got ${describe(raw)}`);
      return undefined;
    }),
  deniedRegistries: readStringList,
  floatingTags: readStringList,
  format: (v, key, errors) => {
    const list = readStringList(v, key, errors);
    return list?.filter((spec, i) => {
      if (OUTPUT_SPEC.test(spec)) return true;
      errors.add(`${key}[${i}]`, `"${spec}" is not FORMAT or FORMAT=FILE (e.g. "table", "sarif=results.sarif")`);
      return false;
    });
  },
  outputFile: readString,
  db: readString,
  helm: readHelm,
  images: readImages,
  audit: readAudit,
  paths: readPaths,
  cluster: readCluster,
  node: readNodeConfig,
};

function readNodeConfig(v: unknown, key: string, errors: ConfigErrors): NodeConfig | undefined {
  if (!isPlainMap(v)) {
    errors.add(key, `expected a map with root, got ${describe(v)}`);
    return undefined;
  }
  checkKnownKeys(v, ['root'], `${key}.`, errors);
  const root = v.root === undefined ? undefined : readString(v.root, `${key}.root`, errors);
  return root === undefined ? {} : { root };
}

function readCluster(v: unknown, key: string, errors: ConfigErrors): ClusterConfig | undefined {
  if (!isPlainMap(v)) {
    errors.add(key, `expected a map with ${CLUSTER_KEYS.join(', ')}, got ${describe(v)}`);
    return undefined;
  }
  checkKnownKeys(v, CLUSTER_KEYS, `${key}.`, errors);
  const out: ClusterConfig = {};
  for (const k of ['kubeconfig', 'context'] as const) {
    if (v[k] === undefined) continue;
    const s = readString(v[k], `${key}.${k}`, errors);
    if (s !== undefined) out[k] = s;
  }
  if (v.excludeNamespaces !== undefined) {
    const list = readStringList(v.excludeNamespaces, `${key}.excludeNamespaces`, errors);
    if (list !== undefined) out.excludeNamespaces = list;
  }
  if (v.includeSecretValues !== undefined) {
    if (typeof v.includeSecretValues === 'boolean') out.includeSecretValues = v.includeSecretValues;
    else errors.add(`${key}.includeSecretValues`, `expected true or false, got ${describe(v.includeSecretValues)}`);
  }
  return out;
}

function readAudit(v: unknown, key: string, errors: ConfigErrors): AuditConfig | undefined {
  if (!isPlainMap(v)) {
    errors.add(key, `expected a map with ${AUDIT_KEYS.join(', ')}, got ${describe(v)}`);
    return undefined;
  }
  checkKnownKeys(v, AUDIT_KEYS, `${key}.`, errors);
  const out: AuditConfig = {};
  for (const k of ['allowedSourceCidrs', 'secretReaders'] as const) {
    if (v[k] === undefined) continue;
    const list = readStringList(v[k], `${key}.${k}`, errors);
    if (list !== undefined) out[k] = list;
  }
  if (v.authFailureThreshold !== undefined) {
    if (Number.isInteger(v.authFailureThreshold) && (v.authFailureThreshold as number) > 0) out.authFailureThreshold = v.authFailureThreshold as number;
    else errors.add(`${key}.authFailureThreshold`, `expected a whole number above 0, got ${describe(v.authFailureThreshold)}`);
  }
  return out;
}

function readImages(v: unknown, key: string, errors: ConfigErrors): ImagesConfig | undefined {
  if (!isPlainMap(v)) {
    errors.add(key, `expected a map with ${IMAGES_KEYS.join(', ')}, got ${describe(v)}`);
    return undefined;
  }
  checkKnownKeys(v, IMAGES_KEYS, `${key}.`, errors);
  const out: ImagesConfig = {};
  if (v.enabled !== undefined) {
    if (typeof v.enabled === 'boolean') out.enabled = v.enabled;
    else errors.add(`${key}.enabled`, `expected true or false, got ${describe(v.enabled)}`);
  }
  if (v.insecureRegistries !== undefined) {
    const list = readStringList(v.insecureRegistries, `${key}.insecureRegistries`, errors);
    if (list !== undefined) out.insecureRegistries = list;
  }
  for (const k of ['platform', 'maxFileSize', 'db', 'requireSigned'] as const) {
    if (v[k] === undefined) continue;
    const s = readString(v[k], `${key}.${k}`, errors);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

export const PATHS_KEYS: readonly (keyof PathsConfig)[] = ['weights'];

function readPaths(v: unknown, key: string, errors: ConfigErrors): PathsConfig | undefined {
  if (!isPlainMap(v)) {
    errors.add(key, `expected a map with ${PATHS_KEYS.join(', ')}, got ${describe(v)}`);
    return undefined;
  }
  checkKnownKeys(v, PATHS_KEYS, `${key}.`, errors);
  const weights = v.weights === undefined ? undefined : readStringList(v.weights, `${key}.weights`, errors);
  return weights ? { weights } : {};
}

function readHelm(v: unknown, key: string, errors: ConfigErrors): HelmConfig | undefined {
  if (!isPlainMap(v)) {
    errors.add(key, `expected a map with ${HELM_KEYS.join(', ')}, got ${describe(v)}`);
    return undefined;
  }
  checkKnownKeys(v, HELM_KEYS, `${key}.`, errors);
  const helm: HelmConfig = {};
  if (v.releaseName !== undefined) {
    const s = readString(v.releaseName, `${key}.releaseName`, errors);
    if (s !== undefined) helm.releaseName = s;
  }
  if (v.namespace !== undefined) {
    const s = readString(v.namespace, `${key}.namespace`, errors);
    if (s !== undefined) helm.namespace = s;
  }
  for (const k of ['values', 'set'] as const) {
    if (v[k] === undefined) continue;
    const list = readStringList(v[k], `${key}.${k}`, errors);
    if (list !== undefined) helm[k] = list;
  }
  return helm;
}

/**
 * Parse and validate the text of a `.kubeward.yaml`. Pure and never throws: keys with bad values
 * are left out of `config` and described in `errors` (each naming the file and the key). Unknown
 * keys are errors, with a "did you mean" hint when one is close. An empty file is an empty config.
 */
export function parseConfig(text: string, file: string): { config: KubewardConfig; errors: string[]; warnings: string[] } {
  const errors = new ConfigErrors(file);
  const warnings: string[] = [];
  const config: KubewardConfig = {};
  const lineCounter = new LineCounter();
  let value: unknown;
  try {
    const doc = parseDocument(text, { lineCounter, prettyErrors: false });
    const err = doc.errors[0];
    if (err) {
      const at = err.linePos?.[0] ?? lineCounter.linePos(err.pos[0]);
      return { config, warnings, errors: [`${file}:${at.line}:${at.col}: ${err.message.split('\n')[0]}`] };
    }
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { config, warnings, errors: [`${file}: cannot read YAML: ${e instanceof Error ? e.message : String(e)}`] };
  }
  if (value === null || value === undefined) return { config, errors: [], warnings };
  if (!isPlainMap(value)) return { config, warnings, errors: [`${file}: expected a map of settings at the top level, got ${describe(value)}`] };
  for (const [old, now] of Object.entries(DEPRECATED_KEYS)) {
    if (!(old in value)) continue;
    if (now in value) errors.add(old, `is the old name of ${now}; give only ${now}`);
    else {
      warnings.push(`${file}: ${old} is deprecated; it is now called ${now}`);
      value[now] = value[old];
    }
    delete value[old];
  }
  const known = CONFIG_KEYS.map((k) => k.key);
  checkKnownKeys(value, known, '', errors);
  for (const key of known) {
    if (value[key] === undefined || value[key] === null) continue;
    const read = READERS[key](value[key], key, errors);
    if (read !== undefined) (config as Record<string, unknown>)[key] = read;
  }
  if (config.images?.db !== undefined) {
    if (config.db !== undefined) errors.add('images.db', 'is the old name of db; give only db');
    else {
      warnings.push(`${file}: images.db is deprecated; it is now the top-level db key`);
      config.db = config.images.db;
    }
    delete config.images.db;
  }
  return { config, errors: errors.list, warnings };
}
