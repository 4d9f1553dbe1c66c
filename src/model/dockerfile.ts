// A parsed Dockerfile: instructions with their source positions and build stages (read by src/sources/dockerfile).
import type { Position } from './position.js';

/**
 * Text assembled from pieces of several physical lines (continuations, heredoc bodies), that still
 * knows where each of its characters came from.
 */
export interface SourceText {
  text: string;
  /** The 1-based line and column of the character at `offset` (the end maps to just after the last one). */
  positionAt(offset: number): Position;
}

/** `--name=value` (or `--name`) before an instruction's arguments. */
export interface Flag {
  name: string;
  /** undefined for a bare `--name`. */
  value?: string;
  position: Position;
}

/** `<<EOF` … `EOF` attached to RUN, COPY or ADD. */
export interface Heredoc {
  /** The delimiter word. */
  name: string;
  /** `<<-`: leading tabs are stripped from the body lines. */
  stripTabs: boolean;
  /** The delimiter was quoted: no variable expansion in the body. */
  quoted: boolean;
  /** The lines between the opening line and the delimiter, each ending in "\n". */
  body: SourceText;
}

export interface Instruction {
  /** Upper-case keyword: FROM, RUN, COPY, ... (instructions are case-insensitive). */
  keyword: string;
  /** Where the keyword starts. */
  position: Position;
  /** Last physical line of the instruction (continuations and heredocs included). */
  endLine: number;
  /** Flags before the arguments (`--platform=…`, `--from=…`, `--mount=…`, `--chown=…`, …). */
  flags: Flag[];
  /** The arguments after the keyword and flags, continuation lines joined, with positions. */
  args: SourceText;
  /** The JSON (exec) form: `["executable", "arg"]`; undefined for the shell form. */
  json?: string[];
  heredocs: Heredoc[];
  /** 0-based build stage this instruction belongs to; -1 before the first FROM (global ARGs). */
  stage: number;
  /** For ONBUILD: the instruction it registers. */
  onbuild?: Instruction;
}

/** Where a stage's base comes from. */
export type StageBase =
  /** An image from a registry ("scratch" is the empty image). */
  | { kind: 'image'; image: string }
  /** An earlier stage of this Dockerfile (`FROM builder`). */
  | { kind: 'stage'; stage: number }
  /** A reference with variables that have no value here (`FROM ${BASE}` without a default). */
  | { kind: 'unresolved'; text: string };

export interface Stage {
  index: number;
  /** `AS name`, lower-cased as Docker matches it; undefined when unnamed. */
  name?: string;
  /** The FROM instruction. */
  from: Instruction;
  /** The image reference as written after the flags (before substitution). */
  written: string;
  base: StageBase;
  platform?: string;
  /** Every instruction of the stage, FROM first. */
  instructions: Instruction[];
}

export interface DockerfileProblem {
  message: string;
  position: Position;
}

export interface Dockerfile {
  file: string;
  /** `# syntax=`, `# escape=`, `# check=` parser directives, lower-case names. */
  directives: Record<string, string>;
  escape: '\\' | '`';
  instructions: Instruction[];
  /** ARGs declared before the first FROM, with their defaults (or build args given), usable in FROM. */
  globalArgs: Map<string, string | undefined>;
  /** Values given for ARGs (`--build-arg NAME=value`). */
  buildArgs: Record<string, string>;
  stages: Stage[];
  problems: DockerfileProblem[];
}
