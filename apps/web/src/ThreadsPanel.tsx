import {
  notificationPath,
  type CommentDto,
  type MemberDto,
  type PartyDto,
  type ThreadDto,
  type ThreadVisibility,
} from '@akkoord/domain';
import type { Editor } from '@tiptap/react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { isApiError, threadsApi } from './apiClient';
import { copyText } from './copyText';
import { ErrorNotice } from './ErrorNotice';
import { useFormatDate } from './formatDate';
import { PartySwatchDot } from './PartySwatchDot';
import { scrollToClause } from './scrollToClause';
import { threadTarget, type ThreadTarget } from './threadPlacement';
import { THREAD_FILTERS, visibleThreads, type PlacedThread, type ThreadFilter } from './threads';
import type { ThreadsState } from './useThreads';
import { ParkThreadButton } from './meetings/ParkThreadButton';

/** Who is looking, in which workspace and document. */
export interface ThreadsContext {
  workspaceId: string;
  documentId: string;
  /** Party notes: every thread is internal to the party. */
  partyNotes: boolean;
  me: MemberDto;
  members: readonly MemberDto[];
  parties: readonly PartyDto[];
}

export interface ThreadsPanelProps {
  context: ThreadsContext;
  editor: Editor;
  ydoc: Y.Doc;
  state: ThreadsState;
  placed: readonly PlacedThread[];
  reload: () => void;
  put: (thread: ThreadDto) => void;
  /** Clause id → number ("B-03"), for labels. */
  numbers: ReadonlyMap<string, string>;
  filter: ThreadFilter;
  onFilter: (filter: ThreadFilter) => void;
  clauseFilter: string | null;
  onClauseFilter: (clauseId: string | null) => void;
  /** A thread to show and focus (permalink, a new thread); cleared by `onFocused`. */
  focusThreadId: string | null;
  onFocused: () => void;
  /** A permalink to a thread we may not see, or that is gone. */
  missingThread: boolean;
  /** Moves focus to the section's heading whenever it changes (a clause's badge was used). */
  focusPanelKey?: number;
  /** Starts a new thread whenever it changes (the keyboard shortcut in the text). */
  startKey?: number;
}

function partyName(parties: readonly PartyDto[], id: string | null): string {
  return parties.find((p) => p.id === id)?.name ?? '';
}

/** The members who can see a thread of this visibility (the only ones one may mention). */
export function mentionable(context: ThreadsContext, visibility: ThreadVisibility): MemberDto[] {
  const { me, members } = context;
  return members
    .filter((m) => m.userId !== me.userId)
    .filter((m) =>
      visibility === 'party' || context.partyNotes
        ? m.role === 'negotiator' && m.partyId === me.partyId
        : true,
    )
    .sort((a, b) => a.name.localeCompare(b.name));
}

function scrollEditorTo(editor: Editor, pos: number): void {
  try {
    const { node } = editor.view.domAtPos(pos);
    const el = node instanceof Element ? node : node.parentElement;
    el?.scrollIntoView({ block: 'center' });
  } catch {
    // The position left the document in the meantime; nothing to scroll to.
  }
}

/**
 * The comment threads of the document (issue #5): start one on the selected text or the clause
 * holding the cursor, read them in document order, reply, edit or delete one's own messages,
 * resolve and reopen. A section of the side panel, so the outline and ledger stay below it.
 */
