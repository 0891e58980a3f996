/**
 * Shared test data (not exported by the package): a small agreement with three parties, as
 * ProseMirror JSON and built by hand from Y.XmlElements the way any Yjs client could write it.
 */
import * as Y from 'yjs';
import type { Clause } from './clause';
import type { PMJSON } from './read';
import { CONTENT_FRAGMENT, NODE } from './schemaNames';
import { clauseJSON, headingJSON, paragraphJSON, themeSectionJSON } from './templates';

export const CORP = 'p-corp';
export const GEM = 'p-gem';
export const HURD = 'p-hurd';
/** A clause as `readClauses` returns it, for tests: B-01 of the corporation, draft. */
export function clause(id: string, over: Partial<Clause> = {}): Clause {
  return {
    id,
    number: 'B-01',
    theme: 'beschikbaarheid',
    text: 'De corporatie bouwt 120 sociale huurwoningen.',
    owner: CORP,
    counterparts: [],
    status: 'draft',
    ...over,
  };
}

export const PARTIES = [
  { id: CORP, name: 'Woonstede', kind: 'corporation' },
  { id: GEM, name: 'Gemeente Voorbeeldstad', kind: 'municipality' },
  { id: HURD, name: 'Huurdersvereniging', kind: 'tenants' },
] as const;

/** B-01, B-02 (beschikbaarheid), H-01 (betaalbaarheid), K-01 withdrawn (kwaliteit). */
export function sampleAgreementJSON(): PMJSON {
  return {
    type: NODE.doc,
    content: [
      headingJSON('Prestatieafspraken', 1),
      paragraphJSON('Inleiding.'),
      themeSectionJSON('beschikbaarheid', {
        clauses: [
          clauseJSON({
            id: 'c1',
            owner: CORP,
            status: 'proposed',
            text: 'De corporatie bouwt 120 sociale huurwoningen.\n\nZe zijn in 2028 klaar.',
            counterparts: [
              {
                party: GEM,
                commitment: 'Levert grond tegen een sociale grondprijs.',
                due: '2026-07-01',
              },
              { party: HURD, commitment: 'Denkt mee over het ontwerp.' },
            ],
          }),
          clauseJSON({ id: 'c2', owner: GEM, text: 'De gemeente versnelt de vergunningen.' }),
        ],
      }),
      themeSectionJSON('betaalbaarheid', {
        clauses: [
          clauseJSON({
            id: 'c3',
            owner: CORP,
            status: 'agreed',
            text: 'De huur stijgt niet meer dan de inflatie.',
            counterparts: [{ party: HURD, commitment: 'Legt de afspraak uit aan de achterban.' }],
          }),
        ],
      }),
      themeSectionJSON('duurzaamheid'),
      themeSectionJSON('kwaliteit', {
        clauses: [
          clauseJSON({ id: 'c4', owner: CORP, status: 'withdrawn', text: 'Oude afspraak.' }),
        ],
      }),
    ],
  };
}

function yText(text: string): Y.XmlText {
  const t = new Y.XmlText();
  t.insert(0, text);
  return t;
}

export function yParagraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement(NODE.paragraph);
  if (text) p.insert(0, [yText(text)]);
  return p;
}

export function yClause(c: {
  id?: string;
  owner?: string;
  status?: string;
  text: string[];
  counterparts?: { party?: string; due?: string; text: string[] }[];
}): Y.XmlElement {
  const el = new Y.XmlElement(NODE.clause);
  if (c.id !== undefined) el.setAttribute('id', c.id);
  if (c.owner !== undefined) el.setAttribute('owner', c.owner);
  if (c.status !== undefined) el.setAttribute('status', c.status);
  const ct = new Y.XmlElement(NODE.clauseText);
  ct.insert(0, c.text.map(yParagraph));
  const cps = (c.counterparts ?? []).map((cp) => {
    const e = new Y.XmlElement(NODE.counterpart);
    if (cp.party !== undefined) e.setAttribute('party', cp.party);
    if (cp.due !== undefined) e.setAttribute('due', cp.due);
    e.insert(0, cp.text.map(yParagraph));
    return e;
  });
  el.insert(0, [ct, ...cps]);
  return el;
}

export function ySection(theme: string, title: string, clauses: Y.XmlElement[]): Y.XmlElement {
  const s = new Y.XmlElement(NODE.themeSection);
  s.setAttribute('theme', theme);
  const h = new Y.XmlElement(NODE.heading);
  h.setAttribute('level', 2 as unknown as string);
  h.insert(0, [yText(title)]);
  const g = new Y.XmlElement(NODE.themeGuidance);
  g.insert(0, [yText('Uitleg.')]);
  s.insert(0, [h, g, ...clauses]);
  return s;
}

/** The same content as `sampleAgreementJSON`, written with bare Y.XmlElement calls. */
export function sampleAgreementYDoc(): Y.Doc {
  const doc = new Y.Doc();
  const f = doc.getXmlFragment(CONTENT_FRAGMENT);
  const title = new Y.XmlElement(NODE.heading);
  title.setAttribute('level', 1 as unknown as string);
  title.insert(0, [yText('Prestatieafspraken')]);
  f.insert(0, [
    title,
    yParagraph('Inleiding.'),
    ySection('beschikbaarheid', 'Beschikbaarheid', [
      yClause({
        id: 'c1',
        owner: CORP,
        status: 'proposed',
        text: ['De corporatie bouwt 120 sociale huurwoningen.', 'Ze zijn in 2028 klaar.'],
        counterparts: [
          { party: GEM, due: '2026-07-01', text: ['Levert grond tegen een sociale grondprijs.'] },
          { party: HURD, text: ['Denkt mee over het ontwerp.'] },
        ],
      }),
      yClause({
        id: 'c2',
        owner: GEM,
        status: 'draft',
        text: ['De gemeente versnelt de vergunningen.'],
      }),
    ]),
    ySection('betaalbaarheid', 'Betaalbaarheid', [
      yClause({
        id: 'c3',
        owner: CORP,
        status: 'agreed',
        text: ['De huur stijgt niet meer dan de inflatie.'],
        counterparts: [{ party: HURD, text: ['Legt de afspraak uit aan de achterban.'] }],
      }),
    ]),
    ySection('duurzaamheid', 'Duurzaamheid', []),
    ySection('kwaliteit', 'Kwaliteit', [
      yClause({ id: 'c4', owner: CORP, status: 'withdrawn', text: ['Oude afspraak.'] }),
    ]),
  ]);
  return doc;
}
