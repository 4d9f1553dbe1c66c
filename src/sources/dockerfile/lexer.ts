// Physical lines → logical instructions, as BuildKit's Dockerfile parser reads them: parser directives
// at the top, comments, line continuations with the escape character, and heredocs.
import { splitWords } from '../../model/dockerfile-words.js';
import type { Position } from '../../model/position.js';
import { SourceTextBuilder } from './source-text.js';
import type { DockerfileProblem, Heredoc, SourceText } from '../../model/dockerfile.js';

export interface RawInstruction {
  /** The whole logical line: keyword, flags and arguments, continuation lines joined. */
  line: SourceText;
  position: Position;
  endLine: number;
  heredocs: Heredoc[];
}

export interface Lexed {
  directives: Record<string, string>;
  escape: '\\' | '`';
  instructions: RawInstruction[];
  problems: DockerfileProblem[];
}

const DIRECTIVE = /^#[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t]*=[ \t]*(.*?)[ \t]*$/;
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const COMMENT = /^[ \t]*#/;
const BLANK = /^[ \t]*$/;
/** A word that opens a heredoc: `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'`. */
const HEREDOC_WORD = /^<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\2$/;
/** Instructions whose arguments may open heredocs (BuildKit, dockerfile syntax 1.4+). */
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);

function splitLines(text: string): string[] {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Read the parser directives at the very top; they end at the first line that is not one. */
function readDirectives(lines: string[], problems: DockerfileProblem[]): { directives: Record<string, string>; escape: '\\' | '`'; next: number } {
  const directives: Record<string, string> = {};
  let escape: '\\' | '`' = '\\';
  let i = 0;
  for (; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i]!);
    if (!m) break;
    const name = m[1]!.toLowerCase();
    // An unknown or repeated directive is a comment, and ends the directives.
    if (!KNOWN_DIRECTIVES.has(name) || name in directives) break;
    directives[name] = m[2]!;
    if (name === 'escape') {
      if (m[2] === '\\' || m[2] === '`') escape = m[2];
      else problems.push({ message: `invalid escape directive "${m[2]}": must be \\ or \``, position: { line: i + 1, column: 1 } });
    }
  }
  return { directives, escape, next: i };
}

/** The line without trailing blanks, and whether it ends with the escape character (a continuation). */
function continues(line: string, escape: string): { body: string; more: boolean } {
  const trimmed = line.replace(/[ \t]+$/, '');
  if (trimmed.endsWith(escape)) return { body: trimmed.slice(0, -1), more: true };
  return { body: line, more: false };
}

function heredocWords(text: string): { stripTabs: boolean; quoted: boolean; name: string }[] {
  const out: { stripTabs: boolean; quoted: boolean; name: string }[] = [];
  // Quote-aware, as BuildKit splits the heredoc line (the one Dockerfile word splitter, model/dockerfile-words.ts).
  for (const { raw: word } of splitWords(text)) {
    const m = HEREDOC_WORD.exec(word);
    if (m) out.push({ stripTabs: m[1] === '-', quoted: m[2] !== '', name: m[3]! });
  }
  return out;
}

/** Split Dockerfile text into instructions. Never throws: what cannot be read is a problem. */
export function lexDockerfile(text: string): Lexed {
  const problems: DockerfileProblem[] = [];
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = splitLines(src);
  const { directives, escape, next } = readDirectives(lines, problems);
  const instructions: RawInstruction[] = [];
  let i = next;
  while (i < lines.length) {
    const first = lines[i]!;
    if (BLANK.test(first) || COMMENT.test(first)) {
      i++;
      continue;
    }
    const startColumn = first.length - first.trimStart().length;
    const position = { line: i + 1, column: startColumn + 1 };
    const builder = new SourceTextBuilder();
    let column = startColumn;
    let endLine = i + 1;
    let joined = '';
    for (;;) {
      const { body, more } = continues(lines[i]!.slice(column), escape);
      builder.add(body, i + 1, column + 1);
      joined += body;
      endLine = i + 1;
      i++;
      if (!more) break;
      // Inside a continuation, comment lines and empty lines are dropped.
      while (i < lines.length && (COMMENT.test(lines[i]!) || BLANK.test(lines[i]!))) i++;
      if (i >= lines.length) break;
      column = 0;
    }
    const keyword = /^\S+/.exec(joined)?.[0].toUpperCase() ?? '';
    const onbuildOf = keyword === 'ONBUILD' ? /^\S+\s+(\S+)/.exec(joined)?.[1]?.toUpperCase() : undefined;
    const heredocs: Heredoc[] = [];
    if (HEREDOC_INSTRUCTIONS.has(keyword) || (onbuildOf && HEREDOC_INSTRUCTIONS.has(onbuildOf))) {
      for (const h of heredocWords(joined)) {
        const body = new SourceTextBuilder();
        let closed = false;
        while (i < lines.length) {
          const raw = lines[i]!;
          const line = h.stripTabs ? raw.replace(/^\t+/, '') : raw;
          i++;
          if (line === h.name) {
            closed = true;
            break;
          }
          body.add(line + '\n', i, raw.length - line.length + 1);
        }
        endLine = i;
        if (!closed) problems.push({ message: `heredoc <<${h.name} is not closed before the end of the file`, position });
        heredocs.push({ name: h.name, stripTabs: h.stripTabs, quoted: h.quoted, body: body.build() });
      }
    }
    instructions.push({ line: builder.build(), position, endLine, heredocs });
  }
  return { directives, escape, instructions, problems };
}
