import type { Position } from '../../model/position.js';

/**
 * Offsets → 1-based line/column for one text, built lazily on the first lookup (one indexOf pass) and
 * answered by binary search. Lines end at '\n' (so in CRLF text the '\r' belongs to its line), which
 * is how the `yaml` library's LineCounter counts.
 */
export class LineTable {
  private starts: Int32Array | number[] | null = null;

  constructor(private readonly text: string) {}

  private build(): Int32Array | number[] {
    const text = this.text;
    const list: number[] = [0];
    let i = text.indexOf('\n');
    while (i !== -1) {
      list.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    this.starts = list.length > 64 ? Int32Array.from(list) : list;
    return this.starts;
  }

  /** Position of a 0-based offset; offsets past the end are clamped. */
  position(offset: number): Position {
    const starts = this.starts ?? this.build();
    const off = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= off) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: off - starts[lo]! + 1 };
  }
}
