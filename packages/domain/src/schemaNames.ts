/**
 * Node and attribute names of the document schema, shared by the Tiptap extensions
 * (`@akkoord/domain/tiptap`) and the editor-free readers (`readClauses`), so both sides agree
 * on what is in a Y.Doc. Changing one is a data migration.
 */
export const NODE = {
  doc: 'doc',
  text: 'text',
  paragraph: 'paragraph',
  heading: 'heading',
  hardBreak: 'hardBreak',
  /** A theme's section: `heading themeGuidance clause*`; attr `theme`. */
  themeSection: 'themeSection',
  /** The section's guidance paragraph. */
  themeGuidance: 'themeGuidance',
  /** `clauseText counterpart*`; attrs `id`, `owner`, `status`. */
  clause: 'clause',
  /** The clause's own text: `paragraph+`. */
  clauseText: 'clauseText',
  /** One party's contribution in return: `paragraph+`; attrs `party`, `due`. */
  counterpart: 'counterpart',
} as const;

/** The Y.XmlFragment that holds the editor content (Tiptap Collaboration's default). */
export const CONTENT_FRAGMENT = 'default';

/** Nodes whose children are inline content. */
export const TEXTBLOCKS: ReadonlySet<string> = new Set([
  NODE.paragraph,
  NODE.heading,
  NODE.themeGuidance,
]);
