import { newClauseId, type ClauseStatus } from './clause';
import type { PMJSON } from './read';
import { NODE } from './schemaNames';
import { themeInfo, themesOf, type Lang, type ThemeId } from './themes';
import type { DocumentKind } from './workspace';

/** Document kinds that open with a template. `party-notes` start empty. */
export type TemplateKind = 'process' | 'agreement';

export function hasTemplate(kind: DocumentKind): kind is TemplateKind {
  return kind === 'process' || kind === 'agreement';
}

export interface TemplateOptions {
  /** Language of headings and guidance; documents are Dutch by default. */
  lang?: Lang;
  /** The document title (level-1 heading); defaults to the kind's usual title. */
  title?: string;
}

const TITLES: Record<TemplateKind, Record<Lang, string>> = {
  process: { nl: 'Procesafspraken', en: 'Process agreements' },
  agreement: { nl: 'Prestatieafspraken', en: 'Performance agreements' },
};

const INTROS: Record<TemplateKind, Record<Lang, string>> = {
  process: {
    nl: 'Hier spreken we samen af hoe we de prestatieafspraken gaan maken. Doe dit eerst, voordat we over de inhoud praten. Bij elk onderwerp staat een korte uitleg. Zet daaronder de afspraken: welke partij doet wat, en wat doen de andere partijen daartegenover?',
    en: 'Here we agree together how we will make the performance agreements. Do this first, before we talk about the content. Each subject has a short explanation. Put the agreements below it: which party does what, and what do the other parties do in return?',
  },
  agreement: {
    nl: 'Hier staan de prestatieafspraken, per thema. Bij elke afspraak staat welke partij iets belooft, en wat de andere partijen daartegenover zetten.',
    en: 'These are the performance agreements, by theme. Each agreement says which party promises something, and what the other parties do in return.',
  },
};

const PARTIES_LABEL: Record<Lang, string> = { nl: 'Partijen', en: 'Parties' };
const AND: Record<Lang, string> = { nl: 'en', en: 'and' };

/** A text node list: ProseMirror refuses empty text nodes, so "" gives no content. */
function inline(text: string): PMJSON[] {
  const out: PMJSON[] = [];
  text.split('\n').forEach((line, i) => {
    if (i > 0) out.push({ type: NODE.hardBreak });
    if (line !== '') out.push({ type: NODE.text, text: line });
  });
  return out;
}

export function paragraphJSON(text = ''): PMJSON {
  const content = inline(text);
  return content.length ? { type: NODE.paragraph, content } : { type: NODE.paragraph };
}

/** Paragraphs for plain text: one per "\n\n"-free line group; at least one (empty) paragraph. */
function paragraphs(text: string): PMJSON[] {
  const parts = text.split(/\n{2,}/);
  return parts.map((p) => paragraphJSON(p));
}

export function headingJSON(text: string, level: number): PMJSON {
  const content = inline(text);
  return { type: NODE.heading, attrs: { level }, ...(content.length ? { content } : {}) };
}

/** A theme's section with its heading and guidance, and optionally clauses. */
export function themeSectionJSON(
  theme: ThemeId,
  opts: { lang?: Lang; clauses?: PMJSON[] } = {},
): PMJSON {
  const lang = opts.lang ?? 'nl';
  const t = themeInfo(theme);
  const guidance = inline(t.guidance[lang]);
  return {
    type: NODE.themeSection,
    attrs: { theme },
    content: [
      headingJSON(t.label[lang], 2),
      { type: NODE.themeGuidance, ...(guidance.length ? { content: guidance } : {}) },
      ...(opts.clauses ?? []),
    ],
  };
}

export interface CounterpartInit {
  party?: string | null;
  commitment?: string;
  due?: string | null;
}

export interface ClauseInit {
  /** Defaults to a fresh id. */
  id?: string;
  owner?: string | null;
  status?: ClauseStatus;
  text?: string;
  counterparts?: CounterpartInit[];
}

export function counterpartJSON(c: CounterpartInit = {}): PMJSON {
  return {
    type: NODE.counterpart,
    attrs: { party: c.party ?? null, due: c.due ?? null },
    content: paragraphs(c.commitment ?? ''),
  };
}

/** A clause node as ProseMirror JSON (text: paragraphs split on blank lines). */
export function clauseJSON(c: ClauseInit = {}): PMJSON {
  return {
    type: NODE.clause,
    attrs: { id: c.id ?? newClauseId(), owner: c.owner ?? null, status: c.status ?? 'draft' },
    content: [
      { type: NODE.clauseText, content: paragraphs(c.text ?? '') },
      ...(c.counterparts ?? []).map(counterpartJSON),
    ],
  };
}

function listOf(names: readonly string[], lang: Lang): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${AND[lang]} ${names[names.length - 1]}`;
}

/**
 * The initial content of a new negotiation's document, as ProseMirror JSON: the title, a short
 * introduction, the parties, one section per theme of that document (heading + guidance) with
 * no clauses, and an empty closing paragraph. The server turns it into the document's first
 * Yjs update (`templateUpdate` in `@akkoord/domain/tiptap`).
 */
export function templateFor(
  kind: TemplateKind,
  parties: readonly { name: string }[],
  opts: TemplateOptions = {},
): PMJSON {
  const lang = opts.lang ?? 'nl';
  const content: PMJSON[] = [
    headingJSON(opts.title ?? TITLES[kind][lang], 1),
    paragraphJSON(INTROS[kind][lang]),
  ];
  if (parties.length > 0) {
    content.push(
      paragraphJSON(
        `${PARTIES_LABEL[lang]}: ${listOf(
          parties.map((p) => p.name),
          lang,
        )}.`,
      ),
    );
  }
  for (const t of themesOf(kind)) content.push(themeSectionJSON(t.id, { lang }));
  // End on a paragraph: otherwise StarterKit's TrailingNode adds one in every editor that opens
  // the document, and concurrent first openers would each add their own.
  content.push(paragraphJSON());
  return { type: NODE.doc, content };
}
