/**
 * Word-wrap `text` to lines of at most `width` characters (words longer than a line are cut).
 * Width is counted in UTF-16 code units: good enough for a terminal report.
 */
export function wrapText(text: string, maxWidth: number): string[] {
  const width = Math.max(16, maxWidth);
  if (text.length <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(' ')) {
    while (word.length > width) {
      const room = line ? width - line.length - 1 : width;
      if (room < 8) {
        lines.push(line);
        line = '';
        continue;
      }
      lines.push(line ? `${line} ${word.slice(0, room)}` : word.slice(0, room));
      line = '';
      word = word.slice(room);
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
