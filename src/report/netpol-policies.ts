import { stringify } from 'yaml';

/**
 * Generated policies as a multi-document YAML stream. Written for YAML 1.1 readers (kubectl and the API
 * server use go-yaml v2 rules): strings such as `y`, `on`, `no` or `0x1F` are quoted, so a label value
 * never turns into a boolean or a number on the way in.
 */
export function policiesYaml(policies: readonly Record<string, unknown>[]): string {
  return policies.map((p) => stringify(p, { version: '1.1' })).join('---\n');
}
