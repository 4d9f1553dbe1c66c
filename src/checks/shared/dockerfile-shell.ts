// The shell commands a RUN instruction executes, split into pipelines and simple commands with
// positions, so Dockerfile checks can look at `apt-get install …`, `curl … | sh`, `sudo …`.
import type { Instruction, SourceText } from '../../model/dockerfile.js';
import type { Position } from '../../model/position.js';

export interface ShellWord {
  /** The word with quotes removed (escapes resolved); `$(…)` and backquotes are kept as written. */
  value: string;
  /** Offset in the script text where the word starts. */
  start: number;
}

/** A simple command: its words, after leading `NAME=value` assignments. */
export interface SimpleCommand {
  words: ShellWord[];
}

/** Commands joined by `|`. */
export type Pipeline = SimpleCommand[];

/** A script a RUN executes, with where each character came from. */
export interface Script {
  source: SourceText;
  pipelines: Pipeline[];
}

const BLANK = new Set([' ', '\t']);

/** Programs that run their input as a shell script. */
export const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);

/** Split shell text into pipelines (separated by `&&`, `||`, `;`, `&`, newlines, parentheses). */
export function parseShell(text: string): Pipeline[] {
  const pipelines: Pipeline[] = [];
  let pipeline: Pipeline = [];
  let words: ShellWord[] = [];
  let skipNext = false;
  const endCommand = () => {
    if (words.length) pipeline.push({ words });
    words = [];
  };
  const endPipeline = () => {
    endCommand();
    if (pipeline.length) pipelines.push(pipeline);
    pipeline = [];
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (BLANK.has(c)) {
      i++;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      // A comment runs to the end of the line.
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '\n' || c === ';' || c === '(' || c === ')') {
      endPipeline();
      i++;
      continue;
    }
    if (c === '&' || c === '|') {
      const two = text.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        endPipeline();
        i += 2;
      } else if (c === '|') {
        endCommand();
        i += text[i + 1] === '&' ? 2 : 1;
      } else {
        endPipeline();
        i++;
      }
      continue;
    }
    if ((c === '<' || c === '>') && text[i + 1] === '(') {
      // Process substitution `<(curl …)`: one word, nested parentheses included.
      const start = i;
      let depth = 0;
      for (i++; i < text.length; i++) {
        if (text[i] === '(') depth++;
        else if (text[i] === ')' && --depth === 0) break;
      }
      i++;
      words.push({ value: text.slice(start, i), start });
      continue;
    }
    if (c === '>' || c === '<' || (/[0-9]/.test(c) && /^[0-9]+[<>]/.test(text.slice(i, i + 4)))) {
      // A redirection: `> file`, `2>&1`, `<<EOF`; its target is not an argument.
      let j = i;
      while (j < text.length && /[0-9<>&|-]/.test(text[j]!)) j++;
      const op = text.slice(i, j);
      skipNext = !/&[0-9-]$/.test(op);
      i = j;
      continue;
    }
    const start = i;
    let value = '';
    while (i < text.length) {
      const ch = text[i]!;
      if (BLANK.has(ch) || ch === '\n' || ch === ';' || ch === '&' || ch === '|' || ch === '(' || ch === ')' || ch === '<' || ch === '>') {
        if (ch === '(' && text[i - 1] === '$') {
          // `$(…)`: kept in the word, nested parentheses included.
          let depth = 0;
          for (; i < text.length; i++) {
            value += text[i];
            if (text[i] === '(') depth++;
            else if (text[i] === ')' && --depth === 0) break;
          }
          i++;
          continue;
        }
        break;
      }
      if (ch === '\\' && i + 1 < text.length) {
        if (text[i + 1] !== '\n') value += text[i + 1];
        i += 2;
      } else if (ch === "'") {
        const end = text.indexOf("'", i + 1);
        const stop = end < 0 ? text.length : end;
        value += text.slice(i + 1, stop);
        i = stop + 1;
      } else if (ch === '"') {
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < text.length) {
            value += text[i + 1];
            i += 2;
          } else value += text[i++];
        }
        i++;
      } else if (ch === '`') {
        const end = text.indexOf('`', i + 1);
        const stop = end < 0 ? text.length : end;
        value += text.slice(i, stop + 1);
        i = stop + 1;
      } else {
        value += ch;
        i++;
      }
    }
    if (skipNext) {
      skipNext = false;
      continue;
    }
    // Leading assignments (`DEBIAN_FRONTEND=noninteractive apt-get …`) are not the command.
    if (words.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(value)) continue;
    words.push({ value, start });
  }
  endPipeline();
  return pipelines;
}

