// Dockerfile text → instructions and build stages. Pure and never throws.
import { KEYWORDS, parseRaw } from './instruction.js';
import { lexDockerfile } from './lexer.js';
import type { Dockerfile, Instruction, Stage, StageBase } from '../../model/dockerfile.js';
import { expandWord, keyValues, splitWords } from '../../model/dockerfile-words.js';

export interface ParseOptions {
  /** `--build-arg NAME=value`: values for ARGs (they override ARG defaults). */
  buildArgs?: Record<string, string>;
}

/** Parse a Dockerfile. Problems (unknown instructions, a missing FROM, unclosed heredocs) are listed, never thrown. */
export function parseDockerfile(text: string, file: string, opts: ParseOptions = {}): Dockerfile {
  const lexed = lexDockerfile(text);
  const problems = [...lexed.problems];
  const escape = lexed.escape;
  const buildArgs = opts.buildArgs ?? {};
  const globalArgs = new Map<string, string | undefined>();
  const instructions: Instruction[] = [];
  const stages: Stage[] = [];
  for (const raw of lexed.instructions) {
    const ins = parseRaw(raw, stages.length - 1);
    if (!KEYWORDS.has(ins.keyword)) problems.push({ message: `unknown instruction "${ins.keyword}"`, position: ins.position });
    if (ins.keyword === 'FROM') {
      const stage = fromStage(ins, stages, globalArgs, escape);
      if ('error' in stage) problems.push({ message: stage.error, position: ins.position });
      else {
        ins.stage = stages.length;
        stages.push(stage);
      }
    } else if (stages.length === 0) {
      if (ins.keyword === 'ARG') {
        for (const kv of keyValues(ins.args.text, escape, false)) {
          const given = buildArgs[kv.name];
          const dflt = kv.rawValue === undefined ? undefined : expandWord(kv.rawValue, (n) => globalArgs.get(n), escape).value;
          globalArgs.set(kv.name, given ?? dflt);
        }
      } else if (KEYWORDS.has(ins.keyword)) {
        problems.push({ message: `${ins.keyword} before the first FROM: only ARG may come before FROM`, position: ins.position });
      }
    }
    instructions.push(ins);
    if (ins.stage >= 0 && stages[ins.stage]) stages[ins.stage]!.instructions.push(ins);
  }
  if (stages.length === 0 && instructions.length > 0) problems.push({ message: 'no FROM instruction: not a Dockerfile, or an incomplete one', position: instructions[0]!.position });
  return { file, directives: lexed.directives, escape, instructions, globalArgs, buildArgs, stages, problems };
}

function fromStage(ins: Instruction, stages: Stage[], globalArgs: Map<string, string | undefined>, escape: string): Stage | { error: string } {
  const words = splitWords(ins.args.text, escape);
  if (words.length === 0) return { error: 'FROM without an image' };
  if (words.length !== 1 && !(words.length === 3 && words[1]!.raw.toLowerCase() === 'as')) {
    return { error: `FROM expects "image [AS name]", got "${ins.args.text.trim()}"` };
  }
  const lookup = (n: string) => globalArgs.get(n);
  const written = words[0]!.raw;
  const image = expandWord(written, lookup, escape);
  const stage: Stage = { index: stages.length, from: ins, written, base: baseOf(image.value, image.unresolved, written, stages), instructions: [] };
  if (words.length === 3) stage.name = expandWord(words[2]!.raw, lookup, escape).value.toLowerCase();
  const platform = ins.flags.find((f) => f.name === 'platform');
  if (platform?.value !== undefined) {
    // Automatic platform ARGs (BUILDPLATFORM, TARGETPLATFORM) have no value until a build: keep them as written.
    const p = expandWord(platform.value, lookup, escape);
    stage.platform = p.unresolved ? platform.value : p.value;
  }
  return stage;
}

function baseOf(value: string, unresolved: boolean, written: string, stages: readonly Stage[]): StageBase {
  if (unresolved || value === '') return { kind: 'unresolved', text: written };
  const byName = stages.find((s) => s.name === value.toLowerCase());
  if (byName) return { kind: 'stage', stage: byName.index };
  return { kind: 'image', image: value };
}
