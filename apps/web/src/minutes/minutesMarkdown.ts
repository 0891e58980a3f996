/**
 * A tiny Markdown reader for the minutes: headings, nested bullet lists, paragraphs, and inline
 * **bold**, ~~struck~~ and _emphasis_ with backslash escapes — the subset the server writes
 * (packages/domain/src/minutes.ts). The page renders the result as React elements, never as
 * HTML, so text from the minutes can never become markup. Anything outside the subset
 * (a link, a table) shows as the plain text it is.
 */

export interface Span {
  text: string;
  bold: boolean;
  strike: boolean;
  em: boolean;
}

export interface ListItem {
  spans: Span[];
  children: ListItem[];
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; spans: Span[] }
  | { kind: 'list'; items: ListItem[] }
  | { kind: 'paragraph'; spans: Span[] };

const ESCAPABLE = /[!-/:-@[-`{-~]/;

/** Inline markers; a marker without a partner later on the line is plain text. */
export function parseInline(line: string): Span[] {
  const out: Span[] = [];
  const state = { bold: false, strike: false, em: false };
  let buf = '';
  const flush = () => {
    if (buf !== '') out.push({ text: buf, ...state });
    buf = '';
  };
  const closes = (marker: string, from: number) => unescapedIndex(line, marker, from) >= 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    const two = line.slice(i, i + 2);
    if (ch === '\\' && i + 1 < line.length && ESCAPABLE.test(line[i + 1]!)) {
      buf += line[++i];
    } else if ((two === '**' || two === '~~') && (state[key(two)] || closes(two, i + 2))) {
      flush();
      state[key(two)] = !state[key(two)];
      i++;
    } else if (ch === '_' && (state.em || closes('_', i + 1))) {
      flush();
      state.em = !state.em;
    } else buf += ch;
  }
  flush();
  return out;
}

const key = (marker: '**' | '~~') => (marker === '**' ? 'bold' : 'strike');

/** Where `marker` next occurs at or after `from`, not preceded by a backslash escape. */
function unescapedIndex(line: string, marker: string, from: number): number {
  for (let i = from; i <= line.length - marker.length; i++) {
    if (line[i] === '\\') {
      i++;
      continue;
    }
    if (line.startsWith(marker, i)) return i;
  }
  return -1;
}

const HEADING = /^(#{1,6})\s+(.*)$/;
const BULLET = /^( *)[-*+]\s+(.*)$/;

export function parseMarkdown(text: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  // The open list: a stack of (depth, items) from the top level down.
  let stack: { depth: number; items: ListItem[] }[] = [];

  const endParagraph = () => {
    if (paragraph.length > 0)
      blocks.push({ kind: 'paragraph', spans: parseInline(paragraph.join(' ')) });
    paragraph = [];
  };
  const endList = () => {
    if (stack.length > 0) blocks.push({ kind: 'list', items: stack[0]!.items });
    stack = [];
  };

  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = HEADING.exec(raw);
    const bullet = BULLET.exec(raw);
    if (raw.trim() === '') {
      endParagraph();
      endList();
    } else if (heading) {
      endParagraph();
      endList();
      const level = Math.min(3, heading[1]!.length) as 1 | 2 | 3;
      blocks.push({ kind: 'heading', level, spans: parseInline(heading[2]!.trim()) });
    } else if (bullet) {
      endParagraph();
      const depth = Math.floor(bullet[1]!.length / 2);
      const item: ListItem = { spans: parseInline(bullet[2]!.trim()), children: [] };
      if (stack.length === 0) stack = [{ depth: 0, items: [] }];
      while (stack.length > 1 && stack.at(-1)!.depth > depth) stack.pop();
      const top = stack.at(-1)!;
      const parent = top.items.at(-1);
      if (depth > top.depth && parent) {
        parent.children.push(item);
        stack.push({ depth, items: parent.children });
      } else top.items.push(item);
    } else if (stack.length > 0 && /^ {2,}\S/.test(raw)) {
      // A continuation line of the last list item.
      const last = lastItem(stack.at(-1)!.items);
      last?.spans.push(...parseInline(` ${raw.trim()}`));
    } else {
      endList();
      paragraph.push(raw.trim());
    }
  }
  endParagraph();
  endList();
  return blocks;
}

function lastItem(items: ListItem[]): ListItem | undefined {
  const last = items.at(-1);
  return last && last.children.length > 0 ? lastItem(last.children) : last;
}
