import type { DocumentDto, FacilitationTopic, ThreadDto } from '@akkoord/domain';

/**
 * Something changed in a workspace that members' screens should learn about without a reload.
 * Carries everything a recipient filter needs (the document's kind and party, the thread's
 * visibility), so delivery can decide per recipient without a lookup. Plain data: a hub that
 * spans processes (Redis) can serialize it.
 */
export type WorkspaceEvent = ThreadEvent | FacilitationEvent;

export interface ThreadEvent {
  type: 'thread';
  workspaceId: string;
  document: Pick<DocumentDto, 'id' | 'kind' | 'partyId'>;
  thread: ThreadDto;
}

/** Facilitator mode: which part changed; it carries no content, so every member may have it. */
export interface FacilitationEvent {
  type: 'facilitation';
  workspaceId: string;
  topic: FacilitationTopic;
  meetingId?: string;
}

export type EventListener = (event: WorkspaceEvent) => void;

/**
 * Fan-out of workspace events to the streams of this process. It does not filter: every
 * listener decides per event whether its member may receive it (see `EventStreams`). Replaceable
 * by a Redis-backed hub for the multi-instance mode.
 */
export interface EventHub {
  publish(event: WorkspaceEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(workspaceId: string, listener: EventListener): () => void;
}

/** The in-process hub. */
export class LocalEventHub implements EventHub {
  private readonly listeners = new Map<string, Set<EventListener>>();

  publish(event: WorkspaceEvent): void {
    for (const l of [...(this.listeners.get(event.workspaceId) ?? [])]) l(event);
  }

  subscribe(workspaceId: string, listener: EventListener): () => void {
    let set = this.listeners.get(workspaceId);
    if (!set) this.listeners.set(workspaceId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(workspaceId) === set)
        this.listeners.delete(workspaceId);
    };
  }

  /** Listeners of a workspace (for tests and metrics). */
  listenerCount(workspaceId?: string): number {
    if (workspaceId !== undefined) return this.listeners.get(workspaceId)?.size ?? 0;
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }
}
