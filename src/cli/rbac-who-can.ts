import type { Command } from 'commander';
import { buildRequest, describeRequest } from '../engine/rbac.js';
import { describeSubject } from '../engine/rbac.js';
import { whoCan, type WhoCanRow } from '../engine/rbac.js';
import { grantJson, grantLine, subjectJson } from './rbac-evidence.js';
import { loadRbac } from './rbac-inputs.js';
import { UsageError, type Ctx } from './io.js';
import { optionValues } from './options.js';
import { jsonDocument } from '../report/json-document.js';

/** `kubeward rbac who-can VERB RESOURCE PATH...`: every subject allowed, with the binding and rule that allow it. */
export async function runWhoCan(verb: string, resource: string, paths: string[], cmd: Command, ctx: Ctx): Promise<string> {
  const { values: flags } = optionValues(cmd, ['namespace', 'allNamespaces', 'name', 'textFormat'], ctx.io.env);
  if (flags.namespace && flags.allNamespaces) throw new UsageError('-n and -A cannot be used together');
  const built = buildRequest(verb, resource, { ...(flags.namespace ? { namespace: flags.namespace } : {}), ...(flags.name ? { name: flags.name } : {}) });
  if ('error' in built) throw new UsageError(built.error);
  const { model } = await loadRbac(paths, cmd, ctx);
  const rows = whoCan(model, built.request, { allNamespaces: flags.allNamespaces === true, includeNamed: true });
  const groups = new Map<string, WhoCanRow[]>();
  for (const r of rows) {
    const k = describeSubject(r.subject);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const note = 'Group system:masters is always allowed by the API server, whatever RBAC says.';
  if (flags.textFormat === 'json') {
    return jsonDocument('RbacWhoCan', {
      request: built.request,
      ...(built.guessed ? { warning: `"${built.request.kind === 'resource' ? built.request.resource : ''}" is not a known built-in resource: taken to be in the core group; name it as resource.group otherwise` } : {}),
      subjects: [...groups.values()].map((rs) => ({ ...subjectJson(rs[0]!.subject), grants: rs.map((r) => ({ ...grantJson(r), ...(r.onlyNames ? { onlyNames: r.onlyNames } : {}) })) })),
      note,
    });
  }
  const partial = [...groups.values()].filter((rs) => rs.every((r) => r.onlyNames)).length;
  const lines = [`Who can ${describeRequest(built.request)}${flags.allNamespaces ? ' (or in any namespace)' : ''}: ${groups.size} subject${groups.size === 1 ? '' : 's'}${partial ? ` (${partial} only for named objects)` : ''}`];
  if (built.guessed) lines.push(`warning: "${resource}" is not a known built-in resource: taken to be in the core group (write resource.group for others)`);
  for (const [subject, rs] of groups) {
    lines.push('', subject);
    for (const r of rs) lines.push(`  ${r.namespace ? `in ${r.namespace}: ` : ''}${r.onlyNames ? `only ${r.onlyNames.join(', ')}: ` : ''}${grantLine(r)}`);
  }
  lines.push('', note);
  return lines.join('\n');
}
