import type { ComponentContext, Issue } from '../define.js';
import type { Evidence } from '../../model/finding.js';
import { asRecord, type K8sObject } from '../../model/object.js';

/**
 * A kubelet setting as the kubelet decides it: a command-line flag wins over the configuration file
 * (KubeletConfiguration), and each has its own default: the file's defaults (kubelet.config.k8s.io/v1beta1)
 * are the safer ones (anonymous auth off, Webhook authorization, read-only port 0), the flags' are the old ones.
 */
export interface KubeletSetting {
  /** The value: a flag's text, or the file's value (any JSON); the default when neither sets it. */
  value: unknown;
  from: 'flag' | 'config' | 'default';
  /** Where to report it: the object (process or configuration file) and the field. */
  object: K8sObject;
  path: string;
}

export interface SettingSpec {
  /** The command-line flag, when the setting has one (feature gates of the file have none here). */
  flag?: string;
  /** Path of the field in KubeletConfiguration, e.g. ['authentication', 'anonymous', 'enabled']. */
  field: readonly string[];
  /** Default with a configuration file, and with flags only. */
  defaults: { config: unknown; flags: unknown };
}

/** The setting, or undefined when the kubelet names a configuration file that was not read (nothing to judge). */
export function kubeletSetting(ctx: ComponentContext, spec: SettingSpec): KubeletSetting | undefined {
  const c = ctx.component;
  const flag = spec.flag ? c.flags.last(spec.flag) : undefined;
  if (flag) return { value: flag.value, from: 'flag', object: c.object, path: c.argPath(flag.index) };
  if (c.config) {
    let node: unknown = c.config.raw;
    let deepest = '/kind';
    let path = '';
    for (const key of spec.field) {
      const rec = asRecord(node);
      if (!rec || !(key in rec)) return { value: spec.defaults.config, from: 'default', object: c.config, path: deepest };
      node = rec[key];
      path += '/' + key;
      deepest = path;
    }
    return { value: node, from: 'config', object: c.config, path };
  }
  if (c.configPath) return undefined;
  return { value: spec.defaults.flags, from: 'default', object: c.object, path: c.listPath || '/kind' };
}

/** How a setting reads in a message: `--read-only-port=10255`, `readOnlyPort: 10255`, or `readOnlyPort not set (default 10255)`. */
export function describe(s: KubeletSetting, spec: SettingSpec): string {
  const field = spec.field.join('.');
  if (s.from === 'flag') return `--${spec.flag}=${String(s.value)}`;
  if (s.from === 'config') return `${field}: ${JSON.stringify(s.value)}`;
  return `${field}${spec.flag ? ` / --${spec.flag}` : ''} not set (default ${JSON.stringify(s.value)})`;
}

/** An issue about a setting, in the object that holds it (the configuration file when it comes from there). */
export function settingIssue(ctx: ComponentContext, s: KubeletSetting, message: string, evidence?: Evidence): Issue {
  const issue = ctx.at(s.path, message, evidence);
  return s.object === ctx.component.object ? issue : { ...issue, on: s.object };
}

export const asBool = (v: unknown): boolean | undefined =>
  typeof v === 'boolean' ? v : typeof v === 'string' ? (/^(1|t|true)$/i.test(v) ? true : /^(0|f|false)$/i.test(v) ? false : undefined) : undefined;

export const asNumber = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);

/** A one-setting check: the issue when `bad(value)` says the value is wrong. */
export function judgeSetting(ctx: ComponentContext, spec: SettingSpec, bad: (value: unknown) => boolean, why: string, expected: string): Issue[] {
  const s = kubeletSetting(ctx, spec);
  if (!s || !bad(s.value)) return [];
  return [settingIssue(ctx, s, `${describe(s, spec)}: ${why}`, { found: typeof s.value === 'object' ? JSON.stringify(s.value) : (s.value as string | number | boolean), expected })];
}

/** Example manifests: a KubeletConfiguration file with the given body lines, and a kubelet process with flags. */
export function kubeletConfig(body: string): string {
  return `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
${body}`;
}

export function kubeletProcess(flags: readonly string[]): string {
  return `apiVersion: node.kubeward.io/v1
kind: Process
metadata:
  name: kubelet-812
spec:
  component: kubelet
  pid: 812
  args:
    - /usr/bin/kubelet
${flags.map((f) => `    - ${f}`).join('\n')}
`;
}

/** A kubelet configuration every kubelet check passes. */
export const HARDENED_KUBELET = `authentication:
  anonymous:
    enabled: false
  webhook:
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
readOnlyPort: 0
protectKernelDefaults: true
rotateCertificates: true
serverTLSBootstrap: true
streamingConnectionIdleTimeout: 4h0m0s
makeIPTablesUtilChains: true
eventRecordQPS: 50
tlsCipherSuites:
  - TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
  - TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
`;
