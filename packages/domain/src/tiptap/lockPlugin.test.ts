// @vitest-environment happy-dom
import { Editor, Extension } from '@tiptap/core';
import type { Plugin } from '@tiptap/pm/state';
import { ySyncPlugin } from '@tiptap/y-tiptap';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readClauses } from '../read';
import { CONTENT_FRAGMENT } from '../schemaNames';
import { sampleAgreementJSON } from '../testFixtures';
import { findClause } from './doc';
import { clauseHeld, clauseLock, clauseRound, heldClauseIds } from './lockPlugin';
import { headlessExtensions, writeJSON } from './yjs';

/**
 * The lock plugin in a real Tiptap editor bound to a Y.Doc, as in the browser: the server's
 * lock arrives as a Y attribute (a remote y-sync transaction), local edits are refused.
 */
const editors: Editor[] = [];
afterEach(() => {
  for (const e of editors.splice(0)) e.destroy();
});

function setup(): { doc: Y.Doc; editor: Editor } {
  const doc = new Y.Doc();
  writeJSON(sampleAgreementJSON(), doc);
  const Sync = Extension.create({
    name: 'testYSync',
    addProseMirrorPlugins: () => [ySyncPlugin(doc.getXmlFragment(CONTENT_FRAGMENT)) as Plugin],
  });
  // headlessExtensions carries the clause node with its plugins, the lock plugin among them.
  const editor = new Editor({ element: () => {}, extensions: [...headlessExtensions, Sync] });
  editors.push(editor);
  return { doc, editor };
}

/** The clause's Y element, as the server would find it. */
function yClause(doc: Y.Doc, id: string): Y.XmlElement {
  for (const el of doc.getXmlFragment(CONTENT_FRAGMENT).createTreeWalker(() => true)) {
    if (el instanceof Y.XmlElement && el.nodeName === 'clause' && el.getAttribute('id') === id) {
      return el;
    }
  }
  throw new Error(`no clause ${id}`);
}

/** What the server does when every party agreed (LOCK-1): another client's Yjs change. */
function serverLocks(doc: Y.Doc, id: string, decisionId: string | null, attr = 'locked'): void {
  doc.transact(() => {
    const el = yClause(doc, id);
    if (decisionId === null) el.removeAttribute(attr);
    else el.setAttribute(attr, decisionId);
  }, 'server');
}

const textOf = (doc: Y.Doc, id: string) => readClauses(doc).find((c) => c.id === id)?.text;
/** A position inside the clause's first paragraph. */
const inside = (editor: Editor, id: string) => findClause(editor.state.doc, id)!.pos + 3;

