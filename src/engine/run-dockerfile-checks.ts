import type { Check, CheckOptions, DockerfileContext, Issue } from '../checks/define.js';
import type { Dockerfile, Instruction } from '../model/dockerfile.js';
import { makeFinding, type Finding } from '../model/finding.js';
import { absorb, identityState, type HashState } from '../model/fingerprint.js';

type DockerfileCheck = Extract<Check, { subject: 'dockerfile' }>;

export function isDockerfileCheck(c: Check): c is DockerfileCheck {
  return c.subject === 'dockerfile';
}

/** `/instructions/N`: the instruction's place in the parsed Dockerfile, the finding's `path`. */
export function instructionPath(df: Dockerfile, ins: Instruction): string {
  const top = df.instructions.indexOf(ins);
  if (top >= 0) return `/instructions/${top}`;
  // An ONBUILD's inner instruction.
  const owner = df.instructions.findIndex((i) => i.onbuild === ins);
  return owner >= 0 ? `/instructions/${owner}/onbuild` : '';
}

/**
 * Run Dockerfile checks over parsed Dockerfiles, with their parse problems as `invalid-manifest`
 * style findings of `problemCheck` (when given). Pure. A check that throws becomes an
 * `internal-error` finding on that file, and the other checks still run.
 */
export function runDockerfileChecks(checks: readonly Check[], dockerfiles: readonly Dockerfile[], opts: { checkOptions?: Record<string, CheckOptions>; problemCheck?: Check } = {}): Finding[] {
  const out: Finding[] = [];
  const list = checks.filter(isDockerfileCheck);
  for (const df of dockerfiles) {
    // Identity across runs: the file, the instruction's text and the message, never the line number.
    const fileState = absorb(identityState({ apiVersion: 'kubeward.io/dockerfile', kind: 'Dockerfile', name: df.file }));
    const stateOf = new Map<string, HashState>();
    const finding = (check: Check, issue: Issue): Finding => {
      const position = issue.position ?? { line: 1, column: 1 };
      let state = stateOf.get(issue.path);
      if (state === undefined) {
        const m = /^\/instructions\/(\d+)/.exec(issue.path);
        const ins = m ? df.instructions[Number(m[1])] : undefined;
        // Whitespace-normalised and capped: reformatting keeps the identity, and hashing stays cheap.
        state = absorb(fileState, ins ? `${ins.keyword} ${ins.args.text.slice(0, 512).replace(/\s+/g, ' ').trim()}` : '');
        stateOf.set(issue.path, state);
      }
      // The message, not the path, tells issues on one instruction apart.
      return makeFinding(check, issue, { location: { file: df.file, line: position.line, column: position.column }, identity: state, key: issue.message });
    };
    const ctx: DockerfileContext = {
      dockerfile: df,
      options: {},
      at: (ins, message, evidence, position) => {
        const issue: Issue = { path: instructionPath(df, ins), message, position: position ?? ins.position };
        if (evidence) issue.evidence = evidence;
        return issue;
      },
    };
    for (const check of list) {
      ctx.options = opts.checkOptions?.[check.id] ?? {};
      try {
        for (const issue of check.run(ctx)) out.push(finding(check, issue));
      } catch (err) {
        const message = `check ${check.id} failed on this Dockerfile: ${err instanceof Error ? err.message : String(err)}`;
        out.push({ ...finding(check, { path: '', message }), checkId: 'internal-error', severity: 'info', title: 'A check failed to run' });
      }
    }
    if (opts.problemCheck) {
      for (const p of df.problems) out.push(finding(opts.problemCheck, { path: '', message: p.message, position: p.position }));
    }
  }
  return out;
}
