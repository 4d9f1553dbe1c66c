import type { Command } from 'commander';
import { displayBinding } from '../engine/rbac.js';
import { buildRequest, describeRequest } from '../engine/rbac.js';
import { parseSubject, subjectApplies } from '../engine/rbac.js';
import { grantJson, grantLine, where } from './rbac-evidence.js';
import { loadRbac } from './rbac-inputs.js';
import { UsageError, type Ctx } from './io.js';
import { optionValues } from './options.js';
import { jsonDocument } from '../report/json-document.js';

/** `kubeward rbac can SUBJECT VERB RESOURCE PATH...`: yes or no, and why. Exit 0 for yes, 1 for no (as kubectl auth can-i). */
export async function runCan(subject: string, verb: string, resource: string, paths: string[], cmd: Command, ctx: Ctx): Promise<{ text: string; code: number }> {
  const { values: flags } = optionValues(cmd, ['namespace', 'name', 'group', 'textFormat'], ctx.io.env);
  const who = parseSubject(subject, flags.group ?? []);
  if ('error' in who) throw new UsageError(who.error);
  const built = buildRequest(verb, resource, { ...(flags.namespace ? { namespace: flags.namespace } : {}), ...(flags.name ? { name: flags.name } : {}) });
  if ('error' in built) throw new UsageError(built.error);
  const { model } = await loadRbac(paths, cmd, ctx);
  const d = model.authorize(who.identity, built.request);
  // Bindings that name the subject but grant nothing: worth saying when the answer is no.
  const dead = model.bindings.filter((b) => b.unresolved && b.subjects.some((s) => subjectApplies(s, who.identity)) && (b.namespace === undefined || (built.request.kind === 'resource' && b.namespace === built.request.namespace)));
  const code = d.allowed ? 0 : 1;
  if (flags.textFormat === 'json') {
    return {
      code,
      text: jsonDocument('RbacCan', {
        subject: who.label, groups: who.identity.groups, request: built.request, allowed: d.allowed,
        ...(d.privilegedGroup ? { privilegedGroup: 'system:masters' } : {}),
        grants: d.grants.map((g) => grantJson(g)),
        bindingsGrantingNothing: dead.map((b) => ({ binding: displayBinding(b), reason: b.unresolved!.message })),
      }),
    };
  }
  const lines = [d.allowed ? 'yes' : 'no', `${who.label} (groups: ${who.identity.groups.join(', ') || 'none'}) ${d.allowed ? 'may' : 'may not'} ${describeRequest(built.request)}.`];
  if (d.privilegedGroup) lines.push('Allowed: system:masters is the API server\'s privileged group, allowed whatever RBAC says.');
  if (d.grants.length) {
    lines.push('Allowed by:');
    for (const g of d.grants) lines.push(`  ${g.subject.kind} ${g.subject.name} in ${grantLine(g)}`);
  } else if (!d.allowed) lines.push('No binding that applies to this subject has a rule that allows it.');
  const r = built.request;
  if (r.kind === 'resource' && r.name && !r.subresource && (r.verb === 'list' || r.verb === 'watch')) {
    lines.push(`Note: a ${r.verb} carries a name only when it selects that one object (fieldSelector metadata.name=${r.name}); an unfiltered ${r.verb} is asked without --name, and a rule with resourceNames never allows it.`);
  }
  for (const b of dead) lines.push(`Note: ${displayBinding(b)} (${where(b.object)}) names this subject but grants nothing: ${b.unresolved!.message}`);
  return { code, text: lines.join('\n') };
}
