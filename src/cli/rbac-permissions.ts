import type { Command } from 'commander';
import { displayBinding } from '../engine/rbac.js';
import { flattenPermissions } from '../engine/rbac.js';
import { parseSubject, subjectApplies } from '../engine/rbac.js';
import { roleName, where } from './rbac-evidence.js';
import { loadRbac } from './rbac-inputs.js';
import { UsageError, type Ctx } from './io.js';
import { optionValues } from './options.js';
import { jsonDocument } from '../report/json-document.js';

/** `kubeward rbac permissions SUBJECT PATH...`: effective rules in every scope, flattened and de-duplicated. */
export async function runPermissions(subject: string, paths: string[], cmd: Command, ctx: Ctx): Promise<string> {
  const { values: flags } = optionValues(cmd, ['group', 'textFormat'], ctx.io.env);
  const who = parseSubject(subject, flags.group ?? []);
  if ('error' in who) throw new UsageError(who.error);
  const { model } = await loadRbac(paths, cmd, ctx);
  const rows = flattenPermissions(model.grantsFor(who.identity, '*'));
  const dead = model.bindings.filter((b) => b.unresolved && b.subjects.some((s) => subjectApplies(s, who.identity)));
  const via = (r: (typeof rows)[number]) => [...new Set(r.via.map((g) => `${displayBinding(g.binding)} → ${roleName(g.role)}`))];
  if (flags.textFormat === 'json') {
    return jsonDocument('RbacPermissions', {
      subject: who.label,
      groups: who.identity.groups,
      privilegedGroup: who.identity.groups.includes('system:masters'),
      permissions: rows.map((r) => ({
        scope: r.namespace ?? 'cluster',
        ...(r.url !== undefined ? { nonResourceURL: r.url } : { apiGroup: r.apiGroup, resource: r.resource, resourceNames: r.resourceNames }),
        verbs: r.verbs,
        via: via(r),
      })),
      bindingsGrantingNothing: dead.map((b) => ({ binding: displayBinding(b), file: where(b.object), reason: b.unresolved!.message })),
    });
  }
  const table = rows.map((r) => [
    r.namespace ?? 'cluster',
    r.url !== undefined ? '' : r.apiGroup === '' ? 'core' : r.apiGroup!,
    r.url ?? r.resource!,
    r.resourceNames.join(',') || '*',
    r.verbs.join(','),
    via(r).join('; '),
  ]);
  const head = ['SCOPE', 'APIGROUP', 'RESOURCE/URL', 'NAMES', 'VERBS', 'VIA'];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((c, i) => (i < row.length - 1 ? c.padEnd(widths[i]!) : c)).join('  ');
  const out = [`Permissions of ${who.label} (groups: ${who.identity.groups.join(', ') || 'none'}): ${rows.length} rule${rows.length === 1 ? '' : 's'}`];
  if (who.identity.groups.includes('system:masters')) out.push('In system:masters: the API server allows everything, whatever RBAC says.');
  if (rows.length) out.push('', line(head), ...table.map(line));
  for (const b of dead) out.push('', `Note: ${displayBinding(b)} (${where(b.object)}) names this subject but grants nothing: ${b.unresolved!.message}`);
  return out.join('\n');
}
