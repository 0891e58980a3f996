import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readOutline, readOutlineFromJSON } from './read';
import { CONTENT_FRAGMENT } from './schemaNames';
import { clauseJSON, hasTemplate, templateFor } from './templates';
import { themeInfo } from './themes';
import { fragmentToDoc, headlessSchema, jsonToYUpdate, templateUpdate } from './tiptap';

const parties = [
  { name: 'Woonstede' },
  { name: 'Gemeente Voorbeeldstad' },
  { name: 'Huurdersvereniging' },
];

function load(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

describe('templates', () => {
  it('opens the process document with the seven process sections of tip 3 and no clauses', () => {
    const doc = load(templateUpdate('process', parties));
    const outline = readOutline(doc);
    expect(outline.title).toBe('Procesafspraken');
    expect(outline.sections.map((s) => s.theme)).toEqual([
      'verwachtingen',
      'vergaderafspraken',
      'besluitvorming',
      'reikwijdte',
      'procesbegeleiding',
      'voortgang',
      'kalender',
    ]);
    expect(outline.clauses).toEqual([]);
    const calendar = outline.sections.find((s) => s.theme === 'kalender')!;
    expect(calendar.guidance).toContain('1 juli');
    expect(calendar.guidance).toContain('15 december');
    for (const s of outline.sections) {
      expect(s.title).toBe(themeInfo(s.theme!).label.nl);
      expect(s.guidance).toBe(themeInfo(s.theme!).guidance.nl);
    }
  });

  it('opens the agreement document with the nine usual themes and their guidance', () => {
    const outline = readOutline(load(templateUpdate('agreement', parties)));
    expect(outline.title).toBe('Prestatieafspraken');
    expect(outline.sections.map((s) => s.title)).toEqual([
      'Beschikbaarheid',
      'Betaalbaarheid',
      'Duurzaamheid',
      'Kwaliteit',
      'Leefbaarheid',
      'Wonen en zorg',
      'Aandachtsgroepen',
      'Huurdersparticipatie',
      'Financiële afspraken',
    ]);
    expect(outline.sections.every((s) => s.guidance.length > 0 && s.clauses.length === 0)).toBe(
      true,
    );
  });

  it('names the parties', () => {
    const doc = load(templateUpdate('agreement', parties));
    expect(doc.getXmlFragment(CONTENT_FRAGMENT).toJSON()).toContain(
      'Partijen: Woonstede, Gemeente Voorbeeldstad en Huurdersvereniging.',
    );
    const none = load(templateUpdate('agreement', []));
    expect(none.getXmlFragment(CONTENT_FRAGMENT).toJSON()).not.toContain('Partijen');
  });

  it('builds content the schema accepts, in Node without a DOM', () => {
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
    for (const kind of ['process', 'agreement'] as const) {
      const json = templateFor(kind, parties);
      expect(() => headlessSchema().nodeFromJSON(json).check()).not.toThrow();
      expect(() => fragmentToDoc(load(templateUpdate(kind, parties))).check()).not.toThrow();
    }
  });

  it('writes English headings and guidance on request, and a custom title', () => {
    const outline = readOutlineFromJSON(
      templateFor('process', parties, { lang: 'en', title: 'Process 2027' }),
    );
    expect(outline.title).toBe('Process 2027');
    expect(outline.sections[0]!.title).toBe('What we expect of each other');
    expect(outline.sections.at(-1)!.guidance).toContain('15 December');
  });

  it('is one update that merges into an empty shared document', () => {
    const update = templateUpdate('process', parties);
    const a = load(update);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(b.getXmlFragment(CONTENT_FRAGMENT).toJSON()).toBe(
      a.getXmlFragment(CONTENT_FRAGMENT).toJSON(),
    );
    expect(update.length).toBeLessThan(8000);
  });

  it('ends on an empty paragraph, so no editor adds a trailing one of its own', () => {
    for (const kind of ['process', 'agreement'] as const) {
      expect(templateFor(kind, parties).content!.at(-1)).toEqual({ type: 'paragraph' });
    }
  });

  it('only process and agreement documents have a template', () => {
    expect(hasTemplate('process')).toBe(true);
    expect(hasTemplate('agreement')).toBe(true);
    expect(hasTemplate('party-notes')).toBe(false);
  });

  it('refuses JSON that does not fit the schema', () => {
    const clauseAtTop = { type: 'doc', content: [clauseJSON({ id: 'x' })] };
    expect(() => jsonToYUpdate(clauseAtTop)).toThrow();
  });
});