export function ThreadsPanel(props: ThreadsPanelProps) {
  const { context, editor, ydoc, state, placed, numbers, filter, clauseFilter } = props;
  const { t } = useTranslation();
  const headingId = useId();
  const filterId = useId();
  const [composing, setComposing] = useState<ThreadTarget | 'none' | null>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const canWrite = context.me.role !== 'observer';
  const heading = useRef<HTMLHeadingElement>(null);
  const focusPanelKey = props.focusPanelKey ?? 0;
  useEffect(() => {
    if (focusPanelKey === 0) return;
    heading.current?.scrollIntoView({ block: 'nearest' });
    heading.current?.focus({ preventScroll: true });
  }, [focusPanelKey]);

  const start = () => {
    setComposing(threadTarget(ydoc, editor.state) ?? 'none');
  };
  const startKey = props.startKey ?? 0;
  const [startedKey, setStartedKey] = useState(startKey);
  if (startKey !== startedKey) {
    setStartedKey(startKey);
    if (canWrite) setComposing(threadTarget(ydoc, editor.state) ?? 'none');
  }
  const closeComposer = () => {
    setComposing(null);
    startButton.current?.focus();
  };

  const shown =
    state.status === 'ready' ? visibleThreads(placed, filter, context.me.userId, clauseFilter) : [];

  return (
    <section className="threads" aria-labelledby={headingId}>
      <div className="threads__top">
        <h3 id={headingId} ref={heading} tabIndex={-1} className="side-panel__heading">
          {t('threads.heading')}
        </h3>
        {canWrite && (
          <button
            ref={startButton}
            type="button"
            className="button button--primary threads__start"
            aria-keyshortcuts={shortcutAria()}
            title={t('threads.startTitle', { shortcut: shortcutText() })}
            // Keep the editor's selection: the button must not take it away on mousedown.
            onMouseDown={(event) => event.preventDefault()}
            onClick={start}
          >
            {t('threads.start')}
          </button>
        )}
      </div>
      {composing === 'none' && (
        <p className="notice notice--info" role="status">
          {t('threads.noTarget')}
        </p>
      )}
      {composing !== null && composing !== 'none' && (
        <NewThreadForm
          context={context}
          target={composing}
          numbers={numbers}
          onCancel={closeComposer}
          onCreated={(thread) => {
            setComposing(null);
            props.put(thread);
            props.onFilter('open');
            props.onClauseFilter(null);
            focusLater(thread.id);
          }}
        />
      )}
      <div className="threads__filters">
        <label htmlFor={filterId}>{t('threads.filter')}</label>
        <select
          id={filterId}
          className="threads__select"
          value={filter}
          onChange={(event) => props.onFilter(event.target.value as ThreadFilter)}
        >
          {THREAD_FILTERS.map((f) => (
            <option key={f} value={f}>
              {t(`threads.filters.${f}`)}
            </option>
          ))}
        </select>
        {clauseFilter !== null && (
          <span className="threads__clause-filter">
            <span>{t('threads.clauseFilter', { number: numbers.get(clauseFilter) ?? '?' })}</span>
            <button
              type="button"
              className="clause__button"
              onClick={() => props.onClauseFilter(null)}
            >
              {t('threads.clearClause')}
            </button>
          </span>
        )}
      </div>
      {props.missingThread && (
        <p className="notice notice--error" role="alert">
          {t('threads.notFound')}
        </p>
      )}
      {state.status === 'loading' && <p className="loading">{t('threads.loading')}</p>}
      {state.status === 'failed' && (
        <div role="alert" className="notice notice--error">
          <p>{t('threads.loadFailed')}</p>
          <button type="button" className="clause__button" onClick={props.reload}>
            {t('threads.retry')}
          </button>
        </div>
      )}
      {state.status === 'ready' && shown.length === 0 && (
        <p className="threads__empty">{t('threads.empty')}</p>
      )}
      {shown.length > 0 && (
        <ol className="threads__list">
          {shown.map((p) => (
            <li key={p.thread.id}>
              <ThreadItem
                context={context}
                editor={editor}
                placed={p}
                numbers={numbers}
                put={props.put}
                reload={props.reload}
                focus={props.focusThreadId === p.thread.id}
                onFocused={props.onFocused}
              />
            </li>
          ))}
        </ol>
      )}
    </section>
  );

  function focusLater(threadId: string) {
    // After the list shows the new thread.
    setTimeout(() => {
      const el = document.getElementById(threadDomId(threadId));
      el?.focus();
    }, 0);
  }
}

const mac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const shortcutAria = () => (mac() ? 'Meta+Alt+M' : 'Control+Alt+M');
const shortcutText = () => (mac() ? '⌘ ⌥ M' : 'Ctrl+Alt+M');

