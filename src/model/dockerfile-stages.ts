// What the final image is made of: the last build stage and the stages it is built FROM, and the
// variables (ARG, ENV) in scope at an instruction.
import type { Dockerfile, Instruction, Stage } from './dockerfile.js';
import { expandWord, keyValues, type Lookup } from './dockerfile-words.js';

/** The final stage, then the stage it is built FROM, and so on (the stages whose layers ship). */
export function finalChain(df: Dockerfile): Stage[] {
  const out: Stage[] = [];
  let stage: Stage | undefined = df.stages[df.stages.length - 1];
  const seen = new Set<number>();
  while (stage && !seen.has(stage.index)) {
    seen.add(stage.index);
    out.push(stage);
    stage = stage.base.kind === 'stage' ? df.stages[stage.base.stage] : undefined;
  }
  return out;
}

/** Is this stage part of the final image? */
export function shipsInFinalImage(df: Dockerfile, stage: number): boolean {
  return finalChain(df).some((s) => s.index === stage);
}

/** The last instruction with this keyword in the final image (searching the final stage, then its base stages). */
export function lastInFinalImage(df: Dockerfile, keyword: string): Instruction | undefined {
  for (const stage of finalChain(df)) {
    for (let i = stage.instructions.length - 1; i >= 0; i--) {
      const ins = stage.instructions[i]!;
      if (ins.keyword === keyword) return ins;
    }
  }
  return undefined;
}

/**
 * The variables in scope just before `at` in its stage: ENV set in the stage (or inherited from the
 * stage it is built FROM) and ARGs declared in the stage (a global ARG is only visible after `ARG NAME`).
 */
export function variablesAt(df: Dockerfile, at: Instruction): Lookup {
  const stage = df.stages[at.stage];
  if (!stage) return (n) => df.globalArgs.get(n);
  const vars = new Map<string, string | undefined>();
  const chain = [stage];
  for (let s = stage; s.base.kind === 'stage'; ) {
    const parent = df.stages[s.base.stage];
    if (!parent || chain.includes(parent)) break;
    chain.unshift(parent);
    s = parent;
  }
  const lookup: Lookup = (n) => vars.get(n);
  for (const s of chain) {
    for (const ins of s.instructions) {
      if (ins === at) break;
      if (ins.keyword === 'ENV') {
        for (const kv of keyValues(ins.args.text, df.escape, true)) vars.set(kv.name, kv.rawValue === undefined ? '' : expandWord(kv.rawValue, lookup, df.escape).value);
      } else if (ins.keyword === 'ARG' && s === stage) {
        for (const kv of keyValues(ins.args.text, df.escape, false)) {
          if (vars.has(kv.name) && kv.rawValue === undefined) continue;
          // A value given with --build-arg wins, then a global ARG's value (for `ARG NAME` without a default), then the default.
          const given = df.buildArgs[kv.name] ?? (kv.rawValue === undefined ? df.globalArgs.get(kv.name) : undefined);
          vars.set(kv.name, given ?? (kv.rawValue === undefined ? undefined : expandWord(kv.rawValue, lookup, df.escape).value));
        }
      }
    }
  }
  return lookup;
}
