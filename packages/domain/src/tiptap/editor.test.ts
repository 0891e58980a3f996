// @vitest-environment happy-dom
import { Editor, Extension } from '@tiptap/core';
import type { Plugin } from '@tiptap/pm/state';
import { ySyncPlugin } from '@tiptap/y-tiptap';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { computeLedger } from '../ledger';
import { readClauses } from '../read';
import { CONTENT_FRAGMENT } from '../schemaNames';
import { CORP, GEM, HURD, PARTIES } from '../testFixtures';
import { findClause, readClausesFromDoc } from './doc';
import { getClauseNumbers } from './plugins';
import { headlessExtensions, templateUpdate } from './yjs';

/**
 * A real Tiptap editor (in happy-dom) with the domain's extensions, bound to a Y.Doc the way
 * the web's Collaboration extension binds it: what editors do must be what `readClauses` (the
 * server) sees.
 */
const editors: Editor[] = [];

// The package is typechecked without the DOM library; these are the few DOM bits used here.
interface MiniElement {
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): Iterable<MiniElement>;
}

afterEach(() => {
  for (const e of editors.splice(0)) e.destroy();
});

function collaborativeEditor(doc: Y.Doc): Editor {
  const Sync = Extension.create({
    name: 'testYSync',
    addProseMirrorPlugins: () => [ySyncPlugin(doc.getXmlFragment(CONTENT_FRAGMENT)) as Plugin],
  });
  // A function as `element`: Tiptap creates its own (detached) element and hands it over.
  const editor = new Editor({ element: () => {}, extensions: [...headlessExtensions, Sync] });
  editors.push(editor);
  return editor;
}

/** Two replicas that exchange every update, like two browsers through the server. */
function pair(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array, origin) => origin !== 'relay' && Y.applyUpdate(b, u, 'relay'));
  b.on('update', (u: Uint8Array, origin) => origin !== 'relay' && Y.applyUpdate(a, u, 'relay'));
  return [a, b];
}

