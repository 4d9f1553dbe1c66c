// One logical line → an Instruction: keyword, flags, exec (JSON) or shell form.
import type { RawInstruction } from './lexer.js';
import { sliceText } from './source-text.js';
import type { Flag, Heredoc, Instruction, SourceText } from '../../model/dockerfile.js';

/** Instructions whose arguments may be a JSON array (exec form). */
const JSON_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY', 'ADD', 'VOLUME']);

/** Every instruction the Dockerfile reference knows (others are reported). */
export const KEYWORDS = new Set([
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER',
  'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
]);

function skipBlanks(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** A JSON array of strings, or undefined. */
function jsonForm(text: string): string[] | undefined {
  const t = text.trim();
  if (!t.startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(t);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Parse `line` (keyword first) into an instruction. */
export function parseLine(line: SourceText, heredocs: Heredoc[], endLine: number, stage: number): Instruction {
  const text = line.text;
  const kw = /^\S*/.exec(text)![0];
  const keyword = kw.toUpperCase();
  let i = skipBlanks(text, kw.length);
  const flags: Flag[] = [];
  // Flags come first (`--platform=…`, `--from=…`, `--mount=…`, …); HEALTHCHECK's are before CMD.
  while (text.startsWith('--', i) && keyword !== 'ONBUILD') {
    let end = i;
    while (end < text.length && text[end] !== ' ' && text[end] !== '\t') end++;
    const token = text.slice(i + 2, end);
    const eq = token.indexOf('=');
    const flag: Flag = { name: (eq < 0 ? token : token.slice(0, eq)).toLowerCase(), position: line.positionAt(i) };
    if (eq >= 0) flag.value = token.slice(eq + 1);
    flags.push(flag);
    i = skipBlanks(text, end);
  }
  const args = sliceText(line, i);
  const instruction: Instruction = { keyword, position: line.positionAt(0), endLine, flags, args, heredocs, stage };
  if (JSON_FORM.has(keyword)) {
    const json = jsonForm(args.text);
    if (json) instruction.json = json;
  }
  if (keyword === 'ONBUILD' && args.text.trim() !== '') instruction.onbuild = parseLine(args, heredocs, endLine, stage);
  return instruction;
}

export function parseRaw(raw: RawInstruction, stage: number): Instruction {
  return parseLine(raw.line, raw.heredocs, raw.endLine, stage);
}
