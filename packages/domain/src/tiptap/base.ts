import { Node } from '@tiptap/core';
import { NODE } from '../schemaNames';

/**
 * Minimal stand-ins for StarterKit's `doc`, `paragraph`, `text`, `heading` and `hardBreak`,
 * with the same names, content and attributes, so the server and tests can build the document
 * schema without StarterKit. The web editor uses StarterKit instead of these.
 */

export const HeadlessDocument = Node.create({
  name: NODE.doc,
  topNode: true,
  content: 'block+',
});

export const HeadlessParagraph = Node.create({
  name: NODE.paragraph,
  priority: 1000,
  group: 'block',
  content: 'inline*',
  parseHTML: () => [{ tag: 'p' }],
  renderHTML: ({ HTMLAttributes }) => ['p', HTMLAttributes, 0],
});

export const HeadlessText = Node.create({
  name: NODE.text,
  group: 'inline',
});

const LEVELS = [1, 2, 3, 4, 5, 6] as const;

export const HeadlessHeading = Node.create({
  name: NODE.heading,
  group: 'block',
  content: 'inline*',
  defining: true,
  addAttributes: () => ({ level: { default: 1, rendered: false } }),
  parseHTML: () => LEVELS.map((level) => ({ tag: `h${level}`, attrs: { level } })),
  renderHTML: ({ node, HTMLAttributes }) => {
    const level = LEVELS.includes(node.attrs.level as 1) ? (node.attrs.level as number) : 1;
    return [`h${level}`, HTMLAttributes, 0];
  },
});

export const HeadlessHardBreak = Node.create({
  name: NODE.hardBreak,
  group: 'inline',
  inline: true,
  selectable: false,
  parseHTML: () => [{ tag: 'br' }],
  renderHTML: () => ['br'],
});

/** doc, paragraph, text, heading, hardBreak. */
export const headlessBaseExtensions = [
  HeadlessDocument,
  HeadlessParagraph,
  HeadlessText,
  HeadlessHeading,
  HeadlessHardBreak,
];
