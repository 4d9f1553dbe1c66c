import { join } from 'node:path';
import type { ParsedDocument } from './yaml/index.js';
import { TextLines, isBlankOrComment, isDocumentMarker } from './text-lines.js';

const SOURCE = /^# Source: (.+?)\s*$/;

export type FileOf = (doc: ParsedDocument) => { file: string; lineOffset: number } | undefined;

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
