import type { Position, PositionIndex } from '../../model/position.js';
import type { LineTable } from './line-table.js';
import { findItem, findKey, MAP, SEQ, type Kid, type Shadow } from './shadow.js';

/**
 * PositionIndex over a shadow tree: walks the pointer through the shadows and converts the offset of
 * the deepest existing key/item to line/column only now.
 */
export class ShadowPositions implements PositionIndex {
  constructor(
    private readonly root: Kid,
    private readonly rootOffset: number,
    private readonly lines: LineTable,
  ) {}

  locate(pointer: string): Position {
    return this.lines.position(this.offsetOf(pointer));
  }

  /** The source offset for a pointer (nearest existing ancestor when it does not exist). */
  offsetOf(pointer: string): number {
    let offset = this.rootOffset;
    let node: Kid = this.root;
    const len = pointer.length;
    let i = pointer.charCodeAt(0) === 47 ? 1 : len + 1; // a pointer that does not start with '/' names the root
    while (i <= len && node !== 0) {
      let j = pointer.indexOf('/', i);
      if (j === -1) j = len;
      let seg = pointer.slice(i, j);
      if (seg.includes('~')) seg = seg.replace(/~1/g, '/').replace(/~0/g, '~');
      const shadow: Shadow = node;
      const at = shadow[0] === MAP ? findKey(shadow, seg) : shadow[0] === SEQ ? findItem(shadow, seg) : -1;
      if (at < 0) break;
      if (shadow[0] === MAP) {
        offset = shadow[at + 1] as number;
        node = shadow[at + 2] as Kid;
      } else {
        offset = shadow[at] as number;
        node = shadow[at + 1] as Kid;
      }
      i = j + 1;
    }
    return offset;
  }
}
