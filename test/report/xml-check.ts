/**
 * A small, strict XML 1.0 reader for tests (no npm XML parser is a dependency): throws on anything
 * that is not well-formed (unbalanced tags, raw `<` or bad `&` references, duplicate attributes,
 * characters XML forbids, `--` in comments) and returns the element tree with entities decoded.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_.:]*/y;
const WS = /\s*/y;
const ATTR = /([A-Za-z_:][-A-Za-z0-9_.:]*)\s*=\s*(["'])/y;

/** Match a sticky regex at `at` (no copying of the rest of the document: linear time). */
function at(re: RegExp, xml: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(xml);
}
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: string): string {
  if (raw.includes('<')) throw new Error(`raw < in ${where}`);
  return raw.replace(/&([^;]*);?/g, (m, ref: string) => {
    if (!m.endsWith(';')) throw new Error(`unterminated reference in ${where}: ${m}`);
    if (ref in NAMED) return NAMED[ref]!;
    const num = /^#x([0-9a-fA-F]+)$/.exec(ref) ?? /^#([0-9]+)$/.exec(ref);
    if (!num) throw new Error(`bad reference &${ref}; in ${where}`);
    const cp = parseInt(num[1]!, ref.startsWith('#x') ? 16 : 10);
    const ch = String.fromCodePoint(cp);
    if (ILLEGAL.test(ch)) throw new Error(`reference to illegal character ${ref}`);
    return ch;
  });
}

export function parseXml(xml: string): XmlElement {
  if (ILLEGAL.test(xml)) throw new Error('document contains a character XML 1.0 forbids');
  let i = 0;
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) throw new Error('unterminated XML declaration');
    i = end + 2;
  }
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    const top = stack[stack.length - 1]!;
    if (text.trim()) {
      if (top === root) throw new Error('text outside the root element');
      top.text += decode(text, `text of <${top.name}>`);
    }
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) throw new Error('unterminated comment');
      if (xml.slice(lt + 4, end).includes('--')) throw new Error('-- inside a comment');
      i = end + 3;
      continue;
    }
    if (xml.startsWith('</', lt)) {
      const m = at(NAME, xml, lt + 2);
      const close = xml.indexOf('>', lt);
      if (!m || xml.slice(lt + 2 + m[0].length, close).trim() !== '') throw new Error(`bad end tag at ${lt}`);
      const open = stack.pop();
      if (!open || open === root || open.name !== m[0]) throw new Error(`</${m[0]}> does not close <${open?.name}>`);
      i = close + 1;
      continue;
    }
    const m = at(NAME, xml, lt + 1);
    if (!m) throw new Error(`bad tag at ${lt}`);
    const el: XmlElement = { name: m[0], attrs: {}, children: [], text: '' };
    let j = lt + 1 + m[0].length;
    for (;;) {
      const ws = at(WS, xml, j)![0].length;
      j += ws;
      if (xml.startsWith('/>', j) || xml[j] === '>') break;
      if (ws === 0) throw new Error(`missing space before attribute in <${el.name}>`);
      const a = at(ATTR, xml, j);
      if (!a) throw new Error(`bad attribute in <${el.name}> at ${j}`);
      const quote = a[2]!;
      const start = j + a[0].length;
      const end = xml.indexOf(quote, start);
      if (end < 0) throw new Error('unterminated attribute value');
      if (a[1]! in el.attrs) throw new Error(`duplicate attribute ${a[1]}`);
      el.attrs[a[1]!] = decode(xml.slice(start, end), `attribute ${a[1]}`);
      j = end + 1;
    }
    if (top === root && root.children.length > 0) throw new Error('more than one root element');
    top.children.push(el);
    if (xml.startsWith('/>', j)) i = j + 2;
    else {
      stack.push(el);
      i = j + 1;
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (root.children.length !== 1) throw new Error('no root element');
  return root.children[0]!;
}

export function* descendants(el: XmlElement, name: string): Generator<XmlElement> {
  for (const c of el.children) {
    if (c.name === name) yield c;
    yield* descendants(c, name);
  }
}
