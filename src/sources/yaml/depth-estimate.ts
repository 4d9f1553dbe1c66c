/**
 * An upper-bound-ish estimate of how deeply a YAML text nests, computed without recursion, so that
 * a document is never handed to the `yaml` library (which recurses) when it would nest past the
 * limit: block indentation levels + dashes opening compact sequences + flow brackets.
 */
export function estimateDepth(text: string, limit: number): number {
  const len = text.length;
  const indents: number[] = [];
  let max = 0;
  let flow = 0;
  let p = 0;
  while (p < len) {
    // one line
    let i = p;
    while (i < len && text.charCodeAt(i) === 32) i++;
    const indent = i - p;
    let c = text.charCodeAt(i);
    const content = i < len && c !== 10 && c !== 13 && c !== 35;
    if (content && flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
    }
    let dashes = 0;
    while (i < len && text.charCodeAt(i) === 45 && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) {
      dashes++;
      i += 2;
      while (i < len && text.charCodeAt(i) === 32) i++;
    }
    let quote = 0;
    for (; i < len; i++) {
      c = text.charCodeAt(i);
      if (c === 10) break;
      if (quote) {
        if (c === quote) quote = 0;
        else if (c === 92 && quote === 34) i++;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 35 && (i === 0 || text.charCodeAt(i - 1) === 32)) {
        const nl = text.indexOf('\n', i);
        i = nl === -1 ? len : nl;
        break;
      } else if (c === 91 || c === 123) flow++;
      else if ((c === 93 || c === 125) && flow > 0) flow--;
      const depth = indents.length + dashes + flow;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    }
    const depth = indents.length + dashes + flow;
    if (depth > max) max = depth;
    if (max > limit) return max;
    p = i + 1;
  }
  return max;
}
