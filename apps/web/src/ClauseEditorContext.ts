import type { PartyDto } from '@akkoord/domain';
import { createContext, useContext } from 'react';

export interface ClauseEditorSettings {
  /** The workspace's parties, in their order, with colours. */
  parties: readonly PartyDto[];
  /** Observers, or a refusal from the server: every picker is disabled. */
  readOnly: boolean;
}

/**
 * Node views are rendered through EditorContent's portals, so React context reaches them; the
 * parties and the read-only state change without recreating the editor.
 */
export const ClauseEditorContext = createContext<ClauseEditorSettings>({
  parties: [],
  readOnly: true,
});

export function useClauseEditor(): ClauseEditorSettings {
  return useContext(ClauseEditorContext);
}
