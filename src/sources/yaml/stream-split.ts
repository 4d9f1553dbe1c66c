// Splits a YAML stream into documents at column-0 markers ("---", "..."), the way the `yaml` library
// counts them: comments and blank lines alone make no document; a "---" always starts one.

export interface DocumentSpan {
  /** Where the document's own text begins: its first directive, its "---" or its first content line. */
  start: number;
  /** Offset of the "---" marker or the first content line: where the document "starts". */
  marker: number;
  /** 1-based line of `marker`. */
  line: number;
  /** Where the document body begins (after the "---" line; = marker for an implicit document). */
  body: number;
  /** End of the document (the next marker line, or the end of the text). */
  end: number;
  /** The "---" line carries content (`--- |`, `--- !tag`), or directives precede a document without "---": the fast path leaves these to the `yaml` library. */
  inlineStart: boolean;
}

const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || Number.isNaN(c);

function isMarker(text: string, p: number, ch: number): boolean {
  return text.charCodeAt(p) === ch && text.charCodeAt(p + 1) === ch && text.charCodeAt(p + 2) === ch && isBlank(text.charCodeAt(p + 3));
}

/** True when the line at p is blank or only a comment. */
function isEmptyLine(text: string, p: number): boolean {
  for (;;) {
    const c = text.charCodeAt(p);
    if (c === 32 || c === 9) p++;
    else return c === 35 || c === 10 || c === 13 || Number.isNaN(c);
  }
}


export function splitDocuments(text: string): DocumentSpan[] {
  const spans: DocumentSpan[] = [];
  const len = text.length;
  let open: DocumentSpan | null = null;
  let directives = -1;
  let line = 1;
  let p = 0;
  while (p < len) {
    const c = text.charCodeAt(p);
    if (c === 45 && isMarker(text, p, 45)) {
      if (open) {
        open.end = p;
        spans.push(open);
      }
      let body = text.indexOf('\n', p);
      body = body === -1 ? len : body + 1;
      open = { start: directives >= 0 ? directives : p, marker: p, line, body, end: len, inlineStart: !isEmptyLine(text, p + 3) };
      directives = -1;
    } else if (c === 46 && isMarker(text, p, 46)) {
      if (open) {
        open.end = p;
        spans.push(open);
        open = null;
      }
    } else if (!open) {
      if (c === 37) {
        if (directives < 0) directives = p;
      } else if (!isEmptyLine(text, p)) {
        open = { start: directives >= 0 ? directives : p, marker: p, line, body: p, end: len, inlineStart: directives >= 0 };
        directives = -1;
      }
    }
    const nl = text.indexOf('\n', p);
    if (nl === -1) break;
    p = nl + 1;
    line++;
  }
  if (open) spans.push(open);
  return spans;
}
