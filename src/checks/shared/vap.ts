/**
 * CEL building blocks for checks exported as ValidatingAdmissionPolicies (`vap` in a check's metadata, see
 * VapExport in ../define.ts). The API server's CEL sees the object as stored (defaulted, validated), so fields
 * have their schema types; an absent field must be tested with `has()` before it is read. Expressions use only
 * `has()`, macros (`all`, `exists`) and standard functions, which every API server with VAP v1 (1.30+) knows.
 */
import type { VapExport, VapValidation } from '../define.js';

/** The variables every `match: 'workloads'` policy has: where the pod spec is in Pod and in each template kind. */
export const WORKLOAD_VARIABLES: readonly { name: string; expression: string }[] = [
  {
    name: 'podTemplate',
    expression:
      "object.kind == 'Pod' ? object : object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template : object.spec.template",
  },
  { name: 'podSpec', expression: 'variables.podTemplate.spec' },
  { name: 'podMeta', expression: 'has(variables.podTemplate.metadata) ? variables.podTemplate.metadata : {}' },
  { name: 'podAnnotations', expression: 'has(variables.podMeta.annotations) ? variables.podMeta.annotations : {}' },
  { name: 'podSecurityContext', expression: 'has(variables.podSpec.securityContext) ? variables.podSpec.securityContext : {}' },
  {
    name: 'containers',
    expression:
      'variables.podSpec.containers' +
      ' + (has(variables.podSpec.initContainers) ? variables.podSpec.initContainers : [])' +
      ' + (has(variables.podSpec.ephemeralContainers) ? variables.podSpec.ephemeralContainers : [])',
  },
];

export const POD = 'variables.podSpec';
export const POD_SC = 'variables.podSecurityContext';
export const CONTAINERS = 'variables.containers';

/** `has(base.a) && has(base.a.b) …`: every step of a dotted path is present. */
export function isSet(base: string, path: string): string {
  let cur = base;
  return path.split('.').map((p) => `has(${(cur = `${cur}.${p}`)})`).join(' && ');
}

/** The field is present and equals `value` (a CEL literal). */
export function isValue(base: string, path: string, value: string): string {
  return `(${isSet(base, path)} && ${base}.${path} == ${value})`;
}

/** A CEL list literal of strings. */
export function list(values: Iterable<string>): string {
  return `[${[...values].map((v) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ')}]`;
}

/** The pod declares `os.name: windows` (Linux-only Pod Security controls exempt it). */
export const WINDOWS_POD = isValue(POD, 'os.name', "'windows'");
/** The pod has its own user namespace (`hostUsers: false`). */
export const USER_NAMESPACE_POD = isValue(POD, 'hostUsers', 'false');

/** Every container (init, app, ephemeral) satisfies `ok` (over `c`). */
export function everyContainer(ok: string): string {
  return `${CONTAINERS}.all(c, ${ok})`;
}

/** A workload policy: each validation must hold on the pod spec of the object. */
export function workloadVap(validations: VapValidation[], baked?: string): VapExport {
  return baked ? { match: 'workloads', validations, baked } : { match: 'workloads', validations };
}

/** Every container but ephemeral ones (init and app) satisfies `ok` (over `c`). */
export function everyPodContainer(ok: string): string {
  return `(${POD}.containers + (has(${POD}.initContainers) ? ${POD}.initContainers : [])).all(c, ${ok})`;
}

/** CEL pieces of `c.image` split as splitImageName does (src/model/image-name.ts): name, digest, tag ('' when none). */
export const IMAGE = (() => {
  const i = 'c.image';
  const name = `(${i}.contains('@') ? ${i}.substring(0, ${i}.indexOf('@')) : ${i})`;
  const digest = `(${i}.contains('@') ? ${i}.substring(${i}.indexOf('@') + 1) : '')`;
  const tag = `(${name}.lastIndexOf(':') > ${name}.lastIndexOf('/') ? ${name}.substring(${name}.lastIndexOf(':') + 1) : '')`;
  return { present: `(has(${i}) && ${i} != '')`, name, digest, tag };
})();

/** The container has `section.name` (a resource quantity), or the pod-level resources have it. */
export function hasResource(section: 'limits' | 'requests', name: string): string {
  const q = `'${name}'`;
  return `((${isSet('c', `resources.${section}`)} && ${q} in c.resources.${section}) || (${isSet(POD, `resources.${section}`)} && ${q} in ${POD}.resources.${section}))`;
}

/** A capability spelling normalised as capabilityName does (trimmed, upper case, no CAP_ prefix). */
export function capabilityName(a: string): string {
  const u = `${a}.trim().upperAscii()`;
  return `(${u}.startsWith('CAP_') ? ${u}.substring(4) : ${u})`;
}
