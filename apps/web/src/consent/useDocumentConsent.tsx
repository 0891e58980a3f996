import {
  clauseTurns,
  NODE,
  threadDigestOf,
  type ConsentRoundDto,
  type DocumentOutline,
  type MemberDto,
  type PartyDto,
  type PartyTurn,
  type ProcessGateDto,
  type ThreadDto,
  votingParties,
} from '@akkoord/domain';
import { clauseLock } from '@akkoord/domain/tiptap';
import type { Node as PMNode } from '@tiptap/pm/model';
import { NodeSelection, type EditorState } from '@tiptap/pm/state';
import type { Editor } from '@tiptap/react';
import { useMemo, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { membershipOf } from '../membership';
import { parseRoute, usePathname } from '../router';
import { useSession } from '../useSession';
import type { SharedDocument } from '../useSharedDocument';
import { useWorkspace } from '../WorkspacePage';
import { ClauseConsentSection } from './ClauseConsentSection';
import { ConsentPanel } from './ConsentPanel';
import { GateBanner, gateKeepsReadOnly } from './GateBanner';
import { useEditorTransactions } from './useEditorTransactions';
import { useFacilitationState } from './useFacilitationState';
import { useHeldClauses } from './useHeldClauses';

/**
 * The clause holding the caret (the selection's start, or a selected clause node) with
 * whether it is locked; null outside a clause.
 */
export function caretClause(state: EditorState): { id: string; locked: boolean } | null {
  const selection = state.selection;
  const of = (node: PMNode) => {
    const id: unknown = node.attrs.id;
    return typeof id === 'string' && id !== '' ? { id, locked: clauseLock(node) !== null } : null;
  };
  // A selected clause node (a click on its card): the caret is "in" that clause too.
  if (selection instanceof NodeSelection && selection.node.type.name === NODE.clause) {
    return of(selection.node);
  }
  const $from = selection.$from;
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth);
    if (node.type.name === NODE.clause) return of(node);
  }
  return null;
}

/** Tracks the clause at the caret; redraws only when that clause or its lock changes. */
function useCaretClause(editor: Editor): { id: string; locked: boolean } | null {
  const subscribe = useEditorTransactions(editor);
  // A string snapshot: useSyncExternalStore compares by identity.
  const key = useSyncExternalStore(subscribe, () => {
    const found = editor.isDestroyed ? null : caretClause(editor.state);
    return found === null ? '' : `${found.locked ? 'locked' : 'open'}:${found.id}`;
  });
  if (key === '') return null;
  const colon = key.indexOf(':');
  return { id: key.slice(colon + 1), locked: key.slice(0, colon) === 'locked' };
}

const CLOSED_GATE: ProcessGateDto = {
  open: false,
  processFirst: true,
  decisionId: null,
  via: null,
  at: null,
};

const noTurns: ReadonlyMap<string, readonly PartyTurn[]> = new Map();

/** Whose move it is per clause; a new map only when one of its inputs changed. */
function useTurns(
  documentId: string | null,
  parties: readonly PartyDto[] | undefined,
  members: readonly MemberDto[] | undefined,
  outline: DocumentOutline,
  rounds: readonly ConsentRoundDto[] | undefined,
  threads: readonly ThreadDto[] | undefined,
): ReadonlyMap<string, readonly PartyTurn[]> {
  return useMemo(() => {
    if (documentId === null || parties === undefined || members === undefined) return noTurns;
    return clauseTurns({
      parties,
      documentId,
      clauses: outline.clauses,
      rounds: rounds ?? [],
      threads: (threads ?? []).map((t) => threadDigestOf(t, members)),
      members,
    });
  }, [documentId, parties, members, outline, rounds, threads]);
}

/**
 * Facilitator mode in the editor of the process or agreement document (issue #6): the gate
 * banner, read-only while the process gate keeps negotiators out, the turn chips of the
 * clause cards, and the consent section of the side panel for the clause at the caret.
 * Like `useDocumentThreads` it finds workspace, document and viewer from the address, the
 * session and the cached workspace, so the pages above need not pass them.
 */
export function useDocumentConsent(
  editor: Editor,
  shared: SharedDocument,
  outline: DocumentOutline,
  /** The document's threads as `useDocumentThreads` keeps them live (null until loaded). */
  threads: readonly ThreadDto[] | null,
) {
  const { t } = useTranslation();
  const route = parseRoute(usePathname());
  const workspaceId = route.page === 'document' ? route.workspaceId : null;
  const session = useSession();
  const workspace = useWorkspace(workspaceId ?? '');
  const data = workspace.status === 'ready' ? workspace.data : null;
  // By room: the party's notes beside the agreement are another editor on the same page.
  const documentDto = data?.documents.find((d) => d.room === shared.room);
  const kind = documentDto?.kind ?? null;
  const consentDocument = kind === 'agreement' || kind === 'process';
  const documentId = consentDocument ? (documentDto?.id ?? null) : null;
  const facilitation = useFacilitationState(consentDocument ? workspaceId : null);
  const me =
    data !== null && session.status === 'signed-in' ? membershipOf(data, session.user.id) : null;
  const state = facilitation.status === 'ready' ? facilitation.data : null;

  const turns = useTurns(
    documentId,
    data?.parties,
    data?.members,
    outline,
    state?.rounds,
    threads ?? undefined,
  );

  const lockedClauses = useHeldClauses(editor);

  const caret = useCaretClause(editor);
  const reload = facilitation.reload;
  const gate = state?.gate ?? null;
  // Until the gate's state has loaded, a process-first workspace counts as closed: a keystroke
  // in that moment would be refused by the server and leave the editor stuck read-only.
  const assumed = gate ?? (data?.processFirst === true ? CLOSED_GATE : null);
  const gateReadOnly = gateKeepsReadOnly(assumed, kind, me?.role ?? null);

  const banner =
    workspaceId !== null && me !== null ? (
      <GateBanner
        workspaceId={workspaceId}
        gate={gate}
        kind={kind}
        role={me.role}
        onChanged={reload}
      />
    ) : null;

  let panel = null;
  if (workspaceId !== null && documentId !== null && data !== null && me !== null) {
    const voting = votingParties(data.parties, data.members);
    const number =
      caret === null ? null : (outline.clauses.find((c) => c.id === caret.id)?.number ?? null);
    const locked =
      caret !== null &&
      (caret.locked ||
        (state?.locks ?? []).some((l) => l.documentId === documentId && l.clauseId === caret.id));
    panel = (
      <>
        {/* On the process agreements: the round over the whole document (the gate) first. */}
        {kind === 'process' && state !== null && (
          <ConsentPanel
            workspaceId={workspaceId}
            target={{ kind: 'process', documentId }}
            targetLabel={t('consent.processTarget')}
            parties={voting}
            member={me}
            rounds={state.rounds}
            onChanged={reload}
          />
        )}
        <ClauseConsentSection
          workspaceId={workspaceId}
          documentId={documentId}
          clause={caret === null ? null : { id: caret.id, number: number ?? '?', locked }}
          parties={voting}
          member={me}
          rounds={state?.rounds ?? []}
          onChanged={reload}
        />
      </>
    );
  }
  return { banner, panel, turns, gateReadOnly, lockedClauses };
}
