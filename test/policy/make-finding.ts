import { defineCheck, type Check } from '../../src/checks/define.js';
import type { Finding, ObjectRef, Severity } from '../../src/model/finding.js';
import { fingerprint } from '../../src/model/fingerprint.js';

/** A finding built by hand, with the fingerprint computed as the check runner does. */
export function finding(checkId: string, object: Partial<ObjectRef> | undefined, opts: { severity?: Severity; file?: string; line?: number; path?: string } = {}): Finding {
  const ref: ObjectRef | undefined = object ? { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', ...object } : undefined;
  const path = opts.path ?? '/spec/template/spec/containers/0/securityContext/privileged';
  const file = opts.file ?? 'deploy/web.yaml';
  const f: Finding = {
    checkId,
    severity: opts.severity ?? 'high',
    title: `title of ${checkId}`,
    message: 'something is wrong',
    category: 'workload',
    location: { file, line: opts.line ?? 10, column: 5, document: 0 },
    path,
    remediation: 'fix it',
    frameworks: {},
    fingerprint: fingerprint(checkId, ref, path, ref ? undefined : file),
  };
  if (ref) f.object = ref;
  return f;
}

/** A small object check with aliases, for selection and alias resolution. */
export function fakeCheck(id: string, aliases: Check['aliases'] = {}, severity: Severity = 'high'): Check {
  return defineCheck({
    id,
    title: id,
    severity,
    category: 'workload',
    description: id,
    remediation: 'fix',
    frameworks: {},
    aliases,
    examples: { fail: [], pass: [] },
    subject: 'object',
    run: () => [],
  });
}

export const CHECKS: Check[] = [
  fakeCheck('privileged-container', { kubescape: ['C-0057'], trivy: ['KSV017'], checkov: ['CKV_K8S_16'] }, 'critical'),
  fakeCheck('run-as-root', { kubescape: ['C-0013'], trivy: ['KSV012'] }),
  fakeCheck('host-network', { kubescape: ['C-0041'], trivy: ['KSV009'], kubeLinter: ['host-namespaces'] }),
  fakeCheck('host-pid', { kubescape: ['C-0038'], trivy: ['KSV010'], kubeLinter: ['host-namespaces'] }),
  fakeCheck('missing-limits', { kubescape: ['C-0009'] }, 'medium'),
];

/** A load check: findings without an object, from problems met while reading input. */
export const LOAD_CHECK: Check = defineCheck({
  id: 'invalid-manifest',
  title: 'Manifest cannot be read',
  severity: 'high',
  category: 'manifest',
  description: 'invalid',
  remediation: 'fix the YAML',
  frameworks: {},
  examples: { fail: [], pass: [] },
  subject: 'load',
  codes: ['invalid-manifest'],
});
