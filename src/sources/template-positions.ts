import type { Position, PositionIndex } from '../model/position.js';
import { splitPointer } from '../model/position.js';

/**
 * Positions in a Helm template for the fields of a document it rendered. The rendered document's lines are
 * not the template's (includes, loops and conditionals move everything), so a field is found by its chain of
 * keys in the template text: each key is looked for inside the block of the one before it, by indentation,
 * skipping template-only lines (`{{- if }}`, `{{- end }}`, `{{ include ... | nindent 4 }}`). A sequence item is
 * the N-th `- ` item of its block (the last one when a loop made more items than the template writes). A key
 * that is not in the text (it came from `toYaml .Values...`, an include) gives the deepest key that was found,
 * the document's first key when none was. Every position is a line of the template, never past its end.
 */

interface Line {
  /** 1-based line number in the template file. */
  n: number;
  /** Column (0-based) of the first content character; for `- key:` lines the key's column. */
  indent: number;
  /** The key this line starts, if any (unquoted). */
  key?: string;
  /** Column (0-based) of the `-` when the line starts a sequence item. */
  dash?: number;
}

const KEY = /^(?:"([^"]*)"|'([^']*)'|([^\s{}"'#:\-][^\s:]*|-[^\s:]+))\s*:(?:\s|$)/;

function readLine(text: string, n: number): Line | undefined {
  const trimmed = text.trimStart();
  if (trimmed === '' || trimmed.startsWith('#')) return undefined;
  // A line that is only template actions ({{- if }}, {{ end }}, {{ include ... | nindent 4 }}) writes no key of its own.
  if (/^(\{\{.*?\}\}\s*)+$/.test(trimmed)) return undefined;
  let indent = text.length - trimmed.length;
  let rest = trimmed;
  let dash: number | undefined;
  if (rest === '-' || rest.startsWith('- ')) {
    dash = indent;
    const after = rest.slice(1).trimStart();
    indent = indent + (rest.length - after.length);
    rest = after;
  }
  const m = KEY.exec(rest);
  const key = m ? (m[1] ?? m[2] ?? m[3]) : undefined;
  const line: Line = { n, indent };
  if (key !== undefined) line.key = key;
  if (dash !== undefined) line.dash = dash;
  return line;
}

/** The lines of one template document (between `---` markers). */
export class TemplateDocument implements PositionIndex {
  private readonly lines: Line[];
  private readonly firstLine: number;

  constructor(private readonly texts: readonly string[], firstLine: number) {
    this.firstLine = firstLine;
    this.lines = [];
    texts.forEach((t, i) => {
      const l = readLine(t, firstLine + i);
      if (l) this.lines.push(l);
    });
  }

  /** Position of the document's first key (the fallback for everything). */
  private first(): Position {
    const l = this.lines.find((x) => x.key !== undefined) ?? this.lines[0];
    return l ? { line: l.n, column: l.indent + 1 } : { line: 1, column: 1 };
  }

  locate(pointer: string): Position {
    return this.find(pointer).pos;
  }

  /** The text of the template line a field was found on, and whether the whole key path was found. */
  lineOf(pointer: string): { text: string; exact: boolean } {
    const { pos, exact } = this.find(pointer);
    return { text: this.texts[pos.line - this.firstLine] ?? '', exact };
  }

  /** The document's template text. */
  get text(): string {
    return this.texts.join('\n');
  }

  private find(pointer: string): { pos: Position; exact: boolean } {
    let pos = this.first();
    let exact = true;
    // The block being searched: lines[from, to) whose content sits deeper than `parent`.
    let from = 0;
    let to = this.lines.length;
    let parent = -1;
    for (const seg of splitPointer(pointer)) {
      const isIndex = /^(0|[1-9][0-9]*)$/.test(seg);
      if (isIndex) {
        const items = this.items(from, to, parent);
        if (items.length === 0) {
          exact = false;
          break;
        }
        const k = Math.min(Number(seg), items.length - 1);
        const at = items[k]!;
        const item = this.lines[at]!;
        pos = { line: item.n, column: item.indent + 1 };
        from = at;
        to = k + 1 < items.length ? items[k + 1]! : this.blockEnd(at + 1, to, item.dash!, false);
        parent = item.dash!;
        continue;
      }
      const at = this.findKey(seg, from, to, parent);
      if (at === undefined) {
        exact = false;
        break;
      }
      const line = this.lines[at]!;
      pos = { line: line.n, column: line.indent + 1 };
      from = at + 1;
      to = this.blockEnd(at + 1, to, line.indent, true);
      parent = line.indent;
    }
    return { pos, exact };
  }

  /**
   * The end of a block whose head sits at column `indent`: the first line at or left of it. A key's block
   * keeps the `- ` items written at the key's own column (`containers:` then `- name:` under it).
   */
  private blockEnd(from: number, to: number, indent: number, keyBlock: boolean): number {
    for (let i = from; i < to; i++) {
      const l = this.lines[i]!;
      if (keyBlock && l.dash !== undefined ? l.dash < indent : (l.dash ?? l.indent) <= indent) return i;
    }
    return to;
  }

  /** The key `name` among the children of the block, the shallowest match first. */
  private findKey(name: string, from: number, to: number, parent: number): number | undefined {
    let best: number | undefined;
    for (let i = from; i < to; i++) {
      const l = this.lines[i]!;
      // The head line of a sequence item carries its first key; it belongs to the item (deeper than the dash).
      if (l.indent <= parent || l.key !== name) continue;
      if (best === undefined || l.indent < this.lines[best]!.indent) best = i;
    }
    return best;
  }

  /** Indexes of the `- ` items directly in the block (the shallowest dash column found). */
  private items(from: number, to: number, parent: number): number[] {
    let col: number | undefined;
    for (let i = from; i < to; i++) {
      const d = this.lines[i]!.dash;
      if (d !== undefined && d > parent - 1 && (col === undefined || d < col)) col = d;
    }
    if (col === undefined) return [];
    const out: number[] = [];
    for (let i = from; i < to; i++) if (this.lines[i]!.dash === col) out.push(i);
    return out;
  }
}

/** The documents of a template file, split at `---` lines. */
export function templateDocuments(text: string): { doc: TemplateDocument; text: string }[] {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const out: { doc: TemplateDocument; text: string }[] = [];
  let start = 0;
  const flush = (end: number) => {
    const slice = lines.slice(start, end);
    if (slice.some((l) => l.trim() !== '' && !l.trimStart().startsWith('#'))) out.push({ doc: new TemplateDocument(slice, start + 1), text: slice.join('\n') });
  };
  lines.forEach((l, i) => {
    if (/^---(\s|$)/.test(l)) {
      flush(i);
      start = i + 1;
    }
  });
  flush(lines.length);
  return out;
}

/**
 * The template document that rendered the `nth` (0-based) document of `kind` from this template: among the
 * template's documents that name the kind literally (`kind: Secret`), the nth (the last when a loop rendered
 * more); else the nth document of the file (the last when there are fewer).
 */
export function pickTemplateDocument(docs: { doc: TemplateDocument; text: string }[], kind: string, nth: number, nthOfFile: number): TemplateDocument | undefined {
  if (docs.length === 0) return undefined;
  const kindRe = new RegExp(`^\\s*kind:\\s*["']?${kind.replace(/[^A-Za-z0-9]/g, '')}["']?\\s*$`, 'm');
  const ofKind = docs.filter((d) => kindRe.test(d.text));
  if (ofKind.length) return ofKind[Math.min(nth, ofKind.length - 1)]!.doc;
  return docs[Math.min(nthOfFile, docs.length - 1)]!.doc;
}
