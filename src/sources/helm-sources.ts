import { join } from 'node:path';
import type { PositionIndex } from '../model/position.js';
import { isRecord } from '../model/object.js';
import type { ParsedDocument } from './yaml/index.js';
import { renderTimeJudge } from './render-time-values.js';
import { pickTemplateDocument, templateDocuments } from './template-positions.js';
import { TextLines, isBlankOrComment, isDocumentMarker } from './text-lines.js';

const SOURCE = /^# Source: (.+?)\s*$/;

export type FileOf = (doc: ParsedDocument) => { file: string; lineOffset: number; positions?: PositionIndex; generated?: (pointer: string) => boolean } | undefined;

/** Does a rendered stream carry Helm's `# Source: <chart>/templates/x.yaml` comments? */
export function hasHelmSourceComments(text: string): boolean {
  return /^# Source: /m.test(text);
}

/**
 * Map each document of `helm template` output to the template it was rendered from. Helm prints
 * `---` then `# Source: <chart>/templates/x.yaml` before every document; line 1 of the document is
 * the line after that comment, so positions become relative to the template's own document.
 * `toFile` turns the printed path into the file to report. Documents without a comment keep the
 * stream's file (undefined).
 */
export function helmSourceMap(text: string, toFile: (printed: string) => string): FileOf {
  const lines = new TextLines(text);
  return (doc) => {
    const found = sourceComment(lines, doc.startLine);
    return found ? { file: toFile(found.path), lineOffset: found.line } : undefined;
  };
}

/** The `# Source:` comment that heads the document starting at `startLine` (its marker or first line). */
function sourceComment(lines: TextLines, startLine: number): { path: string; line: number } | undefined {
  // Forward over the marker and the comment block up to the first content line.
  for (let n = startLine; n <= lines.count; n++) {
    const l = lines.line(n);
    if (n === startLine && isDocumentMarker(l)) continue;
    if (!isBlankOrComment(l)) break;
    const m = SOURCE.exec(l);
    if (m) return { path: m[1]!, line: n };
  }
  // Backward, for parsers whose startLine is the first content line, up to the marker.
  for (let n = startLine - 1; n >= 1; n--) {
    const l = lines.line(n);
    if (isDocumentMarker(l) || !isBlankOrComment(l)) break;
    const m = SOURCE.exec(l);
    if (m) return { path: m[1]!, line: n };
  }
  return undefined;
}

/**
 * The real file of a printed template path inside a chart directory: the first segment of
 * `web/charts/cache/templates/cm.yaml` is the chart's name, the rest is relative to the chart dir.
 */
export function chartFile(chartDir: string, printed: string): string {
  const slash = printed.indexOf('/');
  return slash === -1 ? join(chartDir, printed) : join(chartDir, printed.slice(slash + 1));
}

/**
 * Like `helmSourceMap`, with each document's positions taken from its template file (`read` gives the file's
 * text, undefined when it cannot be read): the key path of a field in the template text, else the line of the
 * template document's first key (see template-positions.ts). A template that cannot be read keeps positions
 * relative to the rendered document, clamped to line 1.
 */
export function helmTemplateMap(
  text: string,
  toFile: (printed: string) => string,
  read: (file: string) => string | undefined,
  named: () => ReadonlyMap<string, string> = () => new Map(),
): FileOf {
  const base = helmSourceMap(text, toFile);
  const templates = new Map<string, { text: string; docs: ReturnType<typeof templateDocuments> } | undefined>();
  const seen = new Map<string, number>();
  return (doc) => {
    const mapped = base(doc);
    if (!mapped) return undefined;
    if (!templates.has(mapped.file)) {
      const t = read(mapped.file);
      templates.set(mapped.file, t === undefined ? undefined : { text: t, docs: templateDocuments(t) });
    }
    const template = templates.get(mapped.file);
    const docs = template?.docs;
    const kind = isRecord(doc.value) && typeof doc.value.kind === 'string' ? doc.value.kind : '';
    const nthOfFile = seen.get(mapped.file) ?? 0;
    const nth = seen.get(`${mapped.file}\0${kind}`) ?? 0;
    seen.set(mapped.file, nthOfFile + 1);
    seen.set(`${mapped.file}\0${kind}`, nth + 1);
    const picked = docs && pickTemplateDocument(docs, kind, nth, nthOfFile);
    if (picked) return { ...mapped, lineOffset: 0, positions: picked, generated: renderTimeJudge(picked, template!.text, named()) };
    const shift = mapped.lineOffset;
    const positions: PositionIndex = { locate: (p) => { const pos = doc.positions.locate(p); return { line: Math.max(1, pos.line - shift), column: pos.column }; } };
    return { ...mapped, lineOffset: 0, positions };
  };
}
