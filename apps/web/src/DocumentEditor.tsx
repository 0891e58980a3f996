import type { PartyDto } from '@akkoord/domain';
import { Extension } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type { EditorState } from '@tiptap/pm/state';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useLayoutEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clauseEditorExtensions } from './clauseExtensions';
import { ClauseSidePanel } from './ClauseSidePanel';
import { ClauseViewSettings } from './clauseViewSettings';
import { useDocumentConsent } from './consent/useDocumentConsent';
import { EditorToolbar } from './EditorToolbar';
import { renderCaret } from './renderCaret';
import { SlashMenu } from './SlashMenu';
import './clauseEditor.css';
import { useClausePermalink } from './useClausePermalink';
import { useMeetingFollow } from './meetings/useMeetingFollow';
import { commentShortcutKey, ShortcutAction, useDocumentThreads } from './useDocumentThreads';
import { useSyncProblem } from './useSyncStatus';
import { ThreadHighlights } from './threadHighlights';
import type { CaretUser } from './membership';
import type { SharedDocument } from './useSharedDocument';

interface DocumentEditorProps {
  title: string;
  shared: SharedDocument;
  user: CaretUser;
  /** The workspace's parties: owner and counterpart pickers, colours, the ledger. */
  parties: readonly PartyDto[];
  /** Observers: no toolbar, no typing (the server would refuse it anyway). */
  readOnly: boolean;
}

function isEmpty(state: EditorState): boolean {
  const first = state.doc.firstChild;
  return (
    state.doc.childCount === 1 && first !== null && first.isTextblock && first.content.size === 0
  );
}

/**
 * ProseMirror re-evaluates this on every change, which keeps the placeholder in step with the
 * content. aria-placeholder gives screen readers the same hint the CSS shows.
 */
function editorAttributes(label: string, placeholder: string) {
  return (state: EditorState): Record<string, string> => ({
    'aria-label': label,
    role: 'textbox',
    'aria-multiline': 'true',
    class: 'document-text',
    ...(isEmpty(state) ? { 'aria-placeholder': placeholder, 'data-placeholder': placeholder } : {}),
  });
}

export function DocumentEditor({
  title,
  shared,
  user,
  parties,
  readOnly: observer,
}: DocumentEditorProps) {
  const { t } = useTranslation();
  const label = t('editor.textLabel', { title });
  const placeholder = t('editor.placeholder');
  // One settings object per mounted editor: the clause cards read parties and read-only state
  // from it and redraw when it changes, without recreating the editor.
  const [clauseSettings] = useState(() => new ClauseViewSettings({ parties, readOnly: observer }));
  // Ctrl+Alt+M in the text starts a comment; the threads panel sets what it does.
  const [commentShortcut] = useState(() => new ShortcutAction());
  const editor = useEditor(
    {
      extensions: [
        // Collaboration brings its own Yjs-aware undo; StarterKit's would undo other people's work.
        StarterKit.configure({ undoRedo: false, link: { openOnClick: false } }),
        // The document schema's own nodes (theme sections, clauses) from the templates. Without
        // them y-prosemirror would delete every element it cannot turn into a node, i.e. wipe
        // the template of a new agreement as soon as someone opens it. Here with the web's
        // clause views, insert shortcut and `/` menu.
        ...clauseEditorExtensions(clauseSettings),
        // Tints the text that open comment threads are about.
        ThreadHighlights,
        Extension.create({
          name: 'commentShortcut',
          addKeyboardShortcuts: () => ({ [commentShortcutKey]: () => commentShortcut.run() }),
        }),
        Collaboration.configure({ document: shared.doc }),
        CollaborationCaret.configure({
          provider: shared.provider,
          user: { name: user.name, color: user.color },
          render: renderCaret,
        }),
      ],
      editable: !observer,
      editorProps: { attributes: editorAttributes(label, placeholder) },
    },
    // Recreate the editor only for another document; language changes are applied below.
    [shared],
  );

  // The server refused us: typing on would only pile up text that is never saved.
  const problem = useSyncProblem(shared.tracker);
  const serverReadOnly = observer || problem !== null;

  useEffect(() => {
    editor.setOptions({ editorProps: { attributes: editorAttributes(label, placeholder) } });
  }, [editor, label, placeholder]);

  const threads = useDocumentThreads(editor, shared, commentShortcut);
  useClausePermalink(editor, shared);
  // Facilitator mode (issue #6): gate banner and read-only gate, turn chips, consent section.
  const consent = useDocumentConsent(editor, shared, threads.outline, threads.threads);
  const readOnly = serverReadOnly || consent.gateReadOnly;
  useEffect(() => {
    editor.setEditable(!readOnly);
  }, [editor, readOnly]);
  // Follow-the-facilitator during a meeting (scroll to their clause / share my caret's clause).
  useMeetingFollow(editor, shared);

  // Before paint, so no frame shows cards with stale parties or pickers still enabled.
  useLayoutEffect(() => {
    clauseSettings.set({
      parties,
      readOnly,
      threadCounts: threads.counts,
      showThreads: threads.showClause,
      turns: consent.turns,
      lockedClauses: consent.lockedClauses,
    });
  }, [
    clauseSettings,
    parties,
    readOnly,
    threads.counts,
    threads.showClause,
    consent.turns,
    consent.lockedClauses,
  ]);

  return (
    <div className="editor-layout">
      <div className="document">
        {consent.banner}
        {!observer && !consent.gateReadOnly && <EditorToolbar editor={editor} />}
        <div className="paper">
          <EditorContent editor={editor} />
        </div>
        <SlashMenu editor={editor} />
      </div>
      <ClauseSidePanel
        editor={editor}
        outline={threads.outline}
        parties={parties}
        threads={threads.panel}
        consent={consent.panel}
        revealKey={threads.revealKey}
      />
    </div>
  );
}