export function threadDomId(threadId: string): string {
  return `thread-${threadId}`;
}

/** The server's own words for a refused field (e.g. a mention of someone who cannot see it). */
function RequestError({ error }: { error: unknown }) {
  const fields = isApiError(error) ? Object.values(error.fields) : [];
  return (
    <div role="alert" className="threads__error">
      <ErrorNotice error={error} />
      {fields.length > 0 && (
        <ul className="threads__error-fields">
          {fields.map((message, i) => (
            <li key={i} lang="en">
              {message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function NewThreadForm({
  context,
  target,
  numbers,
  onCancel,
  onCreated,
}: {
  context: ThreadsContext;
  target: ThreadTarget;
  numbers: ReadonlyMap<string, string>;
  onCancel: () => void;
  onCreated: (thread: ThreadDto) => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const bodyId = useId();
  const negotiator = context.me.role === 'negotiator' && context.me.partyId !== null;
  const [visibility, setVisibility] = useState<ThreadVisibility>(
    context.partyNotes ? 'party' : 'shared',
  );
  const [body, setBody] = useState('');
  const [mentions, setMentions] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  useEffect(() => textarea.current?.focus(), []);
  const myParty = partyName(context.parties, context.me.partyId);
  const candidates = mentionable(context, visibility);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { thread } = await threadsApi.create(context.workspaceId, context.documentId, {
        visibility,
        body,
        mentions: candidates.filter((m) => mentions.has(m.userId)).map((m) => m.userId),
        ...(target.kind === 'clause'
          ? { clauseId: target.clauseId }
          : {
              anchor: target.anchor,
              quote: target.quote,
              ...(target.clauseId === null ? {} : { clauseId: target.clauseId }),
            }),
      });
      onCreated(thread);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <form className="thread-form" aria-labelledby={headingId} onSubmit={(e) => void submit(e)}>
      <h4 id={headingId} className="side-panel__subheading">
        {t('threads.newHeading')}
      </h4>
      <p className="thread-form__target">
        {target.kind === 'text'
          ? t('threads.onSelection', { quote: target.quote })
          : t('threads.onClause', { number: numbers.get(target.clauseId) ?? '?' })}
      </p>
      <label htmlFor={bodyId}>{t('threads.body')}</label>
      <textarea
        id={bodyId}
        ref={textarea}
        className="thread-form__body"
        rows={3}
        required
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      {negotiator && !context.partyNotes && (
        <fieldset className="thread-form__group">
          <legend>{t('threads.visibility')}</legend>
          {(['shared', 'party'] as const).map((v) => (
            <label key={v} className="thread-form__choice">
              <input
                type="radio"
                name={`${headingId}-visibility`}
                value={v}
                checked={visibility === v}
                onChange={() => setVisibility(v)}
              />{' '}
              <VisibilityIcon visibility={v} />{' '}
              {v === 'shared' ? t('threads.shared') : t('threads.party', { party: myParty })}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset className="thread-form__group">
        <legend>{t('threads.mentions')}</legend>
        {candidates.length === 0 && <p>{t('threads.noMentionable')}</p>}
        {candidates.map((m) => (
          <label key={m.userId} className="thread-form__choice">
            <input
              type="checkbox"
              checked={mentions.has(m.userId)}
              onChange={(e) => {
                const next = new Set(mentions);
                if (e.target.checked) next.add(m.userId);
                else next.delete(m.userId);
                setMentions(next);
              }}
            />{' '}
            <PartySwatchDot color={context.parties.find((p) => p.id === m.partyId)?.color} />
            {m.name}
            {m.partyId !== null && ` (${partyName(context.parties, m.partyId)})`}
          </label>
        ))}
      </fieldset>
      {error !== null && <RequestError error={error} />}
      <div className="thread-form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('threads.post')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('threads.cancel')}
        </button>
      </div>
    </form>
  );
}

/** A lock (internal) or two people (shared); the text beside it carries the meaning. */
function VisibilityIcon({ visibility }: { visibility: ThreadVisibility }) {
  return (
    <svg
      className="thread__icon"
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 16 16"
      width="14"
      height="14"
    >
      {visibility === 'party' ? (
        <path fill="currentColor" d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1Zm2 0h4V5a2 2 0 1 0-4 0v2Z" />
      ) : (
        <path
          fill="currentColor"
          d="M5.5 7a2.5 2.5 0 1 1 0-5 2.5 2.5 0 0 1 0 5Zm6 0a2 2 0 1 1 0-4 2 2 0 0 1 0 4ZM0 14c0-3 2.5-5 5.5-5S11 11 11 14H0Zm12 0c0-1.8-.6-3.4-1.7-4.5.4-.3 1-.5 1.7-.5 2.3 0 4 1.7 4 5h-4Z"
        />
      )}
    </svg>
  );
}

function ThreadItem({
  context,
  editor,
  placed,
  numbers,
  put,
  reload,
  focus,
  onFocused,
}: {
  context: ThreadsContext;
  editor: Editor;
  placed: PlacedThread;
  numbers: ReadonlyMap<string, string>;
  put: (thread: ThreadDto) => void;
  reload: () => void;
  focus: boolean;
  onFocused: () => void;
}) {
  const { t } = useTranslation();
  const { thread } = placed;
  const titleId = useId();
  const replyId = useId();
  const article = useRef<HTMLElement>(null);
  const [reply, setReply] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const canWrite = context.me.role !== 'observer';
  const number = placed.clauseId === null ? undefined : numbers.get(placed.clauseId);
  const where = number !== undefined ? t('threads.onClauseShort', { number }) : t('threads.onText');

  useEffect(() => {
    if (!focus) return;
    if (placed.pos !== null) scrollEditorTo(editor, placed.pos);
    article.current?.scrollIntoView({ block: 'nearest' });
    article.current?.focus({ preventScroll: true });
    onFocused();
  }, [focus, placed.pos, editor, onFocused]);

  const act = async (run: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const goTo = () => {
    if (placed.range !== null) {
      editor.chain().focus().setTextSelection(placed.range).scrollIntoView().run();
      scrollEditorTo(editor, placed.range.from);
    } else if (placed.clauseId !== null) {
      scrollToClause(editor, placed.clauseId);
    }
  };

  const link = `${window.location.origin}${notificationPath({
    workspaceId: thread.workspaceId,
    documentId: thread.documentId,
    threadId: thread.id,
  })}`;

  return (
    <article
      ref={article}
      id={threadDomId(thread.id)}
      className="thread"
      tabIndex={-1}
      aria-labelledby={titleId}
      data-thread-id={thread.id}
      data-status={thread.status}
      data-visibility={thread.visibility}
    >
      <div className="thread__top">
        <h4 id={titleId} className="thread__title">
          {t('threads.threadLabel', { where })}
        </h4>
        <span className="thread__status" data-status={thread.status}>
          {t(`threads.statuses.${thread.status}`)}
        </span>
      </div>
      <p className="thread__visibility" data-visibility={thread.visibility}>
        <VisibilityIcon visibility={thread.visibility} />{' '}
        <span>
          {thread.visibility === 'party'
            ? t('threads.partyShort', { party: partyName(context.parties, thread.partyId) })
            : t('threads.sharedShort')}
        </span>
      </p>
      {thread.quote !== '' && (
        <blockquote className="thread__quote" aria-label={t('threads.quote')}>
          {thread.quote}
        </blockquote>
      )}
      {placed.detached && <p className="thread__detached">{t('threads.detached')}</p>}
      <ol className="thread__comments" aria-label={t('threads.commentsLabel')}>
        {thread.comments.map((c) => (
          <CommentItem
            key={c.id}
            context={context}
            comment={c}
            onChanged={reload}
            canWrite={canWrite}
          />
        ))}
      </ol>
      {canWrite && thread.status === 'open' && (
        <form
          className="thread__reply"
          onSubmit={(event) => {
            event.preventDefault();
            void act(async () => {
              await threadsApi.reply(context.workspaceId, thread.id, { body: reply });
              setReply('');
              reload();
            });
          }}
        >
          <label htmlFor={replyId}>{t('threads.reply')}</label>
          <textarea
            id={replyId}
            rows={2}
            required
            value={reply}
            onChange={(e) => setReply(e.target.value)}
          />
          <button type="submit" className="clause__button" disabled={busy}>
            {t('threads.send')}
          </button>
        </form>
      )}
      {error !== null && <RequestError error={error} />}
      <div className="thread__actions">
        {!placed.detached && (
          <button type="button" className="clause__button" onClick={goTo}>
            {t('threads.goTo')}
          </button>
        )}
        {canWrite && (
          <button
            type="button"
            className="clause__button"
            disabled={busy}
            onClick={() =>
              void act(async () => {
                const { thread: next } =
                  thread.status === 'open'
                    ? await threadsApi.resolve(context.workspaceId, thread.id)
                    : await threadsApi.reopen(context.workspaceId, thread.id);
                put(next);
              })
            }
          >
            {thread.status === 'open' ? t('threads.resolve') : t('threads.reopen')}
          </button>
        )}
        {canWrite && thread.status === 'open' && (
          <ParkThreadButton
            workspaceId={context.workspaceId}
            thread={thread}
            fallbackTitle={t('threads.threadLabel', { where })}
          />
        )}
        <button
          type="button"
          className="clause__button"
          onClick={() => void copyText(link).then((ok) => setCopied(ok))}
        >
          {t('threads.copyLink')}
        </button>
        <span role="status" className="thread__copied">
          {copied ? t('threads.copied') : ''}
        </span>
      </div>
    </article>
  );
}

function CommentItem({
  context,
  comment,
  onChanged,
  canWrite,
}: {
  context: ThreadsContext;
  comment: CommentDto;
  onChanged: () => void;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const editId = useId();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(comment.body ?? '');
  const [error, setError] = useState<unknown>(null);
  const author = context.members.find((m) => m.userId === comment.authorId);
  const party = context.parties.find((p) => p.id === author?.partyId);
  const own = canWrite && comment.authorId === context.me.userId && comment.deletedAt === null;
  const name =
    comment.authorId === context.me.userId
      ? t('threads.you', { name: comment.authorName })
      : comment.authorName;

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      onChanged();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <li className="comment" data-comment-id={comment.id}>
      <p className="comment__meta">
        <PartySwatchDot color={party?.color} />
        <span className="comment__author">{name}</span>
        {party !== undefined && <span className="comment__party"> ({party.name})</span>}{' '}
        <time dateTime={new Date(comment.createdAt).toISOString()} className="comment__time">
          {formatDate(comment.createdAt)}
        </time>
        {comment.editedAt !== null && comment.deletedAt === null && ` ${t('threads.edited')}`}
      </p>
      {comment.body === null ? (
        <p className="comment__deleted">{t('threads.deleted')}</p>
      ) : editing ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void run(async () => {
              await threadsApi.edit(context.workspaceId, comment.threadId, comment.id, {
                body: draft,
              });
              setEditing(false);
            });
          }}
        >
          <label htmlFor={editId}>{t('threads.editLabel')}</label>
          <textarea
            id={editId}
            rows={3}
            required
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="clause__button">
            {t('threads.save')}
          </button>
          <button type="button" className="clause__button" onClick={() => setEditing(false)}>
            {t('threads.cancel')}
          </button>
        </form>
      ) : (
        <p className="comment__body">{comment.body}</p>
      )}
      {own && !editing && (
        <div className="comment__actions">
          <button
            type="button"
            className="clause__button"
            onClick={() => {
              setDraft(comment.body ?? '');
              setEditing(true);
            }}
          >
            {t('threads.edit')}
          </button>
          <button
            type="button"
            className="clause__button"
            onClick={() =>
              void run(() => threadsApi.remove(context.workspaceId, comment.threadId, comment.id))
            }
          >
            {t('threads.delete')}
          </button>
        </div>
      )}
      {error !== null && <RequestError error={error} />}
    </li>
  );
}
