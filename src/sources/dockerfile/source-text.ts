import type { Position } from '../../model/position.js';
import type { SourceText } from '../../model/dockerfile.js';

/** Text made of runs of characters (pieces), each from one place of the file. */
class PieceText implements SourceText {
  constructor(
    readonly text: string,
    /** Offset in `text` where each piece starts, and the piece's 1-based line and column, flattened. */
    private readonly pieces: readonly number[],
  ) {}

  positionAt(offset: number): Position {
    const p = this.pieces;
    const n = p.length / 3;
    if (n === 0) return { line: 1, column: 1 };
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (p[mid * 3]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: p[lo * 3 + 1]!, column: p[lo * 3 + 2]! + Math.max(0, offset - p[lo * 3]!) };
  }
}

/** A part of another SourceText, keeping its positions. */
class SlicedText implements SourceText {
  readonly text: string;
  constructor(private readonly source: SourceText, private readonly start: number, end: number) {
    this.text = source.text.slice(start, end);
  }

  positionAt(offset: number): Position {
    return this.source.positionAt(this.start + offset);
  }
}

/** Builds a SourceText piece by piece: each piece is a run of characters from one physical line. */
export class SourceTextBuilder {
  private text = '';
  private readonly pieces: number[] = [];

  /** Append `chars`, which start at `line`:`column` (1-based) of the file. */
  add(chars: string, line: number, column: number): this {
    this.pieces.push(this.text.length, line, column);
    this.text += chars;
    return this;
  }

  build(): SourceText {
    return new PieceText(this.text, this.pieces);
  }
}

/** The part of `source` from `start` to `end`, keeping its positions. */
export function sliceText(source: SourceText, start: number, end = source.text.length): SourceText {
  return new SlicedText(source, start, end);
}

/** A SourceText of one run of characters at one place. */
export function textAt(text: string, position: Position): SourceText {
  return new SourceTextBuilder().add(text, position.line, position.column).build();
}
