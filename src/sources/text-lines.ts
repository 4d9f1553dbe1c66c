/** Random access to the lines of a text by 1-based number, without splitting it into an array of strings. */
export class TextLines {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get count(): number {
    return this.starts.length;
  }

  /** Line `n` (1-based) without its line break; '' past the end. */
  line(n: number): string {
    if (n < 1 || n > this.starts.length) return '';
    const start = this.starts[n - 1]!;
    const end = n < this.starts.length ? this.starts[n]! - 1 : this.text.length;
    const s = this.text.slice(start, end);
    return s.endsWith('\r') ? s.slice(0, -1) : s;
  }
}

/** A `---` document start marker line. */
export function isDocumentMarker(line: string): boolean {
  return line.startsWith('---') && (line.length === 3 || line[3] === ' ' || line[3] === '\t');
}

/** A line that holds no YAML content: blank or a comment. */
export function isBlankOrComment(line: string): boolean {
  const t = line.trimStart();
  return t === '' || t.startsWith('#');
}

/**
 * The line offset that makes positions relative to a document of a stream: line 1 is the line
 * after its `---` marker (or the stream's first line when the document has no marker).
 */
export function documentLineOffset(lines: TextLines, startLine: number): number {
  return isDocumentMarker(lines.line(startLine)) ? startLine : Math.max(0, startLine - 1);
}
