import { STATUS_LABELS, type Clause, type DocumentExport } from './clause';
import type { DocumentOutline } from './read';
import { themeInfo, type Lang } from './themes';
import type { DocumentKind } from './workspace';

export interface ExportedDocumentInfo {
  id: string;
  kind: DocumentKind;
  title: string;
}

/** The contract's JSON export of a document (CONTRACT.md); `due` appears only when set. */
export function toDocumentExport(
  document: ExportedDocumentInfo,
  clauses: readonly Clause[],
): DocumentExport {
  return {
    document: { id: document.id, kind: document.kind, title: document.title },
    clauses: clauses.map((c) => ({
      id: c.id,
      number: c.number,
      theme: c.theme,
      text: c.text,
      owner: c.owner,
      counterparts: c.counterparts.map((cp) => ({
        party: cp.party,
        commitment: cp.commitment,
        ...(cp.due !== null ? { due: cp.due } : {}),
      })),
      status: c.status,
    })),
  };
}

export interface MarkdownOptions {
  /** Party ids → names for owners and counterparts; unknown ids are printed as they are. */
  parties: readonly { id: string; name: string }[];
  /** Language of the fixed labels. Default Dutch. */
  lang?: Lang;
}

const L = {
  nl: {
    noOwner: 'geen eigenaar',
    noText: '(geen tekst)',
    inReturn: 'Wat de andere partijen daartegenover doen:',
    noCounterpart: 'Nog geen tegenprestatie.',
    noClauses: 'Nog geen afspraken.',
    due: 'uiterlijk',
    noParty: 'partij nog niet gekozen',
    other: 'Overige afspraken',
    untitled: 'Zonder thema',
  },
  en: {
    noOwner: 'no owner',
    noText: '(no text)',
    inReturn: 'What the other parties do in return:',
    noCounterpart: 'No counterpart commitment yet.',
    noClauses: 'No clauses yet.',
    due: 'by',
    noParty: 'party not chosen yet',
    other: 'Other clauses',
    untitled: 'No theme',
  },
} as const;

/** Escapes text so Markdown shows it as written (and renders no HTML from it). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, (ch) => `\\${ch}`)
    .replace(/^(\s*)([#+=-]|\d+[.)])/gm, (_m, ws: string, mark: string) => `${ws}\\${mark}`);
}

/**
 * The document as Markdown: the title, one `##` section per theme (in document order), each
 * clause as a `###` line "number · owner · status", its text, and the counterpart
 * commitments as a list with party names and due dates.
 */
export function toMarkdown(title: string, outline: DocumentOutline, opts: MarkdownOptions): string {
  const lang = opts.lang ?? 'nl';
  const l = L[lang];
  const names = new Map(opts.parties.map((p) => [p.id, p.name]));
  const party = (id: string | null, none: string) =>
    id === null ? none : escapeMarkdown(names.get(id) ?? id);
  const out: string[] = [`# ${escapeMarkdown(title)}`, ''];

  const clause = (c: Clause) => {
    out.push(
      `### ${c.number} · ${party(c.owner, l.noOwner)} · ${STATUS_LABELS[c.status][lang]}`,
      '',
    );
    const paragraphs = c.text.split('\n').filter((p) => p.trim() !== '');
    if (paragraphs.length === 0) out.push(`_${l.noText}_`, '');
    for (const p of paragraphs) out.push(escapeMarkdown(p), '');
    if (c.counterparts.length === 0) {
      out.push(`_${l.noCounterpart}_`, '');
      return;
    }
    out.push(l.inReturn, '');
    for (const cp of c.counterparts) {
      const due = cp.due ? ` (${l.due} ${cp.due})` : '';
      const text = cp.commitment
        .split('\n')
        .filter((p) => p.trim() !== '')
        .map(escapeMarkdown)
        .join('\n  ');
      out.push(`- **${party(cp.party, l.noParty)}**${due}: ${text || `_${l.noText}_`}`);
    }
    out.push('');
  };

  const inSections = new Set<Clause>();
  for (const s of outline.sections) {
    const heading = s.title || (s.theme ? themeInfo(s.theme).label[lang] : l.untitled);
    out.push(`## ${escapeMarkdown(heading)}`, '');
    if (s.clauses.length === 0) out.push(`_${l.noClauses}_`, '');
    for (const c of s.clauses) {
      inSections.add(c);
      clause(c);
    }
  }
  const loose = outline.clauses.filter((c) => !inSections.has(c));
  if (loose.length > 0) {
    out.push(`## ${l.other}`, '');
    loose.forEach(clause);
  }
  return `${out.join('\n').trimEnd()}\n`;
}