const WRAPPERS = new Set(['sudo', 'env', 'command', 'exec', 'nohup', 'time', 'nice', 'doas']);
/** Shell words that come before a command (`if cmd`, `then cmd`, `! cmd`, `{ cmd; }`). */
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{']);
/** sudo options that take a value. */
const SUDO_VALUE_OPTIONS = new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-R', '-T', '-U', '--user', '--group']);

/** The command's name and arguments, past `sudo`/`env`/… wrappers and their options. */
export function commandOf(cmd: SimpleCommand): { name: string; args: ShellWord[]; nameWord: ShellWord } | undefined {
  const w = cmd.words;
  let i = 0;
  while (i < w.length && RESERVED.has(w[i]!.value)) i++;
  while (i < w.length) {
    const name = basename(w[i]!.value);
    if (!WRAPPERS.has(name)) break;
    i++;
    while (i < w.length && (w[i]!.value.startsWith('-') || (name === 'env' && w[i]!.value.includes('=')))) {
      if (name === 'sudo' && SUDO_VALUE_OPTIONS.has(w[i]!.value)) i++;
      i++;
    }
  }
  const nameWord = w[i];
  if (!nameWord) return undefined;
  return { name: basename(nameWord.value), args: w.slice(i + 1), nameWord };
}

function basename(p: string): string {
  const slash = p.lastIndexOf('/');
  return slash >= 0 ? p.slice(slash + 1) : p;
}

// Several checks read the same RUN: it is split once, the result kept on the instruction under
// symbols (a WeakMap costs the garbage collector far more for these many short-lived objects).
const SCRIPTS = Symbol('scripts');
const COMMANDS = Symbol('commands');
const NONE: readonly never[] = Object.freeze([]);
type Cached = Instruction & { [SCRIPTS]?: Script[]; [COMMANDS]?: RunCommand[] };

/**
 * The scripts a RUN executes: its shell-form command line (exec form: the arguments joined), and
 * the body of each heredoc that is the script itself (`RUN <<EOF`, `RUN bash <<EOF`).
 */
export function runScripts(ins: Instruction): readonly Script[] {
  if (ins.keyword !== 'RUN') return NONE;
  const cached = (ins as Cached)[SCRIPTS];
  if (cached) return cached;
  const out: Script[] = [];
  (ins as Cached)[SCRIPTS] = out;
  const line = ins.args;
  if (ins.json) {
    // ["sh", "-c", "…"] runs the string; other exec forms run one program with its arguments.
    const j = ins.json;
    const shellC = j.length >= 3 && /(^|\/)(ba|da|z|k|a)?sh$/.test(j[0]!) && j[1] === '-c';
    const text = shellC ? j.slice(2).join(' ') : j.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ');
    const at = line.positionAt(0);
    out.push({ source: { text, positionAt: () => at }, pipelines: parseShell(text) });
  } else out.push({ source: line, pipelines: parseShell(line.text) });
  // `RUN <<EOF` runs the body with the shell; `RUN bash <<EOF` too; `RUN python3 <<EOF` or
  // `RUN cat <<EOF > file` feed it to another program, so it is not shell.
  const first = out[0]!.pipelines[0]?.[0];
  const runner = first ? commandOf(first)?.name : undefined;
  if (!ins.json && (runner === undefined || SHELLS.has(runner))) {
    for (const h of ins.heredocs) out.push({ source: h.body, pipelines: parseShell(h.body.text) });
  }
  return out;
}

export interface RunCommand {
  command: NonNullable<ReturnType<typeof commandOf>>;
  pipeline: Pipeline;
  index: number;
  script: Script;
  position: Position;
}

/** Every simple command a RUN executes, with the position of its name. */
export function runCommands(ins: Instruction): readonly RunCommand[] {
  if (ins.keyword !== 'RUN') return NONE;
  const cached = (ins as Cached)[COMMANDS];
  if (cached) return cached;
  const out: RunCommand[] = [];
  (ins as Cached)[COMMANDS] = out;
  for (const script of runScripts(ins)) {
    for (const pipeline of script.pipelines) {
      pipeline.forEach((cmd, index) => {
        const command = commandOf(cmd);
        if (command) out.push({ command, pipeline, index, script, position: script.source.positionAt(command.nameWord.start) });
      });
    }
  }
  return out;
}
