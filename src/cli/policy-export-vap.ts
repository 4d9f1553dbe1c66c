import type { Command } from 'commander';
import { exportCheckPolicies, parseLabelSelector, VAP_ACTIONS, type VapAction } from '../engine/vap-export.js';
import { policiesYaml } from '../report/netpol-policies.js';
import type { Ctx } from './io.js';
import { optionValues } from './options.js';
import { EXPORT_VAP_OPTIONS } from './option-sets.js';
import { writeOut } from './write-outputs.js';

/** `kubeward policy export-vap`: built-in checks as ValidatingAdmissionPolicy + binding YAML, or `--list`. */
export async function runExportVap(cmd: Command, ctx: Ctx): Promise<number> {
  const { values: o } = optionValues(cmd, EXPORT_VAP_OPTIONS, ctx.io.env);
  const actions = (o.vapAction ?? []).map((a) => VAP_ACTIONS.find((v) => v.toLowerCase() === a.toLowerCase())!) as VapAction[];
  const { objects, exported, notExported, baked } = exportCheckPolicies({
    ...(o.checks?.length ? { checks: o.checks } : {}),
    ...(o.skipChecks?.length ? { skipChecks: o.skipChecks } : {}),
    actions,
    ...(o.vapNamespaceSelector ? { namespaceSelector: parseLabelSelector(o.vapNamespaceSelector) } : {}),
  });
  if (o.vapList) {
    const lines = [
      `exported (${exported.length}):`,
      ...exported.map((id) => `  ${id}${baked[id] ? `  [${baked[id]}]` : ''}`),
      `not exported (${notExported.length}):`,
      ...notExported.map((n) => `  ${n.id}: ${n.reason}`),
    ];
    await writeOut(lines.join('\n') + '\n', o.outputFile, ctx.io.stdout);
    return 0;
  }
  const header = [
    `# kubeward policy export-vap: ${exported.length} ValidatingAdmissionPolicies with bindings (validationActions: ${actions.join(', ')}).`,
    `# Not exported (${notExported.length}):`,
    ...notExported.map((n) => `#   ${n.id}: ${n.reason}`),
  ].join('\n');
  await writeOut(`${header}\n${objects.length ? '---\n' + policiesYaml(objects) : ''}`, o.outputFile, ctx.io.stdout);
  if (exported.length === 0) ctx.note('no check selected can be exported as a ValidatingAdmissionPolicy');
  return 0;
}

