import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { EditorToolbar } from './EditorToolbar';
import type { SharedDocument } from './useSharedDocument';
import type { UserIdentity } from './userIdentity';

interface DocumentEditorProps {
  room: string;
  shared: SharedDocument;
  user: UserIdentity;
}

function editorAttributes(label: string): Record<string, string> {
  return {
    'aria-label': label,
    role: 'textbox',
    'aria-multiline': 'true',
    class: 'document-text',
  };
}

export function DocumentEditor({ room, shared, user }: DocumentEditorProps) {
  const { t } = useTranslation();
  const label = t('editor.textLabel', { room });
  const editor = useEditor(
    {
      extensions: [
        // Collaboration brings its own Yjs-aware undo; StarterKit's would undo other people's work.
        StarterKit.configure({ undoRedo: false, link: { openOnClick: false } }),
        Collaboration.configure({ document: shared.doc }),
        CollaborationCaret.configure({
          provider: shared.provider,
          user: { name: user.name, color: user.color },
        }),
      ],
      editorProps: { attributes: editorAttributes(label) },
    },
    // Recreate the editor only for another document; language changes are applied below.
    [shared],
  );

  useEffect(() => {
    editor.setOptions({ editorProps: { attributes: editorAttributes(label) } });
  }, [editor, label]);

  return (
    <div className="document">
      <EditorToolbar editor={editor} />
      <div className="paper">
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}