describe('clause lock plugin', () => {
  it('takes the lock from the server (remote y-sync change) and renders data-locked', () => {
    const { doc, editor } = setup();
    serverLocks(doc, 'c1', 'd1');
    const c1 = findClause(editor.state.doc, 'c1')!;
    expect(clauseLock(c1.node)).toBe('d1');
    expect(editor.getHTML()).toContain('data-locked="d1"');
  });

  it('refuses typing inside a locked clause; neither the editor nor Yjs changes', () => {
    const { doc, editor } = setup();
    serverLocks(doc, 'c1', 'd1');
    const before = editor.state.doc;
    editor.chain().setTextSelection(inside(editor, 'c1')).insertContent('NIET ').run();
    expect(editor.state.doc.eq(before)).toBe(true);
    expect(textOf(doc, 'c1')).toMatch(/^De corporatie bouwt/);
  });

  it('refuses attribute steps (empty step maps), status and counterpart changes', () => {
    const { doc, editor } = setup();
    serverLocks(doc, 'c1', 'd1');
    const before = editor.state.doc;
    // A counterpart's party through an AttrStep, which moves no positions.
    editor.commands.command(({ tr }) => {
      tr.setNodeAttribute(
        findClause(tr.doc, 'c1')!.pos +
          1 +
          before.nodeAt(findClause(tr.doc, 'c1')!.pos)!.child(0).nodeSize,
        'party',
        'x',
      );
      return true;
    });
    editor.commands.updateCounterpart('c1', 0, { due: '2030-01-01' });
    expect(editor.commands.setClauseStatus('c1', 'draft', { force: true })).toBe(true);
    editor.commands.setClauseOwner('c1', null);
    editor.commands.addCounterpart('c1', { party: 'x' });
    expect(editor.state.doc.eq(before)).toBe(true);
  });

  it('refuses deleting a range that contains a locked clause, and removing it', () => {
    const { doc, editor } = setup();
    serverLocks(doc, 'c1', 'd1');
    const before = editor.state.doc;
    const c1 = findClause(editor.state.doc, 'c1')!;
    const c2 = findClause(editor.state.doc, 'c2')!;
    editor.commands.deleteRange({ from: c1.pos - 2, to: c2.pos + 3 });
    editor.commands.removeClause('c1');
    expect(editor.state.doc.eq(before)).toBe(true);
    expect(readClauses(doc).map((c) => c.id)).toContain('c1');
  });

  it('lets unlocked clauses be edited, also inserting right before and after a locked one', () => {
    const { doc, editor } = setup();
    serverLocks(doc, 'c1', 'd1');
    editor.chain().setTextSelection(inside(editor, 'c2')).insertContent('Snel: ').run();
    expect(textOf(doc, 'c2')).toBe('Snel: De gemeente versnelt de vergunningen.');
    const c1 = findClause(editor.state.doc, 'c1')!;
    expect(editor.commands.insertClause({ at: c1.pos, id: 'n1' })).toBe(true);
    const moved = findClause(editor.state.doc, 'c1')!;
    expect(editor.commands.insertClause({ at: moved.pos + moved.node.nodeSize, id: 'n2' })).toBe(
      true,
    );
    expect(readClauses(doc).map((c) => c.id)).toEqual(['n1', 'c1', 'n2', 'c2', 'c3', 'c4']);
    expect(clauseLock(findClause(editor.state.doc, 'c1')!.node)).toBe('d1');
  });

  it('refuses a local lock: only the server sets one', () => {
    const { doc, editor } = setup();
    editor.commands.command(({ tr }) => {
      tr.setNodeAttribute(findClause(tr.doc, 'c2')!.pos, 'locked', 'mine');
      return true;
    });
    expect(clauseLock(findClause(editor.state.doc, 'c2')!.node)).toBeNull();
    expect(yClause(doc, 'c2').getAttribute('locked')).toBeUndefined();
  });

  it('lets remote changes inside a locked clause through (the server has the last word)', () => {
    const { doc, editor } = setup();
    serverLocks(doc, 'c1', 'd1');
    doc.transact(() => {
      const text = yClause(doc, 'c1').firstChild as Y.XmlElement; // clauseText
      const paragraph = text.firstChild as Y.XmlElement;
      (paragraph.firstChild as Y.XmlText).insert(0, 'Vastgesteld: ');
    }, 'server');
    expect(findClause(editor.state.doc, 'c1')!.node.textContent).toMatch(/^Vastgesteld: De/);
  });

  it('after reopening (lock removed by the server) the clause is editable again', () => {
    const { doc, editor } = setup();
    serverLocks(doc, 'c1', 'd1');
    serverLocks(doc, 'c1', null);
    editor.chain().setTextSelection(inside(editor, 'c1')).insertContent('Wel ').run();
    expect(textOf(doc, 'c1')).toMatch(/^Wel De corporatie/);
  });

  it('CONS-5: a clause held for an open round refuses typing and a local hold; closing frees it', () => {
    const { doc, editor } = setup();
    serverLocks(doc, 'c1', 'cr1', 'round');
    const held = findClause(editor.state.doc, 'c1')!.node;
    expect(clauseRound(held)).toBe('cr1');
    expect(clauseLock(held)).toBeNull();
    expect(clauseHeld(held)).toBe(true);
    expect(editor.getHTML()).toContain('data-round="cr1"');
    serverLocks(doc, 'c3', 'd1');
    expect(heldClauseIds(editor.state.doc)).toEqual(['c1', 'c3']);
    serverLocks(doc, 'c3', null);
    const before = editor.state.doc;
    editor.chain().setTextSelection(inside(editor, 'c1')).insertContent('NIET ').run();
    editor.commands.setClauseOwner('c1', null);
    expect(editor.state.doc.eq(before)).toBe(true);
    editor.commands.command(({ tr }) => {
      tr.setNodeAttribute(findClause(tr.doc, 'c2')!.pos, 'round', 'mine');
      return true;
    });
    expect(yClause(doc, 'c2').getAttribute('round')).toBeUndefined();

    serverLocks(doc, 'c1', null, 'round');
    expect(clauseHeld(findClause(editor.state.doc, 'c1')!.node)).toBe(false);
    editor.chain().setTextSelection(inside(editor, 'c1')).insertContent('Wel ').run();
    expect(textOf(doc, 'c1')).toMatch(/^Wel De corporatie/);
  });
});
