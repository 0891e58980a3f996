import type { PartyDto } from '@akkoord/domain';
import type { Editor } from '@tiptap/core';
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { agreementWith, mountClauseEditor } from '../clauseEditorTesting';
import { ClauseViewSettings } from '../clauseViewSettings';
import '../testing';
import { useHeldClauses } from './useHeldClauses';

const parties: PartyDto[] = [
  { id: 'corp', name: 'Woonstad', kind: 'corporation', color: '#1d4ed8' },
];

let editor: Editor | null = null;
afterEach(() => {
  editor?.destroy();
  editor = null;
  document.body.replaceChildren();
});

/** What the server's marks look like when they arrive: a remote y-sync change of an attribute. */
function serverMarks(e: Editor, clauseId: string, attr: 'locked' | 'round', value: string | null) {
  e.commands.command(({ tr }) => {
    tr.doc.descendants((node, pos) => {
      if (node.type.name === 'clause' && node.attrs.id === clauseId)
        tr.setNodeAttribute(pos, attr, value);
    });
    tr.setMeta('y-sync$', { isChangeOrigin: true });
    return true;
  });
}

describe('useHeldClauses', () => {
  it('CONS-5 CONS-6 LOCK-1 follows the locked and round marks in the document, and only they make a new set', () => {
    const doc = agreementWith(
      parties,
      { id: 'c1', owner: 'corp', text: 'Een.' },
      { id: 'c2', owner: 'corp', text: 'Twee.' },
    );
    editor = mountClauseEditor(new ClauseViewSettings({ parties, readOnly: false }), doc).editor;
    const e = editor;
    const { result } = renderHook(() => useHeldClauses(e));
    expect([...result.current]).toEqual([]);
    act(() => serverMarks(e, 'c2', 'round', 'cr1'));
    expect([...result.current]).toEqual(['c2']);
    const before = result.current;
    // Typing elsewhere changes the document, not the held clauses: the same set.
    act(() => {
      e.chain().setTextSelection(3).insertContent('x').run();
    });
    expect(result.current).toBe(before);
    act(() => {
      serverMarks(e, 'c2', 'round', null);
      serverMarks(e, 'c1', 'locked', 'dc1');
    });
    expect([...result.current]).toEqual(['c1']);
  });
});
