import type { ReactNode } from 'react';
import { parseMarkdown, type ListItem, type Span } from './minutesMarkdown';

function inline(spans: Span[]): ReactNode[] {
  return spans.map((s, i) => {
    let node: ReactNode = s.text;
    if (s.em) node = <em>{node}</em>;
    if (s.strike) node = <del>{node}</del>;
    if (s.bold) node = <strong>{node}</strong>;
    return <span key={i}>{node}</span>;
  });
}

function List({ items }: { items: ListItem[] }) {
  return (
    <ul>
      {items.map((item, i) => (
        <li key={i}>
          {inline(item.spans)}
          {item.children.length > 0 && <List items={item.children} />}
        </li>
      ))}
    </ul>
  );
}

/**
 * The minutes' Markdown as elements (see minutesMarkdown.ts); text only, never HTML. Headings
 * start one level below the page's own `h1`.
 */
export function MinutesMarkdown({ text }: { text: string }) {
  return (
    <div className="minutes-text" data-testid="minutes-text">
      {parseMarkdown(text).map((block, i) => {
        if (block.kind === 'list') return <List key={i} items={block.items} />;
        if (block.kind === 'paragraph') return <p key={i}>{inline(block.spans)}</p>;
        const Heading = (['h2', 'h3', 'h4'] as const)[block.level - 1]!;
        return <Heading key={i}>{inline(block.spans)}</Heading>;
      })}
    </div>
  );
}
