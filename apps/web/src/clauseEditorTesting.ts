// Test support for the clause cards (imported by *.test.ts only, never by the app).
import {
  clauseJSON,
  templateFor,
  type ClauseInit,
  type PartyDto,
  type PMJSON,
} from '@akkoord/domain';
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { clauseEditorExtensions } from './clauseExtensions';
import type { ClauseViewSettings } from './clauseViewSettings';

/** The agreement template with `clauses` at the end of its first theme. */
export function agreementWith(parties: readonly PartyDto[], ...clauses: ClauseInit[]): PMJSON {
  const doc = templateFor('agreement', [...parties]);
  const first = doc.content?.find((n) => n.type === 'themeSection');
  if (!first) throw new Error('no section');
  first.content = [...(first.content ?? []), ...clauses.map((c) => clauseJSON(c))];
  return doc;
}

/** A real Tiptap editor with the web's clause cards, attached to the document body. */
export function mountClauseEditor(
  settings: ClauseViewSettings,
  content: PMJSON,
): { editor: Editor; element: HTMLElement } {
  const element = document.createElement('div');
  document.body.append(element);
  const editor = new Editor({
    element,
    extensions: [StarterKit.configure({ undoRedo: false }), ...clauseEditorExtensions(settings)],
    content,
  });
  return { editor, element };
}