describe('editor with the Akkoord schema over Yjs', () => {
  it('two users co-edit: one inserts a clause, the other adds a counterpart; the server reads both', () => {
    const [docA, docB] = pair();
    Y.applyUpdate(docA, templateUpdate('agreement', PARTIES));
    const a = collaborativeEditor(docA);
    const b = collaborativeEditor(docB);
    expect(a.state.doc.childCount).toBe(b.state.doc.childCount);

    expect(a.can().insertClause({ theme: 'beschikbaarheid', owner: CORP })).toBe(true);
    a.chain()
      .insertClause({ theme: 'beschikbaarheid', owner: CORP })
      .insertContent('Wij bouwen 50 woningen.')
      .run();
    const [made] = readClauses(docA);
    expect(made).toMatchObject({
      number: 'B-01',
      owner: CORP,
      text: 'Wij bouwen 50 woningen.',
      counterparts: [],
    });
    expect(made!.id).toMatch(/^c[0-9a-z]{12}$/);

    // B sees it at once and adds the municipality's counterpart.
    expect(readClausesFromDoc(b.state.doc)[0]!.id).toBe(made!.id);
    b.chain()
      .addCounterpart(made!.id, { party: GEM, due: '2027-07-01' })
      .insertContent('Wij leveren de grond.')
      .run();

    const onServer = readClauses(docA);
    expect(onServer).toEqual([
      {
        id: made!.id,
        number: 'B-01',
        theme: 'beschikbaarheid',
        text: 'Wij bouwen 50 woningen.',
        owner: CORP,
        counterparts: [{ party: GEM, commitment: 'Wij leveren de grond.', due: '2027-07-01' }],
        status: 'draft',
      },
    ]);
    expect(readClauses(docB)).toEqual(onServer);
    const ledger = computeLedger(onServer, PARTIES);
    expect(ledger.matrix[GEM]![CORP]).toBe(1);
    expect(ledger.matrix[CORP]![GEM]).toBe(1);

    // Owner and status changes travel too.
    b.commands.setClauseStatus(made!.id, 'proposed');
    a.commands.setClauseOwner(made!.id, HURD);
    expect(readClauses(docB)[0]).toMatchObject({ owner: HURD, status: 'proposed' });
  });

  it('shows derived numbers in the DOM and renumbers when a clause is inserted before', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, templateUpdate('agreement', PARTIES));
    const e = collaborativeEditor(doc);
    e.commands.insertClause({ theme: 'kwaliteit', id: 'k1' });
    e.commands.insertClause({ theme: 'kwaliteit', id: 'k2' });
    const root = e.view.dom as unknown as MiniElement;
    const numbers = () =>
      [...root.querySelectorAll('[data-clause-number]')].map((el) => [
        el.getAttribute('data-clause-id'),
        el.getAttribute('data-clause-number'),
      ]);
    expect(numbers()).toEqual([
      ['k1', 'K-01'],
      ['k2', 'K-02'],
    ]);
    // Cursor into k1's section heading → a new clause goes to the section's end; before k1 by position:
    e.commands.insertClause({ at: findClause(e.state.doc, 'k1')!.pos, id: 'k0' });
    expect(numbers()).toEqual([
      ['k0', 'K-01'],
      ['k1', 'K-02'],
      ['k2', 'K-03'],
    ]);
    expect(getClauseNumbers(e.state).get('k2')).toBe('K-03');
  });

  it('round-trips through HTML and gives a pasted copy a new id', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, templateUpdate('agreement', PARTIES));
    const e = collaborativeEditor(doc);
    e.chain()
      .insertClause({
        theme: 'leefbaarheid',
        id: 'l1',
        owner: GEM,
        counterparts: [{ party: HURD, commitment: 'Meldt overlast.', due: '2027-01-01' }],
      })
      .insertContent('Buurtbeheer')
      .run();
    const html = e.getHTML();
    expect(html).toContain(
      'data-type="clause" data-clause-id="l1" data-owner="p-gem" data-status="draft"',
    );
    expect(html).toContain('data-type="counterpart" data-party="p-hurd" data-due="2027-01-01"');
    expect(html).toContain('data-type="theme-guidance"');

    // Parse the HTML back into a fresh editor: same clauses.
    const other = collaborativeEditor(new Y.Doc());
    other.commands.setContent(html);
    expect(readClausesFromDoc(other.state.doc)).toEqual(readClausesFromDoc(e.state.doc));

    // Copy the clause and paste it into the same document: a new id, same content.
    const clause = findClause(e.state.doc, 'l1')!;
    e.commands.setTextSelection(clause.pos + clause.node.nodeSize - 2);
    const clauseHtml = html.slice(
      html.indexOf('<div data-type="clause"'),
      html.indexOf('</section>', html.indexOf('data-clause-id="l1"')),
    );
    e.view.pasteHTML(clauseHtml);
    const all = readClauses(doc).filter((c) => c.theme === 'leefbaarheid');
    expect(all).toHaveLength(2);
    expect(new Set(all.map((c) => c.id)).size).toBe(2);
    expect(all.map((c) => c.id)).toContain('l1');
    expect(all.map((c) => [c.owner, c.text, c.counterparts.length])).toEqual([
      [GEM, 'Buurtbeheer', 1],
      [GEM, 'Buurtbeheer', 1],
    ]);
  });

  it('fills in the id of a clause a remote client wrote without one, on the next local edit only', () => {
    const [docA, docB] = pair();
    Y.applyUpdate(docA, templateUpdate('agreement', PARTIES));
    const a = collaborativeEditor(docA);
    // A non-editor client writes a bare clause into the first section.
    const section = docB.getXmlFragment(CONTENT_FRAGMENT).get(3) as Y.XmlElement;
    const clause = new Y.XmlElement('clause');
    const text = new Y.XmlElement('clauseText');
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Zonder id')]);
    text.insert(0, [p]);
    clause.insert(0, [text]);
    section.insert(section.length, [clause]);
    expect(readClauses(docA)[0]!.id).toBe('nr:B-01');
    a.commands.insertContentAt(1, 'X');
    const id = readClauses(docB)[0]!.id;
    expect(id).toMatch(/^c[0-9a-z]{12}$/);
    expect(readClauses(docA)[0]!.id).toBe(id);
  });
});
